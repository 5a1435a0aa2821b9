package dev.videogen.media.image;

import static dev.videogen.media.image.ImageFixtures.bgrAt;
import static dev.videogen.media.image.ImageFixtures.encode;
import static dev.videogen.media.image.ImageFixtures.encodeAndClose;
import static dev.videogen.media.image.ImageFixtures.pngChunk;
import static dev.videogen.media.image.ImageFixtures.pngFromChunks;
import static dev.videogen.media.image.ImageFixtures.put16;
import static dev.videogen.media.image.ImageFixtures.put8;
import static dev.videogen.media.image.ImageFixtures.quadrants;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC4;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * Conversions to 8-bit BGR: 16-bit rounds v/257, alpha is composited onto black as round(c*a/255), gray is
 * replicated, CMYK JPEGs (Adobe-inverted) come out in the right colours.
 */
class ImagePixelTest {
  private static final long LIMIT = ImageDecoder.DEFAULT_MAX_PIXELS;

  private static Mat decode(byte[] bytes) {
    Mat m = ImageDecoder.decode("t", bytes, LIMIT);
    assertEquals(CV_8UC3, m.type());
    return m;
  }

  private static void assertGray(int expected, int[] bgr) {
    assertArrayEquals(new int[] {expected, expected, expected}, bgr);
  }

