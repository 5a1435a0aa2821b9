package dev.videogen.media.plan;

import dev.videogen.media.spec.TransitionType;
import java.io.Serializable;

/**
 * A transition on the frame grid: frames [startFrame, startFrame + frames) blend the slide before
 * {@link #boundary()} (the incoming slide's first frame, a v1 slide boundary) with the slide from it on. The
 * window is centred on the boundary: ⌊frames/2⌋ frames before it, the rest from it on.
 */
public record TransitionWindow(TransitionType type, long startFrame, int frames) implements Serializable {

  public TransitionWindow {
    if (type == null || type == TransitionType.CUT || frames < 1 || startFrame < 0) {
      throw new IllegalArgumentException("not a transition window: " + type + " of " + frames + " frames at "
          + startFrame);
    }
  }

  /** The first frame of the incoming slide. */
  public long boundary() {
    return startFrame + frames / 2;
  }

  public long endFrame() {
    return startFrame + frames;
  }

  public boolean contains(long frame) {
    return frame >= startFrame && frame < endFrame();
  }
}
