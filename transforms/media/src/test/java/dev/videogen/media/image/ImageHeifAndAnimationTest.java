package dev.videogen.media.image;

import static dev.videogen.media.image.ImageFixtures.bgrAt;
import static dev.videogen.media.image.ImageFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * HEIC, AVIF (single images and iPhone-style tile grids, with irot/imir) and GIF (first frame), decoded with
 * FFmpeg's libraries, and animated WebP (first frame) with OpenCV's animation reader, from fixtures made by
 * libheif and FFmpeg (see resources/images/heif/README.md).
 */
class ImageHeifAndAnimationTest {
  private static final long LIMIT = ImageDecoder.DEFAULT_MAX_PIXELS;
  private static final int[] RED = ImageFixtures.RED;
  private static final int[] GREEN = ImageFixtures.GREEN;
  private static final int[] BLUE = ImageFixtures.BLUE;
  private static final int[] YELLOW = ImageFixtures.YELLOW;

  @Test
  void heic() {
    byte[] heic = resource("/images/heif/quadrants.heic");
    assertEquals(new ImageInfo(ImageFormat.HEIF, 128, 64, 1), ImageDecoder.probe("q.heic", heic, LIMIT));
    try (Mat d = ImageDecoder.decode("q.heic", heic, LIMIT)) {
      assertQuadrants(d, 128, 64, RED, GREEN, BLUE, YELLOW);
    }
  }

  @Test
  void avif() {
    byte[] avif = resource("/images/heif/quadrants.avif");
    assertEquals(new ImageInfo(ImageFormat.AVIF, 128, 64, 1), ImageDecoder.probe("q.avif", avif, LIMIT));
    try (Mat d = ImageDecoder.decode("q.avif", avif, LIMIT)) {
      assertQuadrants(d, 128, 64, RED, GREEN, BLUE, YELLOW);
    }
  }

  /** 2x2 tiles of 64x64 composed, then cropped to the grid's 120x100. */
  @Test
  void heicTileGrid() {
    byte[] grid = resource("/images/heif/grid.heic");
    assertEquals(new ImageInfo(ImageFormat.HEIF, 120, 100, 1), ImageDecoder.probe("grid.heic", grid, LIMIT));
    try (Mat d = ImageDecoder.decode("grid.heic", grid, LIMIT)) {
      assertEquals(120, d.cols());
      assertEquals(100, d.rows());
      assertNear(RED, bgrAt(d, 10, 10));
      assertNear(RED, bgrAt(d, 63, 63));
      assertNear(GREEN, bgrAt(d, 0, 64));
      assertNear(GREEN, bgrAt(d, 10, 119));
      assertNear(BLUE, bgrAt(d, 64, 0));
      assertNear(YELLOW, bgrAt(d, 99, 119));
    }
  }

  /**
   * A 'colr' ICC profile on the grid item: the brown tile (200, 100, 50) in Adobe RGB comes out as its sRGB
   * value. Compared with the same tile decoded without the profile (HEVC is lossy), through the colour oracle.
   */
  @Test
  void heifIccProfileIsConverted() {
    byte[] tagged = resource("/images/heif/grid-adobe.heic");
    try (Mat d = ImageDecoder.decode("adobe.heic", tagged, LIMIT)) {
      assertEquals(128, d.cols());
      int[] expected = TestProfiles.toSrgb(new int[] {200, 100, 50}, TestProfiles.ADOBE_PRIMARIES,
          TestProfiles::adobeDecode); // (227, 100, 42): clearly not (200, 100, 50)
      int[] actual = bgrAt(d, 32, 96);
      for (int c = 0; c < 3; c++) {
        assertEquals(expected[2 - c], actual[c], 6, "BGR " + Arrays.toString(actual));
      }
      assertNear(RED, bgrAt(d, 32, 32));
    }
  }

  /** irot 1 (90° counter-clockwise) then imir 0 (top-bottom): libheif shows red, blue / green, yellow. */
  @Test
  void heifRotationAndMirrorAreApplied() {
    byte[] grid = resource("/images/heif/grid-rotated.heic");
    ImageInfo info = ImageDecoder.probe("r.heic", grid, LIMIT);
    assertEquals(new ImageInfo(ImageFormat.HEIF, 100, 120, 5), info);
    try (Mat d = ImageDecoder.decode("r.heic", grid, LIMIT)) {
      assertEquals(100, d.cols());
      assertEquals(120, d.rows());
      assertNear(RED, bgrAt(d, 10, 10));
      assertNear(BLUE, bgrAt(d, 10, 90));
      assertNear(GREEN, bgrAt(d, 110, 10));
      assertNear(YELLOW, bgrAt(d, 110, 90));
    }
  }

  /** The first frame of an animated GIF (red); the second (blue) is ignored. */
  @Test
  void gifFirstFrame() {
    byte[] gif = resource("/images/heif/anim-red-then-blue.gif");
    assertEquals(new ImageInfo(ImageFormat.GIF, 32, 16, 1), ImageDecoder.probe("a.gif", gif, LIMIT));
    try (Mat d = ImageDecoder.decode("a.gif", gif, LIMIT)) {
      assertEquals(32, d.cols());
      assertEquals(16, d.rows());
      assertNear(RED, bgrAt(d, 0, 0));
      assertNear(RED, bgrAt(d, 15, 31));
    }
  }

