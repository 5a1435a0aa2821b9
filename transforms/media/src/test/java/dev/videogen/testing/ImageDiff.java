package dev.videogen.testing;

import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Differences between two 8-bit images of the same size and type (views into larger images allowed). */
public final class ImageDiff {
  private ImageDiff() {}

  /** The bytes of {@code image}, row by row (a view is copied first). */
  public static byte[] bytes(Mat image) {
    try (Mat continuous = image.isContinuous() ? null : image.clone()) {
      Mat source = continuous != null ? continuous : image;
      ByteBuffer buffer = source.createBuffer();
      byte[] out = new byte[(int) (source.total() * source.elemSize())];
      buffer.get(out);
      return out;
    }
  }

  /** Mean absolute difference over all samples, in 8-bit steps. */
  public static double meanAbsoluteDifference(Mat a, Mat b) {
    byte[] x = sameShape(a, b);
    byte[] y = bytes(b);
    long sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
    }
    return (double) sum / x.length;
  }

  /** Peak signal-to-noise ratio in dB (infinite for equal images). */
  public static double psnr(Mat a, Mat b) {
    byte[] x = sameShape(a, b);
    byte[] y = bytes(b);
    double squares = 0;
    for (int i = 0; i < x.length; i++) {
      int d = (x[i] & 0xff) - (y[i] & 0xff);
      squares += d * d;
    }
    double mse = squares / x.length;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  private static byte[] sameShape(Mat a, Mat b) {
    if (a.rows() != b.rows() || a.cols() != b.cols() || a.type() != b.type()) {
      throw new IllegalArgumentException("images differ in shape: " + a.cols() + "x" + a.rows() + " type " + a.type()
          + " vs " + b.cols() + "x" + b.rows() + " type " + b.type());
    }
    return bytes(a);
  }
}
