package dev.videogen.media.image;

import static dev.videogen.media.image.ImageFixtures.bgrAt;
import static dev.videogen.media.image.ImageFixtures.encodeAndClose;
import static dev.videogen.media.image.ImageFixtures.put16;
import static dev.videogen.media.image.ImageFixtures.quadrants;
import static dev.videogen.media.image.ImageFixtures.resource;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import dev.videogen.media.image.ImageFixtures.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** TIFF: 8 and 16 bit, the first page of a multi-page file, orientation and ICC profile tags, bad files. */
class ImageTiffTest {
  private static final long LIMIT = ImageDecoder.DEFAULT_MAX_PIXELS;
  private static final int[] RGB_RED = {255, 0, 0};
  private static final int[] RGB_BLUE = {0, 0, 255};

  @Test
  void openCvWrittenTiffDecodes() {
    byte[] tif = encodeAndClose(".tiff", quadrants(8, 4));
    ImageInfo info = ImageDecoder.probe("q.tif", tif, LIMIT);
    assertEquals(new ImageInfo(ImageFormat.TIFF, 8, 4, 1), info);
    try (Mat d = ImageDecoder.decode("q.tif", tif, LIMIT)) {
      assertArrayEquals(ImageFixtures.RED, bgrAt(d, 0, 0));
      assertArrayEquals(ImageFixtures.GREEN, bgrAt(d, 0, 7));
      assertArrayEquals(ImageFixtures.BLUE, bgrAt(d, 3, 0));
      assertArrayEquals(ImageFixtures.YELLOW, bgrAt(d, 3, 7));
    }
  }

  /** 16-bit samples become round(v / 257), as for 16-bit PNG. */
  @Test
  void sixteenBitTiff() {
    Mat m = new Mat(1, 2, CV_16UC3);
    put16(m, 0, 0, 65535, 32896, 0); // B, G, R: 32896 / 257 = 128 exactly
    put16(m, 0, 1, 257 * 10 + 128, 1000, 65535); // 2698 / 257 = 10.498 -> 10; 1000/257 = 3.89 -> 4
    byte[] tif = encodeAndClose(".tiff", m);
    try (Mat d = ImageDecoder.decode("16.tif", tif, LIMIT)) {
      assertArrayEquals(new int[] {255, 128, 0}, bgrAt(d, 0, 0));
      assertArrayEquals(new int[] {10, 4, 255}, bgrAt(d, 0, 1));
    }
  }

  @Test
  void multiPageTiffShowsTheFirstPage() {
    byte[] tif = tiff(4, 2, 1, null, RGB_RED, RGB_BLUE);
    assertEquals(new ImageInfo(ImageFormat.TIFF, 4, 2, 1), ImageDecoder.probe("pages.tif", tif, LIMIT));
    try (Mat d = ImageDecoder.decode("pages.tif", tif, LIMIT)) {
      assertArrayEquals(new int[] {0, 0, 255}, bgrAt(d, 0, 0)); // red, not the second page's blue
      assertArrayEquals(new int[] {0, 0, 255}, bgrAt(d, 1, 3));
    }
  }

  /** Orientation 6 (rotate 90° clockwise): a 4x2 stored image shows as 2x4, applied exactly once. */
  @Test
  void orientationTagIsApplied() {
    byte[] tif = tiffWithCorner(4, 2, 6);
    ImageInfo info = ImageDecoder.probe("rot.tif", tif, LIMIT);
    assertEquals(new ImageInfo(ImageFormat.TIFF, 2, 4, 6), info);
    try (Mat d = ImageDecoder.decode("rot.tif", tif, LIMIT)) {
      assertEquals(2, d.cols());
      assertEquals(4, d.rows());
      // The stored top-left pixel (blue) moves to the top-right after a clockwise quarter turn.
      assertArrayEquals(new int[] {255, 0, 0}, bgrAt(d, 0, 1));
      assertArrayEquals(new int[] {0, 0, 255}, bgrAt(d, 0, 0));
    }
    // Orientation 3 (rotate 180°) keeps the size: the stored top-left ends bottom-right, not back at top-left.
    try (Mat d = ImageDecoder.decode("upside-down.tif", tiffWithCorner(4, 2, 3), LIMIT)) {
      assertArrayEquals(new int[] {255, 0, 0}, bgrAt(d, 1, 3));
      assertArrayEquals(new int[] {0, 0, 255}, bgrAt(d, 0, 0));
    }
  }

  @Test
  void iccProfileTagIsApplied() {
    byte[] adobe = resource("/images/compatibleWithAdobeRGB1998.icc");
    int[] colour = {200, 100, 50};
    byte[] tif = tiff(2, 1, 1, adobe, colour);
    try (Mat d = ImageDecoder.decode("adobe.tif", tif, LIMIT)) {
      ImageColourProfileTest.assertWithinOne(
          TestProfiles.toSrgb(colour, TestProfiles.ADOBE_PRIMARIES, TestProfiles::adobeDecode), bgrAt(d, 0, 0),
          "Adobe RGB " + Arrays.toString(colour));
    }
  }

