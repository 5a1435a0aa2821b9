package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * Where an overlay sits: its {@code anchor} point on the frame's anchor point, moved inwards by the margins
 * {@code x} (a fraction of the frame width, or pixels) and {@code y} (of the frame height): away from the
 * left or right edge, the top or bottom edge; for a centred axis, right or down. The top-left corner is
 * then rounded to even pixel coordinates (4:2:0 chroma blocks), see {@link #left} and {@link #top}.
 */
public record Placement(Anchor anchor, Length x, Length y) implements Serializable {
  public static final Placement CENTERED = new Placement(Anchor.CENTER, Length.ZERO, Length.ZERO);

  /** The left edge of a box {@code boxWidth} wide in a frame {@code frameWidth} wide, rounded to an even pixel. */
  public int left(int frameWidth, double boxWidth) {
    return evenPixel(offset(anchor.h(), frameWidth, boxWidth, x.resolve(frameWidth)));
  }

  /** The top edge of a box {@code boxHeight} high in a frame {@code frameHeight} high, rounded to an even pixel. */
  public int top(int frameHeight, double boxHeight) {
    return evenPixel(offset(anchor.v(), frameHeight, boxHeight, y.resolve(frameHeight)));
  }

  private static double offset(double side, int frame, double box, double margin) {
    double inward = side == 1 ? -margin : margin;
    return side * (frame - box) + inward;
  }

  /** 2·⌊x/2 + ½⌋: the nearest even integer, halves rounded up. */
  static int evenPixel(double x) {
    return 2 * (int) Math.floor(x / 2 + 0.5);
  }

  @Override
  public String toString() {
    return anchor + " x=" + x + " y=" + y;
  }
}
