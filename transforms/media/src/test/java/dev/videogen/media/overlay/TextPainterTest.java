package dev.videogen.media.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.Sha256;
import dev.videogen.media.spec.Length;
import dev.videogen.media.spec.Rgba;
import dev.videogen.media.spec.TextAlign;
import dev.videogen.media.spec.TextStyle;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Text pictures: exact where the outline is known (the full block glyph), and the same bytes every time. */
class TextPainterTest {
  private static final FontFace FONT = FontFace.bundled();

  private static TextStyle style(Length outline, Rgba shadow) {
    return new TextStyle(Length.pixels(20.48), Rgba.WHITE, outline, Rgba.BLACK, Length.pixels(2), Length.pixels(1),
        shadow, null, TextAlign.LEFT, 1.2, null);
  }

  private static TextPainter.Painted paint(String text, TextStyle style) {
    TextLayout layout = TextLayout.of(FONT, text, style.size().resolve(36), 0, style.lineHeight(), style.align());
    return TextPainter.paint(layout, style, 64, 36);
  }

  @Test
  void theFullBlockCoversItsOutlineExactly() {
    // U+2588 spans x 0..1451 and y -621..1864 font units; at 20.48 px a unit is 0.01 px: x 0..14.51, and with
    // the baseline at 18.54 px, y -0.10..24.75 in the box.
    TextPainter.Painted painted = paint("\u2588", style(Length.ZERO, null));
    RgbaImage image = painted.image();
    assertEquals(0, painted.boxX() % 2);
    assertEquals(0, painted.boxY() % 2);
    int bx = painted.boxX();
    int by = painted.boxY();
    assertEquals(1, image.alpha(bx, by), 1e-12);
    assertEquals(1, image.alpha(bx + 13, by + 23), 1e-12);
    assertEquals(0.51, image.alpha(bx + 14, by + 10), 1e-9);
    assertEquals(0.75, image.alpha(bx + 5, by + 24), 1e-9);
    assertEquals(0.1, image.alpha(bx + 5, by - 1), 1e-9);
    assertEquals(0, image.alpha(bx + 15, by + 10), 1e-12);
    assertEquals(0, image.alpha(bx - 1, by + 10), 1e-12);
    assertEquals(14.51, painted.boxWidth(), 1e-9);
  }

  @Test
  void anOutlineWidensTheInkAndAShadowSitsUnderItMovedByWholePixels() {
    TextPainter.Painted painted = paint("\u2588", style(Length.pixels(2), new Rgba(0, 0, 0, 128)));
    RgbaImage image = painted.image();
    int bx = painted.boxX();
    int by = painted.boxY();
    // One pixel right of the block's edge (x 15, centre 1 px outside): inside the 2-px outline, black, opaque.
    int k = 4 * ((by + 10) * image.width() + bx + 15);
    assertEquals(1, image.rgba()[k + 3], 1e-12);
    assertEquals(0, image.rgba()[k], 1e-12);
    // Inside: white fill.
    k = 4 * ((by + 10) * image.width() + bx + 5);
    assertArrayEquals(new double[] {1, 1, 1, 1}, new double[] {image.rgba()[k], image.rgba()[k + 1],
        image.rgba()[k + 2], image.rgba()[k + 3]}, 1e-12);
    // The outline ends at 14.51 + 2 = 16.51 px; right of it only the shadow (the outlined ink moved 2 px right,
    // 1 down) remains: alpha 128/255 where it covers pixel 17 fully, 0.51 of that on pixel 18 (its rim).
    k = 4 * ((by + 10) * image.width() + bx + 17);
    assertEquals(128 / 255.0, image.rgba()[k + 3], 1e-12);
    assertEquals(0, image.rgba()[k], 1e-12);
    k = 4 * ((by + 10) * image.width() + bx + 18);
    assertEquals(0.51 * 128 / 255.0, image.rgba()[k + 3], 1e-9);
  }

  @Test
  void anOutlineOnlyCoversPixelsWithinItsWidthOfTheInk() {
    TextStyle plain = new TextStyle(Length.pixels(64.3), Rgba.WHITE, Length.ZERO, Rgba.BLACK, Length.ZERO,
        Length.ZERO, null, null, TextAlign.LEFT, 1.2, null);
    TextStyle outlined = new TextStyle(Length.pixels(64.3), Rgba.WHITE, Length.pixels(2.5), Rgba.BLACK, Length.ZERO,
        Length.ZERO, null, null, TextAlign.LEFT, 1.2, null);
    String text = "Five quiet places";
    TextPainter.Painted filled = TextPainter.paint(TextLayout.of(FONT, text, 64.3, 0, 1.2, TextAlign.LEFT), plain,
        1280, 720);
    RgbaImage fill = filled.image();
    TextPainter.Painted stroked = TextPainter.paint(TextLayout.of(FONT, text, 64.3, 0, 1.2, TextAlign.LEFT), outlined,
        1280, 720);
    RgbaImage outline = stroked.image();
    int shiftX = filled.boxX() - stroked.boxX(); // outline picture to fill picture coordinates
    int shiftY = filled.boxY() - stroked.boxY();
    int reach = 4; // r + 1, rounded up
    int inked = 0;
    for (int y = 0; y < outline.height(); y++) {
      for (int x = 0; x < outline.width(); x++) {
        if (outline.alpha(x, y) == 0) {
          continue;
        }
        inked++;
        boolean nearInk = false;
        for (int dy = -reach; dy <= reach && !nearInk; dy++) {
          for (int dx = -reach; dx <= reach && !nearInk; dx++) {
            int fx = x + dx + shiftX;
            int fy = y + dy + shiftY;
            nearInk = fx >= 0 && fy >= 0 && fx < fill.width() && fy < fill.height() && fill.alpha(fx, fy) > 0;
          }
        }
        assertTrue(nearInk, "outline at " + x + "," + y + " far from any ink");
      }
    }
    assertTrue(inked > 1000, "drawn pixels: " + inked);
  }

  @Test
  void theSameTextGivesTheSameBytesEveryTime() {
    TextStyle style = new TextStyle(Length.fraction(0.08), new Rgba(255, 220, 120, 255), Length.fraction(0.006),
        Rgba.BLACK, Length.fraction(0.004), Length.fraction(0.006), new Rgba(0, 0, 0, 140), Length.fraction(0.6),
        TextAlign.CENTER, 1.2, null);
    byte[] first = bytes(paintAt(style, 1280, 720));
    byte[] second = bytes(paintAt(style, 1280, 720));
    assertArrayEquals(first, second);
    assertEquals("3a6815a09e43f5ea53a55c3db75887357f59175f73de43ba2feb283fd3e49056", Sha256.hex(first));
  }

  private static TextPainter.Painted paintAt(TextStyle style, int width, int height) {
    TextLayout layout = TextLayout.of(FONT, "Evening light — Dusk, AV Wä\nline two", style.size().resolve(height),
        style.maxWidth().resolve(width), style.lineHeight(), style.align());
    TextPainter.Painted painted = TextPainter.paint(layout, style, width, height);
    assertTrue(layout.lineCount() >= 2);
    return painted;
  }

  /** The picture as bytes: size, box offset, then every premultiplied value's IEEE bits. */
  private static byte[] bytes(TextPainter.Painted painted) {
    RgbaImage image = painted.image();
    ByteBuffer out = ByteBuffer.allocate(16 + 8 * image.rgba().length);
    out.putInt(image.width()).putInt(image.height()).putInt(painted.boxX()).putInt(painted.boxY());
    for (double v : image.rgba()) {
      out.putLong(Double.doubleToLongBits(v));
    }
    return out.array();
  }
}
