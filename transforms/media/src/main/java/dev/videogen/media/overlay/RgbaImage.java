package dev.videogen.media.overlay;

/**
 * A small picture with premultiplied alpha, in gamma-encoded sRGB (R', G', B' as 8-bit files hold them,
 * scaled to 0–1): {@code rgba} holds r·a, g·a, b·a, a per pixel, row by row. What an overlay looks like
 * before it is converted to the video's Y'CbCr.
 */
public record RgbaImage(int width, int height, double[] rgba) {
  public RgbaImage {
    if (width <= 0 || height <= 0 || rgba.length != 4 * width * height) {
      throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + 4L * width * height
          + " values, has " + rgba.length);
    }
  }

  public static RgbaImage transparent(int width, int height) {
    return new RgbaImage(width, height, new double[4 * width * height]);
  }

  public double alpha(int x, int y) {
    return rgba[4 * (y * width + x) + 3];
  }

  /**
   * Draws {@code colour} (8-bit sRGB with straight alpha) with per-pixel {@code coverage} (same size) over
   * this image, Porter-Duff "over" in premultiplied form: out = src + dst·(1 − src.a).
   */
  void paintOver(double[] coverage, int r, int g, int b, int a) {
    double alpha = a / 255.0;
    for (int i = 0; i < coverage.length; i++) {
      double srcA = alpha * coverage[i];
      if (srcA == 0) {
        continue;
      }
      double keep = 1 - srcA;
      int k = 4 * i;
      rgba[k] = r / 255.0 * srcA + rgba[k] * keep;
      rgba[k + 1] = g / 255.0 * srcA + rgba[k + 1] * keep;
      rgba[k + 2] = b / 255.0 * srcA + rgba[k + 2] * keep;
      rgba[k + 3] = srcA + rgba[k + 3] * keep;
    }
  }
}
