package dev.videogen.media.overlay;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.videogen.media.BadInputException;
import dev.videogen.media.image.ImageDecoder;
import dev.videogen.media.image.ImageInfo;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Overlay pictures: decoded with their alpha (a logo's transparent background stays transparent), and
 * resized by exact area averaging in premultiplied form (no dark fringes at transparent edges). Any format
 * slides accept; 16-bit samples are scaled to 8 bits (round(v/257)); gray, gray+alpha, RGB and RGBA are
 * handled; EXIF orientation is not applied (logos are PNGs).
 */
public final class OverlayPicture {
  private OverlayPicture() {}

  /** Decodes image bytes into premultiplied RGBA; {@code name} names the file in errors. */
  public static RgbaImage decode(String name, byte[] bytes, long maxPixels) {
    ImageInfo info = ImageDecoder.probe(name, bytes, maxPixels);
    try (BytePointer data = new BytePointer(bytes);
        Mat encoded = new Mat(1, bytes.length, CV_8UC1, data);
        Mat raw = imdecode(encoded, IMREAD_UNCHANGED);
        Mat eight = new Mat()) {
      if (raw == null || raw.empty()) {
        throw new BadInputException(name, "could not decode the overlay picture");
      }
      if (raw.cols() != info.storedWidth() || raw.rows() != info.storedHeight()) {
        throw new BadInputException(name, "the decoded picture is " + raw.cols() + "x" + raw.rows()
            + " but its header says " + info.storedWidth() + "x" + info.storedHeight());
      }
      int channels = raw.channels();
      if (raw.depth() == CV_16U) {
        raw.convertTo(eight, CV_8U, 1.0 / 257.0, 0.0);
      } else if (raw.depth() == CV_8U) {
        raw.copyTo(eight);
      } else {
        throw new BadInputException(name, "unsupported sample type (OpenCV depth " + raw.depth() + ")");
      }
      if (channels < 1 || channels > 4) {
        throw new BadInputException(name, "unsupported number of channels: " + channels);
      }
      int width = eight.cols();
      int height = eight.rows();
      byte[] samples = new byte[width * height * channels];
      try (Mat continuous = eight.isContinuous() ? null : eight.clone()) {
        Mat source = continuous != null ? continuous : eight;
        try (BytePointer pixels = new BytePointer(source.data())) {
          pixels.capacity(samples.length).get(samples);
        }
      }
      return premultiply(samples, width, height, channels);
    }
  }

  /** OpenCV's channel orders (gray, gray+alpha, BGR, BGRA) to premultiplied RGBA doubles. */
  private static RgbaImage premultiply(byte[] samples, int width, int height, int channels) {
    double[] rgba = new double[4 * width * height];
    for (int i = 0; i < width * height; i++) {
      int k = i * channels;
      double r;
      double g;
      double b;
      double a = 1;
      if (channels <= 2) {
        r = g = b = (samples[k] & 0xff) / 255.0;
        if (channels == 2) {
          a = (samples[k + 1] & 0xff) / 255.0;
        }
      } else {
        b = (samples[k] & 0xff) / 255.0;
        g = (samples[k + 1] & 0xff) / 255.0;
        r = (samples[k + 2] & 0xff) / 255.0;
        if (channels == 4) {
          a = (samples[k + 3] & 0xff) / 255.0;
        }
      }
      rgba[4 * i] = r * a;
      rgba[4 * i + 1] = g * a;
      rgba[4 * i + 2] = b * a;
      rgba[4 * i + 3] = a;
    }
    return new RgbaImage(width, height, rgba);
  }

  /**
   * The picture at {@code width} × {@code height}: output pixel (u, v) is the area-weighted mean of the
   * source over [u·W/w, (u+1)·W/w) × [v·H/h, (v+1)·H/h) (premultiplied, so transparent pixels add no colour).
   */
  public static RgbaImage resize(RgbaImage src, int width, int height) {
    if (width == src.width() && height == src.height()) {
      return src;
    }
    double[] rows = resample(src.rgba(), src.width(), src.height(), width, true);
    return new RgbaImage(width, height, resample(rows, width, src.height(), height, false));
  }

  /** One separable pass: along x (to {@code size} columns) or along y (to {@code size} rows). */
  private static double[] resample(double[] in, int width, int height, int size, boolean alongX) {
    int from = alongX ? width : height;
    int outWidth = alongX ? size : width;
    int outHeight = alongX ? height : size;
    double[] out = new double[4 * outWidth * outHeight];
    double step = (double) from / size;
    for (int o = 0; o < size; o++) {
      double lo = o * step;
      double hi = (o + 1) * step;
      for (int s = (int) Math.floor(lo); s < Math.min(from, (int) Math.ceil(hi)); s++) {
        double weight = (Math.min(hi, s + 1) - Math.max(lo, s)) / step;
        if (weight <= 0) {
          continue;
        }
        int lines = alongX ? height : width;
        for (int l = 0; l < lines; l++) {
          int src = alongX ? 4 * (l * width + s) : 4 * (s * width + l);
          int dst = alongX ? 4 * (l * outWidth + o) : 4 * (o * outWidth + l);
          for (int c = 0; c < 4; c++) {
            out[dst + c] += weight * in[src + c];
          }
        }
      }
    }
    return out;
  }
}
