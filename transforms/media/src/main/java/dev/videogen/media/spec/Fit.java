package dev.videogen.media.spec;

/** How an image's aspect ratio is reconciled with the output's. */
public enum Fit {
  /** The base view is the largest output-shaped rectangle inside the image. */
  COVER("cover"),
  /** The base view holds the whole image; the rest shows a blurred, darkened cover of it. */
  CONTAIN("contain");

  private final String specName;

  Fit(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  static Fit fromSpec(String name) {
    for (Fit fit : values()) {
      if (fit.specName.equals(name)) {
        return fit;
      }
    }
    return null;
  }
}