  /** The first frame of an animated WebP (red); the second (blue) is ignored. */
  @Test
  void animatedWebpFirstFrame() {
    byte[] webp = resource("/images/heif/anim-red-then-blue.webp");
    assertEquals(new ImageInfo(ImageFormat.WEBP, 32, 16, 1), ImageDecoder.probe("a.webp", webp, LIMIT));
    try (Mat d = ImageDecoder.decode("a.webp", webp, LIMIT)) {
      assertEquals(32, d.cols());
      assertEquals(16, d.rows());
      assertNear(RED, bgrAt(d, 0, 0));
      assertNear(RED, bgrAt(d, 15, 31));
    }
  }

  @Test
  void aHeifWhosePrimaryImageIsOfAnotherCodingIsRefusedByName() {
    byte[] heic = resource("/images/heif/quadrants.heic").clone();
    int infe = indexOf(heic, "hvc1");
    heic[infe] = 'u';
    heic[infe + 1] = 'n';
    heic[infe + 2] = 'c';
    heic[infe + 3] = 'i';
    BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.probe("u.heic", heic, LIMIT));
    assertEquals("u.heic: HEIC/HEIF whose primary image is of type 'unci' is not supported (HEVC, AV1 and grids of"
        + " their tiles are)", e.getMessage());
  }

  private static int indexOf(byte[] b, String ascii) {
    outer:
    for (int i = 0; i + ascii.length() <= b.length; i++) {
      for (int k = 0; k < ascii.length(); k++) {
        if (b[i + k] != ascii.charAt(k)) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(ascii + " not found");
  }

  @Test
  void truncatedHeicAndGif() {
    byte[] heic = resource("/images/heif/quadrants.heic");
    BadInputException e = assertThrows(BadInputException.class,
        () -> ImageDecoder.probe("cut.heic", Arrays.copyOf(heic, heic.length - 10), LIMIT));
    assertEquals("cut.heic: truncated HEIC/HEIF file: the data of item 1 (bytes 358 to " + heic.length
        + ") runs past the end of the file (" + (heic.length - 10) + " bytes) (the file is cut short; download or"
        + " copy it again)", e.getMessage());
    BadInputException meta = assertThrows(BadInputException.class,
        () -> ImageDecoder.probe("cut.heic", Arrays.copyOf(heic, 40), LIMIT));
    assertEquals("cut.heic: truncated HEIC/HEIF file: box 'meta' at byte 28 runs past the end of the file (the file"
        + " is cut short; download or copy it again)", meta.getMessage());
    byte[] gif = resource("/images/heif/anim-red-then-blue.gif");
    BadInputException g = assertThrows(BadInputException.class,
        () -> ImageDecoder.decode("cut.gif", Arrays.copyOf(gif, 100), LIMIT));
    assertEquals("cut.gif: truncated GIF file: the file ends before the first image is complete (the file is cut"
        + " short; download or copy it again)", g.getMessage());
  }

  /** Coded data that does not decode fails with the format named, and leaves no temporary file behind. */
  @Test
  void corruptCodedDataIsBadInputAndLeavesNoTemporaryFile() throws java.io.IOException {
    byte[] heic = resource("/images/heif/quadrants.heic").clone();
    Arrays.fill(heic, 358, heic.length, (byte) 0xFF); // the HEVC data of item 1
    byte[] avif = resource("/images/heif/quadrants.avif").clone();
    Arrays.fill(avif, indexOf(avif, "mdat") + 4, avif.length, (byte) 0);
    long before = temporaryImages();
    for (int i = 0; i < 3; i++) {
      BadInputException h = assertThrows(BadInputException.class, () -> ImageDecoder.decode("bad.heic", heic, LIMIT));
      assertEquals("bad.heic: corrupt HEIC/HEIF image data: Invalid data found when processing input", h.getMessage());
      BadInputException a = assertThrows(BadInputException.class, () -> ImageDecoder.decode("bad.avif", avif, LIMIT));
      assertEquals("bad.avif: corrupt AVIF image data: Invalid data found when processing input", a.getMessage());
    }
    assertEquals(before, temporaryImages());
  }

  private static long temporaryImages() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("videogen-image-")).count();
    }
  }

  @Test
  void heifBombIsRejectedFromTheHeader() {
    byte[] grid = resource("/images/heif/grid.heic");
    BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.probe("big.heic", grid, 11_999));
    assertEquals("big.heic: image is 120x100 = 12000 pixels, more than the limit of 11999 pixels (a decompression"
        + " bomb, or a photo that must be scaled down first)", e.getMessage());
  }

  private static void assertQuadrants(Mat d, int w, int h, int[] tl, int[] tr, int[] bl, int[] br) {
    assertEquals(w, d.cols());
    assertEquals(h, d.rows());
    assertNear(tl, bgrAt(d, h / 4, w / 4));
    assertNear(tr, bgrAt(d, h / 4, 3 * w / 4));
    assertNear(bl, bgrAt(d, 3 * h / 4, w / 4));
    assertNear(br, bgrAt(d, 3 * h / 4, 3 * w / 4));
  }

  /** Lossy HEVC/AV1 at quality 90 and 4:2:0: flat colours come back within a few levels. */
  private static void assertNear(int[] expected, int[] actual) {
    for (int c = 0; c < 3; c++) {
      assertEquals(expected[c], actual[c], 6, "BGR " + Arrays.toString(actual) + " vs " + Arrays.toString(expected));
    }
  }
}
