package dev.videogen.media.overlay;

import dev.videogen.media.spec.Placement;
import dev.videogen.media.spec.Rgba;
import dev.videogen.media.spec.TextStyle;

/**
 * Draws a laid-out text in its style: the glyph outlines rasterised with exact area coverage
 * ({@link CoverageRaster}), an outline as the coverage dilated by its width, a drop shadow as a copy of
 * what is drawn (outline included) moved by whole pixels, composited shadow, outline, fill in that order,
 * "over" with premultiplied alpha. The picture holds the ink plus a margin, its origin an even number of
 * pixels from the text box's top-left corner (so placing the box on even pixels keeps 4:2:0 chroma blocks
 * aligned). Pure Java doubles: the same text and style give the same picture on every JVM.
 */
public final class TextPainter {
  private TextPainter() {}

  /**
   * The picture and where the text box's top-left corner lies in it ({@code boxX}, {@code boxY}, even).
   * Lengths of the style resolve against a frame of {@code frameWidth} × {@code frameHeight}.
   */
  public record Painted(RgbaImage image, int boxX, int boxY, double boxWidth, double boxHeight) {}

  public static Painted paint(TextLayout layout, TextStyle style, int frameWidth, int frameHeight) {
    return paint(layout, style, frameWidth, frameHeight, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #paint(TextLayout, TextStyle, int, int)} for a box placed at {@code placement}: only the part
   * of the picture that can show in the frame is drawn (so a long text costs at most a frame's worth of
   * pixels). What is drawn is the same as without the cut.
   */
  public static Painted paint(TextLayout layout, TextStyle style, int frameWidth, int frameHeight,
      Placement placement) {
    int boxLeft = placement.left(frameWidth, layout.width());
    int boxTop = placement.top(frameHeight, layout.height());
    return paint(layout, style, frameWidth, frameHeight, -boxLeft, -boxTop, frameWidth - boxLeft,
        frameHeight - boxTop);
  }

  /** The picture, drawn only within the visible rectangle (box coordinates) and a guard band around it. */
  private static Painted paint(TextLayout layout, TextStyle style, int frameWidth, int frameHeight,
      double visibleLeft, double visibleTop, double visibleRight, double visibleBottom) {
    double outline = style.hasOutline() ? style.outlineWidth().resolve(frameHeight) : 0;
    int shiftX = style.hasShadow() ? (int) Math.round(style.shadowX().resolve(frameWidth)) : 0;
    int shiftY = style.hasShadow() ? (int) Math.round(style.shadowY().resolve(frameHeight)) : 0;
    double scale = layout.size() / layout.face().unitsPerEm();
    // The ink's extent in box coordinates, from the glyphs' points (a quadratic lies inside its hull).
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (TextLayout.Line line : layout.lines()) {
      for (int i = 0; i < line.glyphs().length; i++) {
        FontFace.Glyph glyph = layout.face().glyph(line.glyphs()[i]);
        for (int p = 0; p < glyph.xs().length; p++) {
          double x = line.x()[i] + glyph.xs()[p] * scale;
          double y = line.baseline() - glyph.ys()[p] * scale;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    if (minX > maxX) { // nothing but spaces: a blank picture of the box
      minX = 0;
      minY = 0;
      maxX = Math.max(1, layout.width());
      maxY = Math.max(1, layout.height());
    }
    double margin = Math.ceil(outline) + 2;
    int left = evenFloor(Math.min(minX - margin, minX - margin + shiftX));
    int top = evenFloor(Math.min(minY - margin, minY - margin + shiftY));
    int right = (int) Math.ceil(Math.max(maxX + margin, maxX + margin + shiftX));
    int bottom = (int) Math.ceil(Math.max(maxY + margin, maxY + margin + shiftY));
    // Beyond what can show, pixels matter only as far as an outline or shadow reaches from them.
    int guard = evenCeil((int) margin + Math.max(Math.abs(shiftX), Math.abs(shiftY)) + 2);
    if (visibleLeft > Double.NEGATIVE_INFINITY) {
      left = Math.max(left, evenFloor(visibleLeft - guard));
      top = Math.max(top, evenFloor(visibleTop - guard));
      right = Math.min(right, (int) Math.ceil(visibleRight + guard));
      bottom = Math.min(bottom, (int) Math.ceil(visibleBottom + guard));
    }
    int width = Math.max(2, evenCeil(right - left));
    int height = Math.max(2, evenCeil(bottom - top));

    CoverageRaster raster = new CoverageRaster(width, height);
    for (TextLayout.Line line : layout.lines()) {
      for (int i = 0; i < line.glyphs().length; i++) {
        trace(raster, layout.face().glyph(line.glyphs()[i]), line.x()[i] - left, line.baseline() - top, scale);
      }
    }
    double[] fill = raster.coverage();
    double[] stroke = outline > 0 ? Dilation.dilate(fill, width, height, outline) : null;
    RgbaImage image = RgbaImage.transparent(width, height);
    if (style.hasShadow()) {
      double[] shadow = Dilation.shift(stroke != null ? stroke : fill, width, height, shiftX, shiftY);
      paint(image, shadow, style.shadowColor());
    }
    if (stroke != null) {
      paint(image, stroke, style.outlineColor());
    }
    paint(image, fill, style.color());
    return new Painted(image, -left, -top, layout.width(), layout.height());
  }

  private static void paint(RgbaImage image, double[] coverage, Rgba colour) {
    image.paintOver(coverage, colour.r(), colour.g(), colour.b(), colour.a());
  }

  /**
   * One glyph's contours at origin (ox, oy) in raster pixels (y down). TrueType contours are quadratic
   * B-splines: between two off-curve points lies an implied on-curve point at their midpoint.
   */
  static void trace(CoverageRaster raster, FontFace.Glyph glyph, double ox, double oy, double scale) {
    int start = 0;
    for (int end : glyph.contourEnds()) {
      int n = end - start + 1;
      if (n >= 2) {
        traceContour(raster, glyph, start, n, ox, oy, scale);
      }
      start = end + 1;
    }
  }

  private static void traceContour(CoverageRaster raster, FontFace.Glyph glyph, int start, int n, double ox,
      double oy, double scale) {
    // Begin at an on-curve point; if there is none, at the midpoint of the first two control points.
    int first = -1;
    for (int k = 0; k < n; k++) {
      if (glyph.onCurve()[start + k]) {
        first = k;
        break;
      }
    }
    double startX;
    double startY;
    if (first >= 0) {
      startX = px(glyph, start + first, ox, scale);
      startY = py(glyph, start + first, oy, scale);
    } else {
      first = 0;
      startX = (px(glyph, start, ox, scale) + px(glyph, start + 1, ox, scale)) / 2;
      startY = (py(glyph, start, oy, scale) + py(glyph, start + 1, oy, scale)) / 2;
    }
    raster.moveTo(startX, startY);
    boolean haveControl = false;
    double cx = 0;
    double cy = 0;
    for (int step = 1; step <= n; step++) {
      int p = start + (first + step) % n;
      double x = px(glyph, p, ox, scale);
      double y = py(glyph, p, oy, scale);
      if (glyph.onCurve()[p]) {
        if (haveControl) {
          raster.quadTo(cx, cy, x, y);
          haveControl = false;
        } else {
          raster.lineTo(x, y);
        }
      } else if (haveControl) {
        double mx = (cx + x) / 2;
        double my = (cy + y) / 2;
        raster.quadTo(cx, cy, mx, my);
        cx = x;
        cy = y;
      } else {
        cx = x;
        cy = y;
        haveControl = true;
      }
    }
    if (haveControl) {
      raster.quadTo(cx, cy, startX, startY);
    }
    raster.close();
  }

  private static double px(FontFace.Glyph glyph, int p, double ox, double scale) {
    return ox + glyph.xs()[p] * scale;
  }

  private static double py(FontFace.Glyph glyph, int p, double oy, double scale) {
    return oy - glyph.ys()[p] * scale;
  }

  private static int evenFloor(double x) {
    return 2 * (int) Math.floor(x / 2);
  }

  private static int evenCeil(int x) {
    return x + (x & 1);
  }
}
