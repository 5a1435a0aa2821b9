package dev.videogen.media.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.LUT;

import dev.videogen.media.BadInputException;
import java.awt.Transparency;
import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.color.ProfileDataException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts decoded 8-bit BGR pixels from an embedded ICC profile's colour space to sRGB, with the JDK's colour
 * management module (LittleCMS: OpenJDK 17 on Debian links the system's liblcms2, other builds bundle it).
 *
 * <p>What it does, exactly:
 * <ul>
 *   <li>RGB profiles: every pixel through a {@link ColorConvertOp} from the profile to the JDK's built-in
 *       sRGB, in strips of rows (so the Java heap holds at most two strips, not a copy of the image). The
 *       JDK uses the perceptual intent for a display or input profile; a matrix/TRC profile (Display P3,
 *       Adobe RGB, ProPhoto, and nearly every camera or phone profile) has no perceptual table, so LittleCMS
 *       computes the colorimetric transform: colours inside sRGB are kept, colours outside are clipped per
 *       channel. A LUT profile with a perceptual table gets the gamut mapping its author designed.
 *   <li>Profiles whose description names sRGB ("sRGB IEC61966-2.1", "sRGB built-in" …) are skipped: the
 *       pixels already are sRGB, and skipping keeps such an image byte-identical to one without a profile.
 *   <li>Grey profiles: a 256-entry table (grey level → sRGB), made by the same module and applied to each
 *       channel (a grey image decodes with B = G = R).
 *   <li>CMYK profiles are ignored: OpenCV has already turned a CMYK JPEG into BGR (Adobe-inverted ink), so the
 *       profile no longer describes the pixels. Other colour spaces (Lab, XYZ, n-colour) are refused.
 * </ul>
 *
 * <p>Deterministic: the output is a function of the pixels, the profile bytes and the LittleCMS version the JDK
 * uses (8-bit transforms, no dithering); strips give the same bytes as one pass because every pixel is
 * converted on its own. Thread-safe: each call makes its own profile objects and transform.
 */
final class SrgbConversion {
  /** Rows per strip: bounds the Java heap used to (2 × 3 × width × STRIP_ROWS) bytes. */
  private static final int STRIP_ROWS = 64;

  private SrgbConversion() {}

  /**
   * Converts {@code bgr} (8-bit, 3 channels) in place from the colour space of {@code iccProfile} to sRGB.
   *
   * @throws BadInputException when the profile cannot be parsed or is of a colour space that cannot apply
   */
  static void toSrgbInPlace(String name, Mat bgr, byte[] iccProfile) {
    if (bgr.type() != CV_8UC3) {
      throw new IllegalArgumentException("expected an 8-bit BGR Mat, type " + bgr.type());
    }
    ICC_Profile profile = parse(name, iccProfile);
    switch (profile.getColorSpaceType()) {
      case ColorSpace.TYPE_RGB -> {
        if (!describesSrgb(profile)) {
          convertRgb(name, bgr, profile);
        }
      }
      case ColorSpace.TYPE_GRAY -> convertGrey(name, bgr, profile);
      case ColorSpace.TYPE_CMYK -> {} // see the class comment
      default -> throw unsupportedSpace(name, profile);
    }
  }

  /**
   * Parses the profile and checks its colour space can apply, without converting anything: so a bad profile
   * fails a job when it is planned, not half way through its render.
   */
  static void check(String name, byte[] iccProfile) {
    ICC_Profile profile = parse(name, iccProfile);
    int type = profile.getColorSpaceType();
    if (type != ColorSpace.TYPE_RGB && type != ColorSpace.TYPE_GRAY && type != ColorSpace.TYPE_CMYK) {
      throw unsupportedSpace(name, profile);
    }
  }

  private static BadInputException unsupportedSpace(String name, ICC_Profile profile) {
    return new BadInputException(name, "the embedded ICC colour profile is for a " + profile.getNumComponents()
        + "-component colour space that is not RGB, grey or CMYK, which is not supported (convert the image to"
        + " sRGB)");
  }

  /** True when the profile's description names sRGB (the usual spellings of the standard sRGB profiles). */
  static boolean describesSrgb(ICC_Profile profile) {
    String description = description(profile);
    return description != null && description.contains("sRGB");
  }

  private static ICC_Profile parse(String name, byte[] bytes) {
    try {
      return ICC_Profile.getInstance(bytes);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(name, "the embedded ICC colour profile is corrupt: " + e.getMessage()
          + " (re-save the image with its colour profile, or converted to sRGB)", e);
    }
  }

  private static void convertRgb(String name, Mat bgr, ICC_Profile profile) {
    int width = bgr.cols();
    int height = bgr.rows();
    ColorConvertOp op = new ColorConvertOp(null);
    ComponentColorModel model = colourModel(name, profile);
    long rowBytes = 3L * width;
    byte[] in = new byte[(int) (rowBytes * Math.min(STRIP_ROWS, height))];
    BufferedImage srgb = new BufferedImage(width, Math.min(STRIP_ROWS, height), BufferedImage.TYPE_3BYTE_BGR);
    byte[] out = ((DataBufferByte) srgb.getRaster().getDataBuffer()).getData();
    BytePointer pixels = bgr.data();
    long step = bgr.step();
    for (int top = 0; top < height; top += STRIP_ROWS) {
      int rows = Math.min(STRIP_ROWS, height - top);
      for (int r = 0; r < rows; r++) {
        pixels.position((top + r) * step).get(in, (int) (r * rowBytes), (int) rowBytes);
      }
      BufferedImage source = bgrImage(model, in, width, rows);
      BufferedImage target = rows == srgb.getHeight() ? srgb : srgb.getSubimage(0, 0, width, rows);
      try {
        op.filter(source, target);
      } catch (CMMException | ProfileDataException | IllegalArgumentException e) {
        throw unusable(name, e);
      }
      for (int r = 0; r < rows; r++) {
        pixels.position((top + r) * step).put(out, (int) (r * rowBytes), (int) rowBytes);
      }
    }
    pixels.position(0);
  }

  /** Grey level v → the sRGB BGR triple, applied per channel with a lookup table. */
  private static void convertGrey(String name, Mat bgr, ICC_Profile profile) {
    ComponentColorModel model;
    try {
      model = new ComponentColorModel(new ICC_ColorSpace(profile), false, false, Transparency.OPAQUE,
          DataBuffer.TYPE_BYTE);
    } catch (IllegalArgumentException | CMMException | ProfileDataException e) {
      throw unusable(name, e);
    }
    byte[] levels = new byte[256];
    for (int v = 0; v < 256; v++) {
      levels[v] = (byte) v;
    }
    WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(levels, 256), 256, 1, 256, 1,
        new int[] {0}, null);
    BufferedImage grey = new BufferedImage(model, raster, false, null);
    BufferedImage srgb = new BufferedImage(256, 1, BufferedImage.TYPE_3BYTE_BGR);
    try {
      new ColorConvertOp(null).filter(grey, srgb);
    } catch (CMMException | ProfileDataException | IllegalArgumentException e) {
      throw unusable(name, e);
    }
    byte[] table = ((DataBufferByte) srgb.getRaster().getDataBuffer()).getData(); // 256 BGR triples
    try (BytePointer data = new BytePointer(table); Mat lut = new Mat(1, 256, CV_8UC3, data)) {
      LUT(bgr, lut, bgr);
    }
  }

  private static ComponentColorModel colourModel(String name, ICC_Profile profile) {
    try {
      return new ComponentColorModel(new ICC_ColorSpace(profile), false, false, Transparency.OPAQUE,
          DataBuffer.TYPE_BYTE);
    } catch (IllegalArgumentException | CMMException | ProfileDataException e) {
      throw unusable(name, e);
    }
  }

  /** An image in the profile's colour space over BGR-ordered interleaved bytes (as OpenCV stores them). */
  private static BufferedImage bgrImage(ComponentColorModel model, byte[] bytes, int width, int rows) {
    WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bytes, 3 * width * rows), width,
        rows, 3 * width, 3, new int[] {2, 1, 0}, null);
    return new BufferedImage(model, raster, false, null);
  }

  private static BadInputException unusable(String name, RuntimeException e) {
    return new BadInputException(name, "the embedded ICC colour profile cannot be used: " + e.getMessage()
        + " (re-save the image converted to sRGB)", e);
  }

  /** The profile description ('desc' in ICC v2, 'mluc' in v4), or null. */
  private static String description(ICC_Profile profile) {
    byte[] tag = profile.getData(ICC_Profile.icSigProfileDescriptionTag);
    if (tag == null || tag.length < 12) {
      return null;
    }
    String type = new String(tag, 0, 4, StandardCharsets.ISO_8859_1);
    if (type.equals("desc")) {
      int count = (int) Math.min(u32be(tag, 8), tag.length - 12L);
      return new String(tag, 12, Math.max(0, count), StandardCharsets.ISO_8859_1);
    }
    if (type.equals("mluc") && tag.length >= 28) {
      int length = (int) u32be(tag, 20);
      int offset = (int) u32be(tag, 24);
      if (offset >= 0 && length >= 0 && offset + (long) length <= tag.length) {
        return new String(tag, offset, length, StandardCharsets.UTF_16BE);
      }
    }
    return null;
  }

  private static long u32be(byte[] b, int i) {
    return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
  }
}
