package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * How a text overlay is drawn. {@code size} is the font size (the em; a fraction of the frame height or
 * pixels); {@code outlineWidth} (0: none) and the shadow offsets are lengths of the same kind;
 * {@code shadowColor} is null for no shadow; {@code maxWidth} (null: none; a fraction of the frame width or
 * pixels) wraps lines at spaces; {@code lineHeight} is the distance between baselines in ems; {@code font} is
 * the resolved URI of a TrueType font file, null for the bundled font.
 */
public record TextStyle(Length size, Rgba color, Length outlineWidth, Rgba outlineColor, Length shadowX,
    Length shadowY, Rgba shadowColor, Length maxWidth, TextAlign align, double lineHeight, String font)
    implements Serializable {
  public static final Length DEFAULT_SIZE = Length.fraction(0.05);
  public static final double DEFAULT_LINE_HEIGHT = 1.2;

  /** Plain white text of the default size, aligned as {@code align}, no outline, shadow or wrapping. */
  public static TextStyle plain(TextAlign align) {
    return new TextStyle(DEFAULT_SIZE, Rgba.WHITE, Length.ZERO, Rgba.BLACK, Length.ZERO, Length.ZERO, null, null,
        align, DEFAULT_LINE_HEIGHT, null);
  }

  public boolean hasOutline() {
    return !outlineWidth.isZero();
  }

  public boolean hasShadow() {
    return shadowColor != null;
  }

  /**
   * A caption style: text of {@code size} (a fraction of the frame height), centred, white with a black
   * outline of a tenth of the size and wrapped at 90 % of the frame width.
   */
  public static TextStyle caption(double size) {
    return new TextStyle(Length.fraction(size), Rgba.WHITE, Length.fraction(size / 10), Rgba.BLACK, Length.ZERO,
        Length.ZERO, null, Length.fraction(0.9), TextAlign.CENTER, DEFAULT_LINE_HEIGHT, null);
  }
}
