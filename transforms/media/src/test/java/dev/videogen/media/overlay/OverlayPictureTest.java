package dev.videogen.media.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlay pictures keep their alpha, resize without dark fringes, and bad files are bad inputs naming them. */
class OverlayPictureTest {
  @TempDir Path dir;

  @Test
  void aPngDecodesToPremultipliedRgbaWithItsAlpha() throws IOException {
    byte[] png = Files.readAllBytes(TestMedia.logoPng(dir.resolve("logo.png")));
    RgbaImage logo = OverlayPicture.decode("logo.png", png, 1_000_000);
    assertEquals(8, logo.width());
    assertArrayEquals(new double[] {1, 0, 0, 1}, Arrays.copyOfRange(logo.rgba(), 0, 4), 1e-12); // red
    assertArrayEquals(new double[] {0, 0, 0, 0}, Arrays.copyOfRange(logo.rgba(), 16, 20), 1e-12); // transparent
    double a = 128 / 255.0;
    assertArrayEquals(new double[] {0, 0, a, a}, Arrays.copyOfRange(logo.rgba(), 24, 28), 1e-12); // blue, 128
  }

  @Test
  void resizingAveragesAreasInPremultipliedFormSoEdgesKeepTheirColour() {
    // Opaque red beside transparent black, halved: half-transparent red, not dark red.
    RgbaImage pair = new RgbaImage(2, 1, new double[] {1, 0, 0, 1, 0, 0, 0, 0});
    RgbaImage one = OverlayPicture.resize(pair, 1, 1);
    assertArrayEquals(new double[] {0.5, 0, 0, 0.5}, one.rgba(), 1e-12);
    // Three columns into two: each output pixel averages 1.5 source pixels.
    RgbaImage three = new RgbaImage(3, 1, new double[] {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1});
    RgbaImage two = OverlayPicture.resize(three, 2, 1);
    assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0},
        two.rgba(), 1e-12);
  }

  @Test
  void aTruncatedOrForeignFileIsABadInputNamingIt() throws IOException {
    byte[] png = Files.readAllBytes(TestMedia.logoPng(dir.resolve("logo.png")));
    BadInputException truncated = assertThrows(BadInputException.class,
        () -> OverlayPicture.decode("cut.png", Arrays.copyOf(png, png.length / 2), 1_000_000));
    assertEquals("cut.png", truncated.subject());
    BadInputException text = assertThrows(BadInputException.class,
        () -> OverlayPicture.decode("notes.png", "not a picture".getBytes(), 1_000_000));
    assertEquals("notes.png", text.subject());
  }
}
