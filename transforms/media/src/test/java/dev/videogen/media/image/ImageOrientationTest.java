package dev.videogen.media.image;

import static dev.videogen.media.image.ImageFixtures.BLUE;
import static dev.videogen.media.image.ImageFixtures.GREEN;
import static dev.videogen.media.image.ImageFixtures.RED;
import static dev.videogen.media.image.ImageFixtures.YELLOW;
import static dev.videogen.media.image.ImageFixtures.bgrAt;
import static dev.videogen.media.image.ImageFixtures.encode;
import static dev.videogen.media.image.ImageFixtures.encodeAndClose;
import static dev.videogen.media.image.ImageFixtures.exifTiff;
import static dev.videogen.media.image.ImageFixtures.gradient;
import static dev.videogen.media.image.ImageFixtures.jpegWithOrientation;
import static dev.videogen.media.image.ImageFixtures.pngWithOrientation;
import static dev.videogen.media.image.ImageFixtures.quadrants;
import static dev.videogen.media.image.ImageFixtures.webpWithExif;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every EXIF orientation, in JPEG APP1, PNG eXIf and WebP EXIF, both TIFF byte orders: the decoded image is
 * the stored one transformed as the EXIF spec says, exactly once (OpenCV must not also apply it).
 */
class ImageOrientationTest {
  private static final int W = 64;
  private static final int H = 32;
  /** JPEG tolerance per channel at the centre of a flat 32x16 block (MCU-aligned) at quality 95. */
  private static final int JPEG_TOLERANCE = 6;

  /** Display colours at top-left, top-right, bottom-left, bottom-right, per orientation 1..8. */
  private static final int[][][] CORNERS = {
    null,
    {RED, GREEN, BLUE, YELLOW}, // 1 as stored
    {GREEN, RED, YELLOW, BLUE}, // 2 mirrored left-right
    {YELLOW, BLUE, GREEN, RED}, // 3 rotated 180
    {BLUE, YELLOW, RED, GREEN}, // 4 mirrored top-bottom
    {RED, BLUE, GREEN, YELLOW}, // 5 transposed
    {BLUE, RED, YELLOW, GREEN}, // 6 rotated 90 clockwise
    {YELLOW, GREEN, BLUE, RED}, // 7 transversed
    {GREEN, YELLOW, RED, BLUE}, // 8 rotated 90 counter-clockwise
  };

  private static byte[] jpeg;
  private static byte[] png;
  private static byte[] webp;
  private static byte[] gradientPng;

