package dev.videogen.media.image;

import static dev.videogen.media.image.ImageFixtures.bgrAt;
import static dev.videogen.media.image.ImageFixtures.encode;
import static dev.videogen.media.image.ImageFixtures.insertAfterSoi;
import static dev.videogen.media.image.ImageFixtures.pngWithChunkAfterIhdr;
import static dev.videogen.media.image.ImageFixtures.put8;
import static dev.videogen.media.image.ImageFixtures.resource;
import static dev.videogen.media.image.ImageFixtures.riffChunk;
import static dev.videogen.media.image.ImageFixtures.riffWebp;
import static dev.videogen.media.image.ImageFixtures.vp8x;
import static dev.videogen.media.image.ImageFixtures.webpChunks;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.zip.Deflater;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * Embedded ICC profiles are converted to sRGB at decode, checked against colours computed independently
 * ({@link TestProfiles#toSrgb}) within one level; images without a profile or with an sRGB one are untouched.
 */
class ImageColourProfileTest {
  private static final long LIMIT = ImageDecoder.DEFAULT_MAX_PIXELS;
  /** RGB test colours: saturated primaries (clipped in sRGB), mid tones (inside sRGB), grey, white, black. */
  private static final int[][] COLOURS = {
    {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 100, 50}, {60, 180, 90}, {128, 128, 128}, {255, 255, 255},
    {0, 0, 0}, {30, 60, 220}, {240, 200, 10}
  };

  private static final byte[] ADOBE = resource("/images/compatibleWithAdobeRGB1998.icc");

  @Test
  void displayP3PngIsConvertedToSrgb() {
    byte[] png = pngWithChunkAfterIhdr(rgbPng(COLOURS), "iCCP", iccp("Display P3", TestProfiles.displayP3()));
    try (Mat d = ImageDecoder.decode("p3.png", png, LIMIT)) {
      assertColours(d, COLOURS, TestProfiles.P3_PRIMARIES, TestProfiles::srgbDecode);
      // A saturated P3 red is outside sRGB: it clips to sRGB's own red.
      assertArrayEquals(new int[] {0, 0, 255}, bgrAt(d, 0, 0));
    }
  }

  @Test
  void adobeRgbWebpIsConvertedToSrgb() {
    byte[] lossless;
    try (Mat m = rowOf(COLOURS)) {
      lossless = encode(".webp", m, IMWRITE_WEBP_QUALITY, 101);
    }
    byte[] webp = riffWebp(vp8x(0x20, COLOURS.length, 1), riffChunk("ICCP", ADOBE), webpChunks(lossless));
    try (Mat d = ImageDecoder.decode("adobe.webp", webp, LIMIT)) {
      assertColours(d, COLOURS, TestProfiles.ADOBE_PRIMARIES, TestProfiles::adobeDecode);
      assertArrayEquals(new int[] {0, 255, 0}, bgrAt(d, 0, 1)); // Adobe green, clipped
    }
  }

  /** A JPEG profile split over three APP2 segments (as writers do above 64 KB) is joined in sequence order. */
  @Test
  void jpegProfileSplitOverSeveralApp2SegmentsIsJoined() {
    byte[] plain;
    try (Mat blocks = blocks(COLOURS)) {
      plain = encode(".jpg", blocks, IMWRITE_JPEG_QUALITY, 100);
    }
    byte[] p3 = TestProfiles.displayP3();
    int third = p3.length / 3;
    byte[] jpg = plain;
    // Inserted after SOI one by one, so they end up in the order 3, 2, 1: the sequence numbers decide.
    jpg = insertAfterSoi(jpg, app2(1, 3, Arrays.copyOfRange(p3, 0, third)));
    jpg = insertAfterSoi(jpg, app2(2, 3, Arrays.copyOfRange(p3, third, 2 * third)));
    jpg = insertAfterSoi(jpg, app2(3, 3, Arrays.copyOfRange(p3, 2 * third, p3.length)));
    try (Mat reference = ImageDecoder.decode("plain.jpg", plain, LIMIT);
        Mat d = ImageDecoder.decode("p3.jpg", jpg, LIMIT)) {
      for (int i = 0; i < COLOURS.length; i++) {
        int[] decodedBgr = bgrAt(reference, 8, 16 * i + 8); // what the file holds, JPEG-rounded
        int[] rgb = {decodedBgr[2], decodedBgr[1], decodedBgr[0]};
        int[] expected = TestProfiles.toSrgb(rgb, TestProfiles.P3_PRIMARIES, TestProfiles::srgbDecode);
        assertWithinOne(expected, bgrAt(d, 8, 16 * i + 8), "block " + i);
      }
    }
  }

  @Test
  void aMissingApp2PartIsAClearError() {
    byte[] plain;
    try (Mat blocks = blocks(COLOURS)) {
      plain = encode(".jpg", blocks, IMWRITE_JPEG_QUALITY, 90);
    }
    byte[] p3 = TestProfiles.displayP3();
    byte[] jpg = insertAfterSoi(plain, app2(1, 2, Arrays.copyOf(p3, 100)));
    BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.decode("cut.jpg", jpg, LIMIT));
    assertEquals("cut.jpg: the embedded ICC colour profile is corrupt: its part 2 of 2 (JPEG APP2 segment) is"
        + " missing (re-save the image with its colour profile, or converted to sRGB)", e.getMessage());
  }

  @Test
  void aCorruptProfileIsAClearError() {
    byte[] garbage = "this is not an ICC profile, just some text that is long enough".getBytes(
        StandardCharsets.US_ASCII);
    byte[] png = pngWithChunkAfterIhdr(rgbPng(COLOURS), "iCCP", iccp("junk", garbage));
    BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.decode("junk.png", png, LIMIT));
    assertThat(e.getMessage(), containsString("junk.png: the embedded ICC colour profile is corrupt: "));
    BadInputException p = assertThrows(BadInputException.class, () -> ImageDecoder.probe("junk.png", png, LIMIT));
    assertEquals(e.getMessage(), p.getMessage(), "a bad profile fails the probe (at planning) too");
    byte[] notZlib = pngWithChunkAfterIhdr(rgbPng(COLOURS), "iCCP",
        "p\0\0not zlib".getBytes(StandardCharsets.US_ASCII));
    BadInputException z = assertThrows(BadInputException.class, () -> ImageDecoder.probe("z.png", notZlib, LIMIT));
    assertThat(z.getMessage(), containsString("z.png: the embedded ICC colour profile is corrupt: the iCCP chunk's"
        + " compressed data is invalid"));
  }

  /** An sRGB profile changes nothing: the pixels are byte-identical to the same file without a profile. */
  @Test
  void anSrgbProfileIsSkipped() {
    byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    byte[] plain = rgbPng(COLOURS);
    byte[] tagged = pngWithChunkAfterIhdr(plain, "iCCP", iccp("sRGB", srgb));
    try (Mat a = ImageDecoder.decode("plain.png", plain, LIMIT);
        Mat b = ImageDecoder.decode("srgb.png", tagged, LIMIT)) {
      assertArrayEquals(bytes(a), bytes(b));
    }
  }

  /** The JDK's linear grey profile: grey 128 is linear 0.502, which is sRGB 188. */
  @Test
  void greyProfileGoesThroughALookupTable() {
    byte[] grey = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
    byte[] png = pngWithChunkAfterIhdr(ImageFixtures.png(3, 1, 8, 0, new byte[] {0, (byte) 128, (byte) 255}),
        "iCCP", iccp("linear grey", grey));
    try (Mat d = ImageDecoder.decode("grey.png", png, LIMIT)) {
      int expected = (int) Math.round(255 * TestProfiles.srgbEncode(128 / 255.0));
      assertWithinOne(new int[] {0, 0, 0}, bgrAt(d, 0, 0), "black");
      assertWithinOne(new int[] {expected, expected, expected}, bgrAt(d, 0, 1), "grey 128");
      assertWithinOne(new int[] {255, 255, 255}, bgrAt(d, 0, 2), "white");
    }
  }

  /** Same bytes twice, and an image taller than one conversion strip (64 rows) converts like its rows alone. */
  @Test
  void conversionIsDeterministicAndStripIndependent() {
    int h = 150;
    Mat tall = new Mat(h, COLOURS.length, CV_8UC3);
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < COLOURS.length; c++) {
        put8(tall, r, c, (COLOURS[c][2] + r) & 0xFF, COLOURS[c][1], COLOURS[c][0]);
      }
    }
    byte[] png = pngWithChunkAfterIhdr(ImageFixtures.encodeAndClose(".png", tall), "iCCP",
        iccp("P3", TestProfiles.displayP3()));
    try (Mat a = ImageDecoder.decode("a.png", png, LIMIT);
        Mat b = ImageDecoder.decode("a.png", png, LIMIT)) {
      assertArrayEquals(bytes(a), bytes(b));
      for (int r : new int[] {0, 63, 64, 127, 128, 149}) {
        for (int c = 0; c < COLOURS.length; c++) {
          int[] rgb = {COLOURS[c][0], COLOURS[c][1], (COLOURS[c][2] + r) & 0xFF};
          assertWithinOne(TestProfiles.toSrgb(rgb, TestProfiles.P3_PRIMARIES, TestProfiles::srgbDecode),
              bgrAt(a, r, c), "row " + r + " col " + c);
        }
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  static void assertColours(Mat d, int[][] colours, double[][] primaries, DoubleUnaryOperator decode) {
    for (int i = 0; i < colours.length; i++) {
      assertWithinOne(TestProfiles.toSrgb(colours[i], primaries, decode), bgrAt(d, 0, i),
          "colour " + Arrays.toString(colours[i]));
    }
  }

  /** expectedRgb vs an OpenCV BGR triple, each channel within ±1. */
  static void assertWithinOne(int[] expectedRgb, int[] actualBgr, String what) {
    int[] actualRgb = {actualBgr[2], actualBgr[1], actualBgr[0]};
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(expectedRgb[c] - actualRgb[c]) <= 1,
          what + ": expected sRGB " + Arrays.toString(expectedRgb) + " ±1, got " + Arrays.toString(actualRgb));
    }
  }

  static byte[] iccp(String name, byte[] profile) {
    Deflater z = new Deflater();
    z.setInput(profile);
    z.finish();
    byte[] buf = new byte[profile.length + 1024];
    int len = z.deflate(buf);
    z.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
    out.write(0);
    out.write(0);
    out.write(buf, 0, len);
    return out.toByteArray();
  }

  static byte[] app2(int seq, int count, byte[] part) {
    return new ImageFixtures.Bytes(false).u8(0xFF).u8(0xE2).u16(2 + 12 + 2 + part.length).raw("ICC_PROFILE")
        .u8(0).u8(seq).u8(count).raw(part).toByteArray();
  }

  /** A one-row 8-bit RGB PNG of the colours. */
  private static byte[] rgbPng(int[][] colours) {
    byte[] samples = new byte[3 * colours.length];
    for (int i = 0; i < colours.length; i++) {
      for (int c = 0; c < 3; c++) {
        samples[3 * i + c] = (byte) colours[i][c];
      }
    }
    return ImageFixtures.png(colours.length, 1, 8, 2, samples);
  }

  private static Mat rowOf(int[][] colours) {
    Mat m = new Mat(1, colours.length, CV_8UC3);
    for (int i = 0; i < colours.length; i++) {
      put8(m, 0, i, colours[i][2], colours[i][1], colours[i][0]);
    }
    return m;
  }

  /** 16×16 flat blocks of the colours side by side (flat blocks survive JPEG almost exactly). */
  private static Mat blocks(int[][] colours) {
    Mat m = new Mat(16, 16 * colours.length, CV_8UC3, new Scalar(0));
    for (int i = 0; i < colours.length; i++) {
      for (int r = 0; r < 16; r++) {
        for (int c = 0; c < 16; c++) {
          put8(m, r, 16 * i + c, colours[i][2], colours[i][1], colours[i][0]);
        }
      }
    }
    return m;
  }

  private static byte[] bytes(Mat m) {
    byte[] b = new byte[(int) (m.total() * m.elemSize())];
    m.data().get(b);
    return b;
  }
}