  private static void assertNear(int[] expected, int[] got, int tolerance, String what) {
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(expected[c] - got[c]) <= tolerance, what + ": expected " + expected[0] + ","
          + expected[1] + "," + expected[2] + " got " + got[0] + "," + got[1] + "," + got[2]);
    }
  }

  @Test
  void sixteenBitGrayRoundsToNearest() {
    int[] in = {0, 128, 129, 257, 32896, 33024, 33025, 65535};
    int[] out = {0, 0, 1, 1, 128, 128, 129, 255}; // v/257: 128/257 = 0.498, 33025/257 = 128.502
    Mat m = new Mat(1, in.length, CV_16UC1);
    for (int i = 0; i < in.length; i++) {
      put16(m, 0, i, in[i]);
    }
    byte[] png = encodeAndClose(".png", m);
    assertEquals(16, png[24], "bit depth in IHDR");
    try (Mat d = decode(png)) {
      for (int i = 0; i < in.length; i++) {
        assertGray(out[i], bgrAt(d, 0, i));
      }
    }
  }

  @Test
  void sixteenBitColourRoundsToNearest() {
    Mat m = new Mat(1, 2, CV_16UC3);
    put16(m, 0, 0, 128, 129, 65535);
    put16(m, 0, 1, 32896, 33024, 33025);
    try (Mat d = decode(encodeAndClose(".png", m))) {
      assertArrayEquals(new int[] {0, 1, 255}, bgrAt(d, 0, 0));
      assertArrayEquals(new int[] {128, 128, 129}, bgrAt(d, 0, 1));
    }
  }

  @Test
  void eightBitGrayIsReplicated() {
    Mat m = new Mat(2, 3, CV_8UC1, new Scalar(77));
    try (Mat d = decode(encodeAndClose(".png", m))) {
      assertEquals(3, d.cols());
      assertGray(77, bgrAt(d, 1, 2));
    }
    Mat j = new Mat(16, 16, CV_8UC1, new Scalar(100));
    try (Mat d = decode(encodeAndClose(".jpg", j, IMWRITE_JPEG_QUALITY, 95))) {
      int[] px = bgrAt(d, 8, 8);
      assertNear(new int[] {100, 100, 100}, px, 1, "gray JPEG");
      assertEquals(px[0], px[1]);
      assertEquals(px[1], px[2]);
    }
  }

  @Test
  void bgraIsFlattenedOntoBlack() {
    Mat m = new Mat(1, 4, CV_8UC4);
    put8(m, 0, 0, 10, 200, 255, 128);
    put8(m, 0, 1, 10, 200, 255, 0);
    put8(m, 0, 2, 10, 200, 255, 255);
    put8(m, 0, 3, 77, 101, 1, 128);
    byte[] png = encodeAndClose(".png", m);
    assertEquals(6, png[25], "RGBA colour type in IHDR");
    try (Mat d = decode(png)) {
      assertArrayEquals(new int[] {5, 100, 128}, bgrAt(d, 0, 0)); // 10*128/255 = 5.02, 200*128/255 = 100.39
      assertArrayEquals(new int[] {0, 0, 0}, bgrAt(d, 0, 1));
      assertArrayEquals(new int[] {10, 200, 255}, bgrAt(d, 0, 2));
      assertArrayEquals(new int[] {39, 51, 1}, bgrAt(d, 0, 3)); // 38.65, 50.70, 0.502
    }
  }

  @Test
  void sixteenBitBgraIsFlattenedThenRounded() {
    Mat m = new Mat(1, 2, CV_16UC4);
    put16(m, 0, 0, 65535, 32896, 0, 32768);
    put16(m, 0, 1, 12345, 65535, 65535, 54321);
    try (Mat d = decode(encodeAndClose(".png", m))) {
      // round(c * a / 65535 / 257)
      assertArrayEquals(new int[] {128, 64, 0}, bgrAt(d, 0, 0));
      assertArrayEquals(new int[] {40, 211, 211}, bgrAt(d, 0, 1)); // 39.82, 211.37
    }
  }

  @Test
  void grayPlusAlphaIsFlattenedOntoBlack() {
    int[][] ga = {{200, 255}, {200, 0}, {200, 128}, {255, 128}, {101, 77}, {1, 128}, {254, 254}};
    int[] out = {200, 0, 100, 128, 30, 1, 253}; // 101*77/255 = 30.498, 1*128/255 = 0.502
    ByteArrayOutputStream samples = new ByteArrayOutputStream();
    for (int[] p : ga) {
      samples.write(p[0]);
      samples.write(p[1]);
    }
    byte[] png = ImageFixtures.png(ga.length, 1, 8, 4, samples.toByteArray());
    try (Mat d = decode(png)) {
      for (int i = 0; i < ga.length; i++) {
        assertGray(out[i], bgrAt(d, 0, i));
      }
    }
  }

  @Test
  void sixteenBitGrayPlusAlphaIsFlattenedThenRounded() {
    int[][] ga = {{65535, 65535}, {65535, 0}, {65535, 32768}, {32896, 65535}, {40000, 50000}, {1000, 65535}};
    int[] out = {255, 0, 128, 128, 119, 4};
    ByteArrayOutputStream samples = new ByteArrayOutputStream();
    for (int[] p : ga) {
      for (int v : p) {
        samples.write(v >> 8);
        samples.write(v & 0xFF);
      }
    }
    byte[] png = ImageFixtures.png(ga.length, 1, 16, 4, samples.toByteArray());
    try (Mat d = decode(png)) {
      for (int i = 0; i < ga.length; i++) {
        assertGray(out[i], bgrAt(d, 0, i));
      }
    }
  }

  @Test
  void paletteWithTransparencyIsFlattenedOntoBlack() {
    byte[] plte = {(byte) 255, 0, 0, 0, 0, (byte) 255}; // red, blue
    byte[] trns = {(byte) 128, (byte) 255};
    byte[] idatSource = {0, 0, 1}; // filter 0, index 0, index 1
    java.util.zip.Deflater z = new java.util.zip.Deflater();
    z.setInput(idatSource);
    z.finish();
    byte[] buf = new byte[64];
    byte[] idat = java.util.Arrays.copyOf(buf, z.deflate(buf));
    z.end();
    byte[] png = pngFromChunks(pngChunk("IHDR", ImageFixtures.ihdr(2, 1, 8, 3)), pngChunk("PLTE", plte),
        pngChunk("tRNS", trns), pngChunk("IDAT", idat), pngChunk("IEND", new byte[0]));
    try (Mat d = decode(png)) {
      assertArrayEquals(new int[] {0, 0, 128}, bgrAt(d, 0, 0));
      assertArrayEquals(new int[] {255, 0, 0}, bgrAt(d, 0, 1));
    }
  }

  @Test
  void webpLosslessWithAlphaIsFlattenedExactly() {
    Mat m = new Mat(2, 2, CV_8UC4, new Scalar(10, 200, 255, 128));
    put8(m, 1, 1, 77, 101, 1, 255);
    byte[] webp = encodeAndClose(".webp", m, IMWRITE_WEBP_QUALITY, 101);
    assertEquals("VP8L", new String(webp, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
    try (Mat d = decode(webp)) {
      assertArrayEquals(new int[] {5, 100, 128}, bgrAt(d, 0, 0));
      assertArrayEquals(new int[] {77, 101, 1}, bgrAt(d, 1, 1));
    }
  }

  @Test
  void webpExtendedLossyWithAlphaIsFlattened() {
    Mat m = new Mat(16, 16, CV_8UC4, new Scalar(40, 200, 240, 128));
    byte[] webp = encodeAndClose(".webp", m, IMWRITE_WEBP_QUALITY, 95);
    assertEquals("VP8X", new String(webp, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(new ImageInfo(ImageFormat.WEBP, 16, 16, 1), ImageDecoder.probe("a.webp", webp, LIMIT));
    try (Mat d = decode(webp)) {
      // Lossy colour (alpha is stored losslessly): 40*128/255 = 20.1, 200*128/255 = 100.4, 240*128/255 = 120.5.
      assertNear(new int[] {20, 100, 120}, bgrAt(d, 8, 8), 4, "lossy WebP with alpha");
    }
  }

  @Test
  void bmpDecodesExactlyAnd32BitBmpAlphaIsIgnoredByOpenCv() {
    try (Mat q = quadrants(8, 4)) {
      byte[] bmp = encode(".bmp", q);
      assertEquals(new ImageInfo(ImageFormat.BMP, 8, 4, 1), ImageDecoder.probe("q.bmp", bmp, LIMIT));
      try (Mat d = decode(bmp)) {
        assertArrayEquals(ImageFixtures.RED, bgrAt(d, 0, 0));
        assertArrayEquals(ImageFixtures.YELLOW, bgrAt(d, 3, 7));
      }
    }
    // OpenCV writes a BGRA Mat as a 32-bit BI_RGB BMP and reads it back as 3 channels: no flattening.
    Mat m = new Mat(2, 2, CV_8UC4, new Scalar(10, 200, 255, 0));
    byte[] bmp32 = encodeAndClose(".bmp", m);
    assertEquals(32, bmp32[28]);
    try (Mat d = decode(bmp32)) {
      assertArrayEquals(new int[] {10, 200, 255}, bgrAt(d, 1, 1));
    }
  }

  /** Adobe CMYK as Photoshop writes it (inverted samples, APP14 transform 0); see resources/images/README.md. */
  @Test
  void adobeCmykJpegHasTheRightColours() {
    byte[] jpg = ImageFixtures.resource("/images/cmyk-adobe.jpg");
    assertEquals(new ImageInfo(ImageFormat.JPEG, 64, 32, 1), ImageDecoder.probe("cmyk.jpg", jpg, LIMIT));
    try (Mat d = decode(jpg)) {
      assertNear(new int[] {255, 255, 0}, bgrAt(d, 8, 16), 3, "cyan"); // C=100%
      assertNear(new int[] {0, 0, 255}, bgrAt(d, 8, 48), 3, "red"); // M=Y=100%
      assertNear(new int[] {127, 127, 127}, bgrAt(d, 24, 16), 3, "grey"); // K=128/255
      assertNear(new int[] {32, 64, 128}, bgrAt(d, 24, 48), 3, "brown"); // C0 M128 Y191 K127
    }
  }

  /** YCCK (Adobe transform 2), as ImageMagick writes CMYK JPEGs; see resources/images/README.md. */
  @Test
  void ycckJpegHasTheRightColours() {
    byte[] jpg = ImageFixtures.resource("/images/ycck-adobe.jpg");
    try (Mat d = decode(jpg)) {
      assertNear(ImageFixtures.RED, bgrAt(d, 8, 16), 3, "red");
      assertNear(ImageFixtures.GREEN, bgrAt(d, 8, 48), 3, "green");
      assertNear(ImageFixtures.BLUE, bgrAt(d, 24, 16), 3, "blue");
      assertNear(new int[] {32, 64, 128}, bgrAt(d, 24, 48), 3, "brown");
    }
  }

  @Test
  void everyDecodeReturnsItsOwnMat() {
    byte[] png;
    try (Mat q = quadrants(8, 4)) {
      png = encode(".png", q);
    }
    try (Mat a = decode(png); Mat b = decode(png)) {
      assertNotSame(a, b);
      put8(a, 0, 0, 1, 2, 3);
      assertArrayEquals(ImageFixtures.RED, bgrAt(b, 0, 0));
      assertTrue(a.isContinuous());
    }
  }
}
