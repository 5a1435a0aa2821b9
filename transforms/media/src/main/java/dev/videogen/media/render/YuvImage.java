package dev.videogen.media.render;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_core.transform;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * An image converted once to what the encoder takes: BT.709, limited ("MPEG") range, 4:2:0 planes, kept at
 * twice the 8-bit scale (one extra bit, so that the warp rounds only once, at the end). Luma Y is full size;
 * Cb and Cr are half size in each direction, each chroma sample the 2×2 box average of the full-resolution
 * chroma (so chroma is filtered, never point-sampled); chroma sample j covers luma columns 2j and 2j+1.
 *
 * <p>Exact formulas, for full-range 8-bit R, G, B and y' = (0.2126 R + 0.7152 G + 0.0722 B) / 255:
 * Y = 16 + 219 y', Cb = 128 + 224 (B/255 − y') / 1.8556, Cr = 128 + 224 (R/255 − y') / 1.5748.
 * Planes are on the Java heap (the warp kernels are Java), read-only once built.
 */
public final class YuvImage {
  /** Planes hold value × SCALE. */
  public static final int SCALE = 2;

  private final int width;
  private final int height;
  private final short[] y;
  private final short[] cb;
  private final short[] cr;

  YuvImage(int width, int height, short[] y, short[] cb, short[] cr) {
    this.width = width;
    this.height = height;
    this.y = y;
    this.cb = cb;
    this.cr = cr;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int chromaWidth() {
    return (width + 1) / 2;
  }

  public int chromaHeight() {
    return (height + 1) / 2;
  }

  short[] y() {
    return y;
  }

  short[] cb() {
    return cb;
  }

  short[] cr() {
    return cr;
  }

  public long bytes() {
    return 2L * (y.length + cb.length + cr.length);
  }

  /** The BT.709 coefficients as a 3×4 matrix over (B, G, R, 1), rows Y, Cb, Cr, scaled by {@link #SCALE}. */
  static float[] bt709Matrix() {
    double kr = 0.2126;
    double kg = 0.7152;
    double kb = 0.0722;
    double[][] rows = new double[3][];
    // y' coefficients over (B, G, R)
    double[] luma = {kb / 255, kg / 255, kr / 255};
    rows[0] = new double[] {219 * luma[0], 219 * luma[1], 219 * luma[2], 16};
    // Cb = 128 + 224/1.8556 · (B/255 − y')
    double cbGain = 224 / 1.8556;
    rows[1] = new double[] {cbGain * (1 / 255.0 - luma[0]), -cbGain * luma[1], -cbGain * luma[2], 128};
    double crGain = 224 / 1.5748;
    rows[2] = new double[] {-crGain * luma[0], -crGain * luma[1], crGain * (1 / 255.0 - luma[2]), 128};
    float[] m = new float[12];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        m[4 * r + c] = (float) (rows[r][c] * SCALE);
      }
    }
    return m;
  }

  /** Converts a CV_8UC3 BGR image (not kept). */
  public static YuvImage fromBgr(Mat bgr) {
    if (bgr == null || bgr.isNull() || bgr.type() != CV_8UC3 || bgr.empty()) {
      throw new IllegalArgumentException("a non-empty CV_8UC3 BGR Mat is required");
    }
    int width = bgr.cols();
    int height = bgr.rows();
    int chromaWidth = (width + 1) / 2;
    int chromaHeight = (height + 1) / 2;
    try (Mat floats = new Mat();
        Mat converted = new Mat();
        Mat matrix = new Mat(3, 4, org.bytedeco.opencv.global.opencv_core.CV_32F);
        FloatPointer values = new FloatPointer(matrix.data());
        MatVector planes = new MatVector()) {
      values.put(bt709Matrix());
      bgr.convertTo(floats, CV_32F);
      transform(floats, converted, matrix);
      split(converted, planes);
      short[] y = toShorts(planes.get(0), width * height);
      short[] cb = halve(planes.get(1), width, height, chromaWidth, chromaHeight);
      short[] cr = halve(planes.get(2), width, height, chromaWidth, chromaHeight);
      return new YuvImage(width, height, y, cb, cr);
    }
  }

  /** 2×2 box average (odd sizes: the last column/row replicated), then rounded to shorts. */
  private static short[] halve(Mat full, int width, int height, int chromaWidth, int chromaHeight) {
    try (Mat even = new Mat();
        Mat half = new Mat();
        Scalar none = new Scalar(0.0);
        Size halfSize = new Size(chromaWidth, chromaHeight)) {
      copyMakeBorder(full, even, 0, 2 * chromaHeight - height, 0, 2 * chromaWidth - width, BORDER_REPLICATE, none);
      resize(even, half, halfSize, 0, 0, INTER_AREA); // an exact factor of 2: the 2×2 mean
      return toShorts(half, chromaWidth * chromaHeight);
    }
  }

  private static short[] toShorts(Mat floats, int count) {
    try (Mat shorts = new Mat()) {
      floats.convertTo(shorts, CV_16S); // rounds to nearest
      short[] out = new short[count];
      try (ShortPointer data = new ShortPointer(shorts.data())) {
        data.capacity(count).get(out);
      }
      return out;
    }
  }
}
