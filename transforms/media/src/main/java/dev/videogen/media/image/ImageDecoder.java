package dev.videogen.media.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.videogen.media.BadInputException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * Probes and decodes still images (JPEG, PNG, WebP, BMP, TIFF, HEIC/HEIF, AVIF, GIF) from bytes.
 *
 * <p>{@link #probe} reads headers only: format from magic bytes, dimensions, orientation (EXIF, TIFF tag, HEIF
 * irot/imir), the pixel limit and a structural completeness check. {@link #decode} probes first, then decodes
 * (OpenCV for JPEG, PNG, WebP, BMP, TIFF; OpenCV's animation reader for the first frame of an animated WebP;
 * FFmpeg's libraries for HEIF/AVIF, tile grids included, and the first frame of a GIF, see
 * {@link FfmpegStillDecoder}), converts an embedded ICC profile's colours to sRGB ({@link SrgbConversion}) and
 * returns 8-bit BGR with the orientation applied.
 *
 * <p>OpenCV facts this relies on (each pinned by a test): {@code imdecode} with {@code IMREAD_COLOR} applies
 * the EXIF orientation itself, {@code IMREAD_UNCHANGED} does not, so this class decodes with
 * {@code IMREAD_UNCHANGED} and applies the orientation exactly once, here. {@code IMREAD_UNCHANGED} also keeps
 * 16-bit samples and alpha, which this class converts with rounding (v/257) and flattens onto black
 * (c&middot;a/255) instead of OpenCV's truncating shift and alpha stripping. CMYK and YCCK JPEGs come out of
 * OpenCV as BGR, treated as Adobe-inverted CMYK as Photoshop writes it (within about 2 levels: OpenCV divides
 * by 256, not 255, so full ink gives 1, not 0); a rare CMYK JPEG without the Adobe convention would come out
 * with inverted colours. 32-bit BMPs are read by OpenCV as BGR, their fourth byte ignored.
 *
 * <p>Truncation: OpenCV 4.11's {@code imdecode} returns an empty Mat for a JPEG cut short, but a cut JPEG
 * with an EOI marker appended decodes with a grey-filled bottom (libjpeg only warns). The probe's structural
 * walk reports the first case clearly; the second cannot be told from a complete file without decoding.
 */
public final class ImageDecoder {
  public static final long DEFAULT_MAX_PIXELS = 150_000_000L;

  private ImageDecoder() {}

  /**
   * Header-only: sniffs the format from magic bytes, reads dimensions and EXIF orientation, enforces the
   * pixel limit and checks the file is structurally complete (not truncated). Cheap: no pixel decode.
   *
   * @param name the file name or URI, used in error messages
   * @throws BadInputException when the bytes are not a complete image of a supported format within the limit
   */
  public static ImageInfo probe(String name, byte[] bytes, long maxPixels) {
    ImageHeaders.Headers headers = ImageHeaders.parse(name, bytes, maxPixels);
    if (headers.iccProfile() != null) {
      SrgbConversion.check(name, headers.iccProfile());
    }
    return headers.info();
  }

  /**
   * Full decode to a NEW {@code CV_8UC3} BGR Mat, EXIF orientation applied. The caller owns (closes) the Mat.
   * Its size is {@code probe(...).width() x height()}.
   *
   * @param name the file name or URI, used in error messages
   * @throws BadInputException when the bytes are not a complete, decodable image within the limit
   */
  public static Mat decode(String name, byte[] bytes, long maxPixels) {
    ImageHeaders.Headers headers = ImageHeaders.parse(name, bytes, maxPixels);
    return decode(name, bytes, headers, 1);
  }

  /**
   * Decodes at a size of at least {@code minWidth}×{@code minHeight} (oriented), as small as the format allows:
   * a JPEG is decoded by libjpeg's DCT scaling at 1/2, 1/4 or 1/8 of its size (the smallest that still covers
   * the minimum: each side becomes ceil(side / factor)), every other format at full size. For preparing a
   * pre-scaled copy of an image too large to decode whole; the caller resizes the result and owns (closes) it.
   * Colour conversion and orientation are applied as in {@link #decode}.
   */
  public static Mat decodeAtLeast(String name, byte[] bytes, long maxPixels, int minWidth, int minHeight) {
    ImageHeaders.Headers headers = ImageHeaders.parse(name, bytes, maxPixels);
    ImageInfo info = headers.info();
    int factor = 1;
    if (info.format() == ImageFormat.JPEG) {
      int storedMinWidth = info.swapsAxes() ? minHeight : minWidth;
      int storedMinHeight = info.swapsAxes() ? minWidth : minHeight;
      for (int f : new int[] {8, 4, 2}) {
        if (ceilDiv(info.storedWidth(), f) >= storedMinWidth && ceilDiv(info.storedHeight(), f) >= storedMinHeight) {
          factor = f;
          break;
        }
      }
    }
    return decode(name, bytes, headers, factor);
  }

  /** factor 1: IMREAD_UNCHANGED at full size; 2, 4, 8 (JPEG only): OpenCV's IMREAD_REDUCED_COLOR_*. */
  private static Mat decode(String name, byte[] bytes, ImageHeaders.Headers headers, int factor) {
    ImageInfo info = headers.info();
    try (Natives n = new Natives()) {
      BytePointer data = n.add(new BytePointer(bytes));
      Mat encoded = n.add(new Mat(1, bytes.length, CV_8UC1, data));
      Mat raw = n.add(switch (info.format()) {
        case HEIF, AVIF, GIF -> FfmpegStillDecoder.decode(name, info.format(), bytes, info.storedWidth(),
            info.storedHeight());
        case WEBP -> headers.animated() ? AnimatedWebp.firstFrame(name, bytes) : decodeRaw(name, info.format(),
            encoded, factor);
        default -> decodeRaw(name, info.format(), encoded, factor);
      });
      // OpenCV's TIFF decoder applies the Orientation tag itself, even with IMREAD_UNCHANGED (pinned by a test).
      boolean orientedByDecoder = info.format() == ImageFormat.TIFF;
      int expectedWidth = ceilDiv(orientedByDecoder ? info.width() : info.storedWidth(), factor);
      int expectedHeight = ceilDiv(orientedByDecoder ? info.height() : info.storedHeight(), factor);
      if (raw.cols() != expectedWidth || raw.rows() != expectedHeight) {
        throw new BadInputException(name, "the decoded " + ImageHeaders.label(info.format()) + " image is "
            + raw.cols() + "x" + raw.rows() + " but its header says " + expectedWidth + "x" + expectedHeight
            + (factor > 1 ? " at 1/" + factor + " scale" : ""));
      }
      Mat bgr = toBgr8(name, raw, n);
      if (headers.iccProfile() != null) {
        SrgbConversion.toSrgbInPlace(name, bgr, headers.iccProfile());
      }
      return n.keep(orient(bgr, orientedByDecoder ? 1 : info.orientation(), n));
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static Mat decodeRaw(String name, ImageFormat format, Mat encoded, int factor) {
    // A reduced decode goes through IMREAD_COLOR, which would apply the EXIF orientation: this class does that.
    int flags = switch (factor) {
      case 1 -> IMREAD_UNCHANGED;
      case 2 -> IMREAD_REDUCED_COLOR_2 | IMREAD_IGNORE_ORIENTATION;
      case 4 -> IMREAD_REDUCED_COLOR_4 | IMREAD_IGNORE_ORIENTATION;
      case 8 -> IMREAD_REDUCED_COLOR_8 | IMREAD_IGNORE_ORIENTATION;
      default -> throw new IllegalArgumentException("reduction factor " + factor);
    };
    Mat raw;
    try {
      raw = imdecode(encoded, flags);
    } catch (RuntimeException e) {
      throw new BadInputException(name, "could not decode the " + ImageHeaders.label(format) + " image data: "
          + firstLine(e.getMessage()), e);
    }
    if (raw == null || raw.empty()) {
      if (raw != null) {
        raw.close();
      }
      throw new BadInputException(name, "could not decode the " + ImageHeaders.label(format) + " image data (the file is corrupt"
          + " or uses a variant of the format that is not supported)");
    }
    return raw;
  }

  /** 8-bit 3-channel BGR from what IMREAD_UNCHANGED gives: gray, gray+alpha, BGR or BGRA, 8 or 16 bit. */
  private static Mat toBgr8(String name, Mat raw, Natives n) {
    int depth = raw.depth();
    int channels = raw.channels();
    if (depth != CV_8U && depth != CV_16U) {
      throw new BadInputException(name, "unsupported sample type (OpenCV depth " + depth
          + "); only 8- and 16-bit images are supported");
    }
    if (channels < 1 || channels > 4) {
      throw new BadInputException(name, "unsupported number of channels: " + channels);
    }
    Mat eightBit;
    if (channels == 2 || channels == 4) {
      eightBit = flattenOntoBlack(raw, n);
    } else if (depth == CV_16U) {
      eightBit = n.add(new Mat());
      raw.convertTo(eightBit, CV_8U, 1.0 / 257.0, 0.0); // rounds to nearest; v/257 never ties
    } else {
      eightBit = raw;
    }
    if (eightBit.channels() == 1) {
      Mat bgr = n.add(new Mat());
      cvtColor(eightBit, bgr, COLOR_GRAY2BGR);
      return bgr;
    }
    return eightBit;
  }

  /**
   * Composites colour planes over black: round(c * a / max) for 8 bit (max 255), and for 16 bit
   * round(c * a / 65535 / 257) computed in double, which is the 16-bit composite scaled to 8 bit.
   */
  private static Mat flattenOntoBlack(Mat raw, Natives n) {
    int colourPlanes = raw.channels() - 1;
    boolean sixteen = raw.depth() == CV_16U;
    double scale = sixteen ? 1.0 / (65535.0 * 257.0) : 1.0 / 255.0;
    Mat alpha = plane(raw, colourPlanes, sixteen, n);
    Mat[] out = new Mat[colourPlanes];
    for (int c = 0; c < colourPlanes; c++) {
      Mat colour = plane(raw, c, sixteen, n);
      out[c] = n.add(new Mat());
      multiply(colour, alpha, out[c], scale, CV_8U); // saturate_cast rounds to nearest; no exact ties
    }
    if (colourPlanes == 1) {
      return out[0];
    }
    MatVector planes = n.add(new MatVector(out));
    Mat merged = n.add(new Mat());
    merge(planes, merged);
    return merged;
  }

  private static Mat plane(Mat raw, int index, boolean toDouble, Natives n) {
    Mat p = n.add(new Mat());
    extractChannel(raw, p, index);
    if (!toDouble) {
      return p;
    }
    Mat d = n.add(new Mat());
    p.convertTo(d, CV_64F);
    return d;
  }

  /** Applies EXIF orientation 1..8 (the transform that makes the stored image display upright). */
  private static Mat orient(Mat src, int orientation, Natives n) {
    if (orientation == 1) {
      return src;
    }
    Mat dst = n.add(new Mat());
    switch (orientation) {
      case 2 -> flip(src, dst, 1); // mirror left-right
      case 3 -> rotate(src, dst, ROTATE_180);
      case 4 -> flip(src, dst, 0); // mirror top-bottom
      case 5 -> { // transpose = rotate 90 clockwise, then mirror left-right
        Mat tmp = n.add(new Mat());
        rotate(src, tmp, ROTATE_90_CLOCKWISE);
        flip(tmp, dst, 1);
      }
      case 6 -> rotate(src, dst, ROTATE_90_CLOCKWISE);
      case 7 -> { // transverse = rotate 90 clockwise, then mirror top-bottom
        Mat tmp = n.add(new Mat());
        rotate(src, tmp, ROTATE_90_CLOCKWISE);
        flip(tmp, dst, 0);
      }
      case 8 -> rotate(src, dst, ROTATE_90_COUNTERCLOCKWISE);
      default -> throw new IllegalArgumentException("EXIF orientation must be 1..8: " + orientation);
    }
    return dst;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /** Native objects made during one decode, closed in reverse order unless kept for the caller. */
  private static final class Natives implements AutoCloseable {
    private final Deque<Pointer> owned = new ArrayDeque<>();

    <T extends Pointer> T add(T p) {
      for (Pointer q : owned) {
        if (q == p) {
          return p;
        }
      }
      owned.push(p);
      return p;
    }

    <T extends Pointer> T keep(T p) {
      owned.removeIf(q -> q == p);
      return p;
    }

    @Override
    public void close() {
      while (!owned.isEmpty()) {
        owned.pop().close();
      }
    }
  }
}
