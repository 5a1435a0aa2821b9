package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * A transition as written in the spec: its type and length in seconds. A {@link TransitionType#CUT} has no
 * length ({@link #CUT}); any other type has 0 &lt; seconds ≤ {@link #MAX_SECONDS}. Where it sits on the
 * frame grid is the planner's business ({@code dev.videogen.media.plan.Composition}).
 */
public record Transition(TransitionType type, double seconds) implements Serializable {
  /** The longest transition a spec may ask for: longer would be a slide of its own. */
  public static final double MAX_SECONDS = 60;
  /** No transition, v1's behaviour and the default. */
  public static final Transition CUT = new Transition(TransitionType.CUT, 0);

  public Transition {
    if (type == null) {
      throw new IllegalArgumentException("type is required");
    }
    if (type == TransitionType.CUT ? seconds != 0 : !(seconds > 0 && seconds <= MAX_SECONDS)) {
      throw new IllegalArgumentException("a " + type.specName() + " cannot last " + seconds + " s");
    }
  }

  public boolean isCut() {
    return type == TransitionType.CUT;
  }

  @Override
  public String toString() {
    return isCut() ? "cut" : type.specName() + " " + seconds + "s";
  }
}
