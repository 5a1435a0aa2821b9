package dev.videogen.media.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogen.media.spec.TextAlign;
import org.junit.jupiter.api.Test;

/** Layout from the bundled font's own numbers: advances, kerning, line breaks, wrapping, alignment. */
class TextLayoutTest {
  private static final FontFace FONT = FontFace.bundled();
  /** At 2048 px one font unit is one pixel. */
  private static final double UNIT = 2048;

  @Test
  void theBundledFontIsLiberationSansFromThePdfboxJar() {
    assertEquals("76d04c18ea243f426b7de1f3ad208e927008f961dc5945e5aad352d0dfde8ee8", FONT.sha256());
    assertEquals(2048, FONT.unitsPerEm());
    assertEquals(1854, FONT.ascender());
    assertEquals(-434, FONT.descender());
  }

  @Test
  void advancesAndKerningComeFromTheFont() {
    int a = FONT.glyphId('A');
    int v = FONT.glyphId('V');
    assertEquals(1366, FONT.glyph(a).advance());
    assertEquals(1366, FONT.glyph(v).advance());
    assertEquals(-152, FONT.kerning(a, v));
    TextLayout layout = TextLayout.of(FONT, "AV", UNIT, 0, 1.2, TextAlign.LEFT);
    assertEquals(1366 + 1366 - 152, layout.width(), 1e-9);
    assertArrayEquals(new double[] {0, 1366 - 152}, layout.lines().get(0).x(), 1e-9);
    // Half the size: every position halves.
    TextLayout half = TextLayout.of(FONT, "AV", UNIT / 2, 0, 1.2, TextAlign.LEFT);
    assertEquals((1366 + 1366 - 152) / 2.0, half.width(), 1e-9);
  }

  @Test
  void linesBreakAtNewlinesAndStackByTheLineHeight() {
    TextLayout layout = TextLayout.of(FONT, "AV\nA", UNIT, 0, 1.5, TextAlign.RIGHT);
    assertEquals(2, layout.lineCount());
    assertEquals(1854 + 434 + 1.5 * UNIT, layout.height(), 1e-9);
    assertEquals(1854, layout.lines().get(0).baseline(), 1e-9);
    assertEquals(1854 + 1.5 * UNIT, layout.lines().get(1).baseline(), 1e-9);
    // Right-aligned: the short line ends where the long one does.
    assertEquals(2580 - 1366, layout.lines().get(1).x()[0], 1e-9);
  }

  @Test
  void aMaximumWidthWrapsAtSpacesAndCentresEachLine() {
    int space = FONT.glyph(FONT.glyphId(' ')).advance();
    int o = FONT.glyph(FONT.glyphId('o')).advance();
    // "oo oo oo" with room for "oo oo" (2 o + space + 2 o) but not for all three words.
    double max = 4 * o + space;
    TextLayout layout = TextLayout.of(FONT, "oo oo oo", UNIT, max, 1.2, TextAlign.CENTER);
    assertEquals(2, layout.lineCount());
    assertEquals(5, layout.lines().get(0).glyphs().length);
    assertEquals(2, layout.lines().get(1).glyphs().length);
    assertEquals(4 * o + space, layout.width(), 1e-9);
    assertEquals((4 * o + space - 2 * o) / 2.0, layout.lines().get(1).x()[0], 1e-9);
  }
}