  @BeforeAll
  static void encodeFixtures() {
    try (Mat q = quadrants(W, H)) {
      jpeg = encode(".jpg", q, IMWRITE_JPEG_QUALITY, 95);
      png = encode(".png", q);
      webp = encode(".webp", q, IMWRITE_WEBP_QUALITY, 101); // > 100: lossless
    }
    gradientPng = encodeAndClose(".png", gradient(W, H));
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (ImageFormat f : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP}) {
      for (int o = 1; o <= 8; o++) {
        all.add(Arguments.of(f, o, true));
        all.add(Arguments.of(f, o, false));
      }
    }
    return all.stream();
  }

  private static byte[] withOrientation(ImageFormat f, int o, boolean littleEndian) {
    return switch (f) {
      case JPEG -> jpegWithOrientation(jpeg, o, littleEndian);
      case PNG -> pngWithOrientation(png, o, littleEndian);
      case WEBP -> webpWithExif(webp, W, H, exifTiff(o, littleEndian));
      default -> throw new AssertionError(f);
    };
  }

  @ParameterizedTest(name = "{0} orientation {1} little-endian {2}")
  @MethodSource("cases")
  void quadrantsLandWhereTheExifSpecSays(ImageFormat f, int o, boolean littleEndian) {
    byte[] bytes = withOrientation(f, o, littleEndian);
    String name = "q-" + o + "." + f.name().toLowerCase();
    ImageInfo info = ImageDecoder.probe(name, bytes, ImageDecoder.DEFAULT_MAX_PIXELS);
    int dw = o >= 5 ? H : W;
    int dh = o >= 5 ? W : H;
    assertEquals(new ImageInfo(f, dw, dh, o), info);

    try (Mat m = ImageDecoder.decode(name, bytes, ImageDecoder.DEFAULT_MAX_PIXELS)) {
      assertEquals(CV_8UC3, m.type());
      assertEquals(dw, m.cols());
      assertEquals(dh, m.rows());
      int tolerance = f == ImageFormat.JPEG ? JPEG_TOLERANCE : 0;
      int[][] expected = CORNERS[o];
      int[][] at = {
        {dh / 4, dw / 4}, {dh / 4, 3 * dw / 4}, {3 * dh / 4, dw / 4}, {3 * dh / 4, 3 * dw / 4}
      };
      for (int k = 0; k < 4; k++) {
        int[] got = bgrAt(m, at[k][0], at[k][1]);
        for (int c = 0; c < 3; c++) {
          assertTrue(Math.abs(got[c] - expected[k][c]) <= tolerance,
              "orientation " + o + " corner " + k + " channel " + c + ": expected " + expected[k][c] + " got "
                  + got[c]);
        }
      }
    }
  }

  @ParameterizedTest(name = "orientation {0}")
  @MethodSource("orientations")
  void everyPngPixelMovesAsTheExifSpecSays(int o) {
    byte[] bytes = pngWithOrientation(gradientPng, o, o % 2 == 0);
    try (Mat m = ImageDecoder.decode("g.png", bytes, ImageDecoder.DEFAULT_MAX_PIXELS)) {
      int dw = o >= 5 ? H : W;
      int dh = o >= 5 ? W : H;
      assertEquals(dw, m.cols());
      assertEquals(dh, m.rows());
      for (int i = 0; i < dh; i++) {
        for (int j = 0; j < dw; j++) {
          // Source pixel (row, col) in the stored W x H image, straight from the EXIF definitions.
          int[] s = switch (o) {
            case 1 -> new int[] {i, j};
            case 2 -> new int[] {i, W - 1 - j};
            case 3 -> new int[] {H - 1 - i, W - 1 - j};
            case 4 -> new int[] {H - 1 - i, j};
            case 5 -> new int[] {j, i};
            case 6 -> new int[] {H - 1 - j, i};
            case 7 -> new int[] {H - 1 - j, W - 1 - i};
            case 8 -> new int[] {j, W - 1 - i};
            default -> throw new AssertionError(o);
          };
          assertArrayEquals(new int[] {4 * s[0], 4 * s[1], 128}, bgrAt(m, i, j), "pixel " + i + "," + j);
        }
      }
    }
  }

  static Stream<Integer> orientations() {
    return Stream.of(1, 2, 3, 4, 5, 6, 7, 8);
  }

  /**
   * Pins the OpenCV behaviour the decoder relies on: IMREAD_UNCHANGED never applies the EXIF orientation,
   * whereas IMREAD_COLOR applies it for JPEG and PNG (but, in OpenCV 4.11, not for WebP, so IMREAD_COLOR would
   * not even be consistent). If a new OpenCV changes this, the decoder's flags must be revisited.
   */
  @Test
  void openCvRotatesWithImreadColorButNotWithImreadUnchanged() {
    byte[][] rotated = {
      jpegWithOrientation(jpeg, 6, true), pngWithOrientation(png, 6, true), webpWithExif(webp, W, H, exifTiff(6, true))
    };
    for (int i = 0; i < rotated.length; i++) {
      byte[] bytes = rotated[i];
      try (BytePointer data = new BytePointer(bytes);
          Mat buf = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, data);
          Mat color = imdecode(buf, IMREAD_COLOR);
          Mat unchanged = imdecode(buf, IMREAD_UNCHANGED)) {
        assertEquals(W, unchanged.cols(), "IMREAD_UNCHANGED leaves fixture " + i + " as stored");
        if (i < 2) {
          assertEquals(H, color.cols(), "IMREAD_COLOR rotates fixture " + i + " by its EXIF orientation");
        }
      }
    }
  }

  @Test
  void missingOrMalformedExifMeansOrientationOne() {
    // APP1 with an EXIF header but a broken TIFF structure: ignored, not an error.
    byte[] broken = ImageFixtures.insertAfterSoi(jpeg,
        ImageFixtures.app1Exif(new byte[] {'I', 'I', 42, 0, (byte) 0xFF, 0, 0, 0}, new byte[0]));
    assertEquals(1, ImageDecoder.probe("b.jpg", broken, ImageDecoder.DEFAULT_MAX_PIXELS).orientation());
    // Out-of-range orientation value 9: treated as absent.
    byte[] nine = jpegWithOrientation(jpeg, 9, false);
    assertEquals(1, ImageDecoder.probe("9.jpg", nine, ImageDecoder.DEFAULT_MAX_PIXELS).orientation());
    assertEquals(1, ImageDecoder.probe("p.png", png, ImageDecoder.DEFAULT_MAX_PIXELS).orientation());
  }

  @Test
  void webpExifWithJpegStylePrefixIsRead() {
    byte[] tiff = exifTiff(6, true);
    byte[] prefixed = new byte[tiff.length + 6];
    System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, prefixed, 0, 6);
    System.arraycopy(tiff, 0, prefixed, 6, tiff.length);
    byte[] bytes = webpWithExif(webp, W, H, prefixed);
    assertEquals(new ImageInfo(ImageFormat.WEBP, H, W, 6),
        ImageDecoder.probe("x.webp", bytes, ImageDecoder.DEFAULT_MAX_PIXELS));
  }
}
