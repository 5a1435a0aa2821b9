package dev.videogen.media.overlay;

import dev.videogen.media.plan.FrameMix;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * One showing of a layer: frames [startFrame, endFrame) of the global grid, fading in over the first
 * {@code fadeInFrames} and out over the last {@code fadeOutFrames}, drawn above every layer of a lower
 * {@code order}. Frame i has gain (i − start + 1)/(m + 1) in the fade-in, (end − i)/(m' + 1) in the fade-out
 * (both where they overlap), times the layer's opacity, rounded once, half up, to 1/{@link FrameMix#ONE}.
 */
public record OverlayShow(OverlayLayer layer, int order, long startFrame, long endFrame, long fadeInFrames,
    long fadeOutFrames) implements Serializable {

  public OverlayShow {
    if (startFrame < 0 || endFrame <= startFrame || fadeInFrames < 0 || fadeOutFrames < 0) {
      throw new IllegalArgumentException("show [" + startFrame + ", " + endFrame + ") fades " + fadeInFrames + "/"
          + fadeOutFrames);
    }
  }

  public boolean contains(long frame) {
    return frame >= startFrame && frame < endFrame;
  }

  public boolean overlaps(long first, long end) {
    return startFrame < end && endFrame > first;
  }

  /** The layer's gain at {@code frame} in 1/{@link FrameMix#ONE} (0 outside the show). */
  public int gainAt(long frame) {
    if (!contains(frame)) {
      return 0;
    }
    boolean fadingIn = frame - startFrame < fadeInFrames;
    boolean fadingOut = endFrame - 1 - frame < fadeOutFrames;
    if (!fadingIn && !fadingOut && layer.opacity() == 1) {
      return FrameMix.ONE; // the common case, every frame of a long showing
    }
    long num = 1;
    long den = 1;
    if (fadingIn) {
      num = frame - startFrame + 1;
      den = fadeInFrames + 1;
    }
    BigInteger n = BigInteger.valueOf(num);
    BigInteger d = BigInteger.valueOf(den);
    if (fadingOut) {
      n = n.multiply(BigInteger.valueOf(endFrame - frame));
      d = d.multiply(BigInteger.valueOf(fadeOutFrames + 1));
    }
    return new BigDecimal(n).multiply(new BigDecimal(layer.opacity())).multiply(BigDecimal.valueOf(FrameMix.ONE))
        .divide(new BigDecimal(d), 0, RoundingMode.HALF_UP).intValueExact();
  }

  /** What decides this show's pixels in a chunk starting at {@code first}, for its content key. */
  public String describe(long first) {
    return "overlay " + order + " " + layer.describe() + " at=" + (startFrame - first) + " frames="
        + (endFrame - startFrame) + " fadeIn=" + fadeInFrames + " fadeOut=" + fadeOutFrames;
  }
}
