package dev.videogen.media.spec;

/** How a slide's camera moves from {@code from} to {@code to} over its progress p in [0, 1]. */
public enum Easing {
  LINEAR("linear"),
  EASE_IN("ease-in"),
  EASE_OUT("ease-out"),
  EASE_IN_OUT("ease-in-out");

  private final String specName;

  Easing(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  public double apply(double p) {
    return switch (this) {
      case LINEAR -> p;
      case EASE_IN -> 1 - Math.cos(Math.PI * p / 2);
      case EASE_OUT -> Math.sin(Math.PI * p / 2);
      case EASE_IN_OUT -> (1 - Math.cos(Math.PI * p)) / 2;
    };
  }

  static Easing fromSpec(String name) {
    for (Easing easing : values()) {
      if (easing.specName.equals(name)) {
        return easing;
      }
    }
    return null;
  }
}
