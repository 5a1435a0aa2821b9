package dev.videogen.media.image;

import static dev.videogen.media.image.ImageFixtures.bgrAt;
import static dev.videogen.media.image.ImageFixtures.encodeAndClose;
import static dev.videogen.media.image.ImageFixtures.jpegWithOrientation;
import static dev.videogen.media.image.ImageFixtures.quadrants;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** decodeAtLeast: JPEG by DCT scaling to the smallest of 1/2, 1/4, 1/8 that covers the minimum; others whole. */
class ImageReducedDecodeTest {
  private static final long LIMIT = ImageDecoder.DEFAULT_MAX_PIXELS;

  @Test
  void jpegIsDecodedAtTheSmallestFactorThatCoversTheMinimum() {
    byte[] jpg = encodeAndClose(".jpg", quadrants(801, 401), IMWRITE_JPEG_QUALITY, 95);
    assertSize(101, 51, ImageDecoder.decodeAtLeast("q.jpg", jpg, LIMIT, 100, 50)); // 1/8: ceil(801/8) = 101
    assertSize(201, 101, ImageDecoder.decodeAtLeast("q.jpg", jpg, LIMIT, 102, 50)); // 101 < 102: 1/4
    assertSize(401, 201, ImageDecoder.decodeAtLeast("q.jpg", jpg, LIMIT, 300, 150)); // 1/2
    assertSize(801, 401, ImageDecoder.decodeAtLeast("q.jpg", jpg, LIMIT, 402, 150)); // whole
    try (Mat d = ImageDecoder.decodeAtLeast("q.jpg", jpg, LIMIT, 100, 50)) {
      assertNear(ImageFixtures.RED, bgrAt(d, 10, 10));
      assertNear(ImageFixtures.YELLOW, bgrAt(d, 40, 90));
    }
  }

  /** The minimum is in displayed (oriented) pixels; the reduced image is oriented like a full decode. */
  @Test
  void orientationIsAppliedOnceAndTheMinimumIsInDisplayedPixels() {
    byte[] jpg = jpegWithOrientation(encodeAndClose(".jpg", quadrants(801, 401), IMWRITE_JPEG_QUALITY, 95), 6, true);
    // Displayed 401x801; a minimum of 100x200 is stored 200x100: 1/4 gives 201x101 stored, 101x201 displayed.
    try (Mat d = ImageDecoder.decodeAtLeast("r.jpg", jpg, LIMIT, 100, 200)) {
      assertEquals(101, d.cols());
      assertEquals(201, d.rows());
      // Rotated clockwise: the stored top-left (red) is now top-right, stored bottom-left (blue) top-left.
      assertNear(ImageFixtures.RED, bgrAt(d, 10, 90));
      assertNear(ImageFixtures.BLUE, bgrAt(d, 10, 10));
    }
  }

  @Test
  void otherFormatsDecodeWhole() {
    byte[] png = encodeAndClose(".png", quadrants(80, 40));
    assertSize(80, 40, ImageDecoder.decodeAtLeast("q.png", png, LIMIT, 10, 5));
  }

  private static void assertSize(int width, int height, Mat m) {
    try (m) {
      assertEquals(width, m.cols());
      assertEquals(height, m.rows());
    }
  }

  private static void assertNear(int[] expected, int[] actual) {
    for (int c = 0; c < 3; c++) {
      assertEquals(expected[c], actual[c], 3, "channel " + c);
    }
  }
}
