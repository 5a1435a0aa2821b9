package dev.videogen.media.overlay;

/** Deterministic operations on coverage maps for text outlines and shadows. */
final class Dilation {
  private Dilation() {}

  /**
   * The coverage of a stroke {@code radius} pixels wide around a shape of coverage {@code cov}: an edge
   * pixel's coverage c says its centre lies about ½ − c from the shape's edge, so a pixel p is covered
   * max over nearby pixels q with c(q) &gt; 0 of clamp(radius + c(q) − |p − q|, 0, 1) (and at least c(p)).
   * An approximate Euclidean dilation, anti-aliased at its rim.
   */
  static double[] dilate(double[] cov, int width, int height, double radius) {
    int reach = (int) Math.ceil(radius + 1);
    int taps = 0;
    int[] dx = new int[(2 * reach + 1) * (2 * reach + 1)];
    int[] dy = new int[dx.length];
    double[] dist = new double[dx.length];
    for (int y = -reach; y <= reach; y++) {
      for (int x = -reach; x <= reach; x++) {
        double d = Math.sqrt(x * x + y * y);
        if (d < radius + 1) {
          dx[taps] = x;
          dy[taps] = y;
          dist[taps] = d;
          taps++;
        }
      }
    }
    double[] out = new double[cov.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double best = cov[y * width + x];
        for (int t = 0; t < taps && best < 1; t++) {
          int qx = x + dx[t];
          int qy = y + dy[t];
          if (qx < 0 || qy < 0 || qx >= width || qy >= height) {
            continue;
          }
          double c = cov[qy * width + qx];
          if (c > 0) {
            best = Math.max(best, Math.min(1, radius + c - dist[t]));
          }
        }
        out[y * width + x] = best;
      }
    }
    return out;
  }

  /** {@code cov} moved by whole pixels (what moves out is dropped, what moves in is 0). */
  static double[] shift(double[] cov, int width, int height, int sx, int sy) {
    double[] out = new double[cov.length];
    for (int y = 0; y < height; y++) {
      int from = y - sy;
      if (from < 0 || from >= height) {
        continue;
      }
      for (int x = 0; x < width; x++) {
        int fx = x - sx;
        if (fx >= 0 && fx < width) {
          out[y * width + x] = cov[from * width + fx];
        }
      }
    }
    return out;
  }
}
