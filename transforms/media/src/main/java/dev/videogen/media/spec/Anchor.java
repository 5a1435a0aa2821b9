package dev.videogen.media.spec;

/**
 * Which point of an overlay sits at the same point of the frame: a corner, the middle of an edge, or the
 * centre. {@code h} and {@code v} are 0 (left/top), ½ (centre) or 1 (right/bottom).
 */
public enum Anchor {
  TOP_LEFT("top-left", 0, 0),
  TOP("top", 0.5, 0),
  TOP_RIGHT("top-right", 1, 0),
  LEFT("left", 0, 0.5),
  CENTER("center", 0.5, 0.5),
  RIGHT("right", 1, 0.5),
  BOTTOM_LEFT("bottom-left", 0, 1),
  BOTTOM("bottom", 0.5, 1),
  BOTTOM_RIGHT("bottom-right", 1, 1);

  private final String specName;
  private final double h;
  private final double v;

  Anchor(String specName, double h, double v) {
    this.specName = specName;
    this.h = h;
    this.v = v;
  }

  public String specName() {
    return specName;
  }

  public double h() {
    return h;
  }

  public double v() {
    return v;
  }

  /** The anchor a spec names, or null. */
  public static Anchor fromSpec(String name) {
    for (Anchor anchor : values()) {
      if (anchor.specName.equals(name)) {
        return anchor;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return specName;
  }
}
