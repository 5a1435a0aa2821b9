package dev.videogen.media.plan;

/**
 * How one output frame is made from at most two slides: black + gainA·(A − black) + gainB·(B − black), per
 * plane and sample, with gains in units of 1/{@link #ONE}. Slide A is the segment whose own frames contain
 * {@code frameA}; slide B the one whose own frames contain {@code frameB}, or none when {@code frameB} is −1.
 * Outside transitions and fades a frame is slide A alone at gain {@link #ONE}.
 */
public record FrameMix(long frameA, int gainA, long frameB, int gainB) {
  /** Gains are fixed-point fractions of 2^16: fine enough that a 60-s transition at 60 fps never repeats one. */
  public static final int SHIFT = 16;
  public static final int ONE = 1 << SHIFT;

  /** Frame {@code frame} of the slide shown there, untouched. */
  public static FrameMix plain(long frame) {
    return new FrameMix(frame, ONE, -1, 0);
  }

  /** True when the frame is just slide A as rendered: no blending pass at all. */
  public boolean isPlain() {
    return frameB < 0 && gainA == ONE;
  }

  public boolean hasB() {
    return frameB >= 0;
  }
}
