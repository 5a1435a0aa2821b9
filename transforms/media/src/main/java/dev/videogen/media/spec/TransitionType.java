package dev.videogen.media.spec;

/** How one slide gives way to the next (see {@link Transition}). */
public enum TransitionType {
  /** No transition: the next slide's first frame replaces the previous slide at once (v1's behaviour). */
  CUT("cut"),
  /** The outgoing slide dissolves into the incoming one: A·(1 − w) + B·w. */
  CROSSFADE("crossfade"),
  /** The outgoing slide fades to black, then the incoming one fades in from black. */
  FADE_THROUGH_BLACK("fade-through-black");

  private final String specName;

  TransitionType(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  /** The type named in a spec, or null. */
  public static TransitionType fromSpec(String name) {
    for (TransitionType type : values()) {
      if (type.specName.equals(name)) {
        return type;
      }
    }
    return null;
  }
}
