package dev.videogen.media.spec;

/** How the lines of a text overlay line up inside its box. */
public enum TextAlign {
  LEFT, CENTER, RIGHT;

  public String specName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static TextAlign fromSpec(String name) {
    for (TextAlign align : values()) {
      if (align.specName().equals(name)) {
        return align;
      }
    }
    return null;
  }

  /** The alignment that follows an anchor: left anchors align left, right anchors right, the others centre. */
  public static TextAlign following(Anchor anchor) {
    return anchor.h() == 0 ? LEFT : anchor.h() == 1 ? RIGHT : CENTER;
  }

  @Override
  public String toString() {
    return specName();
  }
}
