package dev.videogen.media.plan;

import java.io.Serializable;

/**
 * The video's fade from black over its first {@code inFrames} frames and to black over its last
 * {@code outFrames} frames of {@code totalFrames}. Frame i &lt; m has gain (i + 1)/(m + 1); frame
 * i ≥ N − m' has gain (N − i)/(m' + 1); where both apply they multiply.
 */
public record VideoFades(long inFrames, long outFrames, long totalFrames) implements Serializable {
  public static final VideoFades NONE = new VideoFades(0, 0, 0);

  public VideoFades {
    if (inFrames < 0 || outFrames < 0 || totalFrames < 0) {
      throw new IllegalArgumentException("negative fade: " + inFrames + ", " + outFrames + " of " + totalFrames);
    }
  }

  public boolean isNone() {
    return inFrames == 0 && outFrames == 0;
  }

  public boolean fadesIn(long frame) {
    return frame < inFrames;
  }

  public boolean fadesOut(long frame) {
    return outFrames > 0 && frame >= totalFrames - outFrames;
  }

  /** Whether any frame of [first, end) is in the fade-in. */
  public boolean fadesIn(long first, long end) {
    return first < end && fadesIn(first);
  }

  /** Whether any frame of [first, end) is in the fade-out. */
  public boolean fadesOut(long first, long end) {
    return first < end && fadesOut(end - 1);
  }
}