  @Test
  void truncatedTiff() {
    byte[] tif = tiff(4, 2, 1, null, RGB_RED);
    BadInputException e = assertThrows(BadInputException.class,
        () -> ImageDecoder.decode("cut.tif", Arrays.copyOf(tif, tif.length - 5), LIMIT));
    assertEquals("cut.tif: truncated TIFF file: image data block 0 (bytes " + (tif.length - 24) + " to "
        + tif.length + ") runs past the end of the file (" + (tif.length - 5) + " bytes) (the file is cut short;"
        + " download or copy it again)", e.getMessage());
    BadInputException header = assertThrows(BadInputException.class,
        () -> ImageDecoder.probe("cut.tif", Arrays.copyOf(tif, 6), LIMIT));
    assertEquals("cut.tif: truncated TIFF file: the TIFF header is incomplete (the file is cut short; download or"
        + " copy it again)", header.getMessage());
  }

  @Test
  void tiffBombIsRejectedFromTheHeader() {
    byte[] tif = tiff(4, 2, 1, null, RGB_RED);
    BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.probe("big.tif", tif, 7));
    assertEquals("big.tif: image is 4x2 = 8 pixels, more than the limit of 7 pixels (a decompression bomb, or a"
        + " photo that must be scaled down first)", e.getMessage());
  }

  @Test
  void floatAndOneBitTiffAreRefusedByName() {
    byte[] oneBit = tiffWithBits(1);
    BadInputException e = assertThrows(BadInputException.class, () -> ImageDecoder.probe("fax.tif", oneBit, LIMIT));
    assertEquals("fax.tif: 1-bit TIFF is not supported (8 and 16 bits per sample are; re-save the image as an 8- or"
        + " 16-bit TIFF, JPEG or PNG)", e.getMessage());
    byte[] floats = tiffWithBits(32);
    BadInputException f = assertThrows(BadInputException.class, () -> ImageDecoder.probe("hdr.tif", floats, LIMIT));
    assertEquals("hdr.tif: 32-bit TIFF is not supported (8 and 16 bits per sample are; re-save the image as an 8-"
        + " or 16-bit TIFF, JPEG or PNG)", f.getMessage());
  }

  // ------------------------------------------------------------------ hand-made TIFF

  /** An uncompressed little-endian RGB TIFF with one flat-coloured page per colour (RGB order). */
  static byte[] tiff(int w, int h, int orientation, byte[] icc, int[]... pages) {
    List<byte[]> pixels = new ArrayList<>();
    for (int[] rgb : pages) {
      byte[] px = new byte[3 * w * h];
      for (int i = 0; i < w * h; i++) {
        px[3 * i] = (byte) rgb[0];
        px[3 * i + 1] = (byte) rgb[1];
        px[3 * i + 2] = (byte) rgb[2];
      }
      pixels.add(px);
    }
    return tiffOf(w, h, 8, orientation, icc, pixels);
  }

  /** Stored w x h, blue at stored (0, 0) and red elsewhere. */
  private static byte[] tiffWithCorner(int w, int h, int orientation) {
    byte[] px = new byte[3 * w * h];
    for (int i = 0; i < w * h; i++) {
      px[3 * i] = (byte) (i == 0 ? 0 : 255);
      px[3 * i + 2] = (byte) (i == 0 ? 255 : 0);
    }
    return tiffOf(w, h, 8, orientation, null, List.of(px));
  }

  private static byte[] tiffWithBits(int bits) {
    return tiffOf(8, 1, bits, 1, null, List.of(new byte[3]));
  }

  /**
   * Layout: header, then per page its IFD (11 or 12 entries), the BitsPerSample values, the ICC profile and the
   * pixel strip; each IFD points to the next page's IFD.
   */
  private static byte[] tiffOf(int w, int h, int bits, int orientation, byte[] icc, List<byte[]> pages) {
    Bytes out = new Bytes(true);
    out.raw("II").u16(42).u32(8);
    int at = 8;
    for (int p = 0; p < pages.size(); p++) {
      byte[] px = pages.get(p);
      boolean withIcc = icc != null && p == 0;
      int entries = withIcc ? 12 : 11;
      int ifdSize = 2 + 12 * entries + 4;
      int bitsAt = at + ifdSize;
      int iccAt = bitsAt + 6;
      int pixelsAt = iccAt + (withIcc ? icc.length : 0);
      int next = p + 1 < pages.size() ? pixelsAt + px.length : 0;
      out.u16(entries);
      entry(out, 256, 4, 1, w);
      entry(out, 257, 4, 1, h);
      entry(out, 258, 3, 3, bitsAt);
      entry(out, 259, 3, 1, 1);
      entry(out, 262, 3, 1, 2);
      entry(out, 273, 4, 1, pixelsAt);
      entry(out, 274, 3, 1, orientation);
      entry(out, 277, 3, 1, 3);
      entry(out, 278, 4, 1, h);
      entry(out, 279, 4, 1, px.length);
      entry(out, 284, 3, 1, 1);
      if (withIcc) {
        entry(out, 34675, 7, icc.length, iccAt);
      }
      out.u32(next);
      out.u16(bits).u16(bits).u16(bits);
      if (withIcc) {
        out.raw(icc);
      }
      out.raw(px);
      at = next;
    }
    return out.toByteArray();
  }

  private static void entry(Bytes out, int tag, int type, long count, long value) {
    out.u16(tag).u16(type).u32(count);
    if (type == 3 && count == 1) {
      out.u16((int) value).u16(0);
    } else {
      out.u32(value);
    }
  }
}
