package dev.videogen.media.overlay;

import dev.videogen.media.spec.TextAlign;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each glyph of a text goes, in pixels, inside the text's box: lines broken at "\n" and, with a
 * maximum width, wrapped at spaces (greedy: as many words as fit; a word wider than the maximum stands
 * alone and may overflow). Advances and kerning come from the font, scaled by size / unitsPerEm; positions
 * keep their fractions. The box is as wide as the widest line and as high as ascender − descender plus
 * (lines − 1)·lineHeight·size; line k's baseline is at ascender + k·lineHeight·size from its top, and each
 * line is aligned left, centred or right in the box.
 */
public record TextLayout(FontFace face, double size, double width, double height, List<Line> lines) {

  /** One line: its glyphs, each glyph's origin (x from the box's left edge) and its baseline (from the top). */
  public record Line(int[] glyphs, double[] x, double baseline, double width) {}

  public static TextLayout of(FontFace face, String text, double size, double maxWidth, double lineHeight,
      TextAlign align) {
    double scale = size / face.unitsPerEm();
    List<int[]> lineCodes = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      if (maxWidth > 0) {
        wrap(face, paragraph, maxWidth / scale, lineCodes);
      } else {
        lineCodes.add(paragraph.codePoints().toArray());
      }
    }
    double boxWidth = 0;
    double[] widths = new double[lineCodes.size()];
    for (int k = 0; k < widths.length; k++) {
      widths[k] = advanceUnits(face, lineCodes.get(k)) * scale;
      boxWidth = Math.max(boxWidth, widths[k]);
    }
    double ascent = face.ascender() * scale;
    double step = lineHeight * size;
    double boxHeight = (face.ascender() - face.descender()) * scale + (lineCodes.size() - 1) * step;
    List<Line> lines = new ArrayList<>();
    for (int k = 0; k < widths.length; k++) {
      int[] codes = lineCodes.get(k);
      double left = switch (align) {
        case LEFT -> 0;
        case CENTER -> (boxWidth - widths[k]) / 2;
        case RIGHT -> boxWidth - widths[k];
      };
      int[] glyphs = new int[codes.length];
      double[] xs = new double[codes.length];
      long pen = 0;
      for (int i = 0; i < codes.length; i++) {
        glyphs[i] = face.glyphId(codes[i]);
        if (i > 0) {
          pen += face.kerning(glyphs[i - 1], glyphs[i]);
        }
        xs[i] = left + pen * scale;
        pen += face.glyph(glyphs[i]).advance();
      }
      lines.add(new Line(glyphs, xs, ascent + k * step, widths[k]));
    }
    return new TextLayout(face, size, boxWidth, boxHeight, lines);
  }

  /** The advance of a run of code points in font units: advances plus kerning between neighbours. */
  static long advanceUnits(FontFace face, int[] codes) {
    long pen = 0;
    int previous = -1;
    for (int code : codes) {
      int glyph = face.glyphId(code);
      if (previous >= 0) {
        pen += face.kerning(previous, glyph);
      }
      pen += face.glyph(glyph).advance();
      previous = glyph;
    }
    return pen;
  }

  private static void wrap(FontFace face, String paragraph, double maxUnits, List<int[]> out) {
    String[] words = paragraph.split(" ", -1);
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      if (line.length() == 0) {
        line.append(word);
        continue;
      }
      String longer = line + " " + word;
      if (advanceUnits(face, longer.codePoints().toArray()) <= maxUnits) {
        line.append(' ').append(word);
      } else {
        out.add(line.toString().codePoints().toArray());
        line.setLength(0);
        line.append(word);
      }
    }
    out.add(line.toString().codePoints().toArray());
  }

  public int lineCount() {
    return lines.size();
  }
}
