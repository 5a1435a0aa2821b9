package dev.videogen.media.overlay;

/**
 * An anti-aliased rasteriser of closed outlines: exact area coverage per pixel by signed-area accumulation
 * (each edge adds, to the cells it crosses, the area it sweeps to its right; a running sum along each row is
 * then the winding number integrated over the pixel). Coverage is min(1, |sum|), so overlapping contours of
 * the same direction fill once (non-zero winding) and a contour of the opposite direction cuts a hole.
 * Quadratic curves are flattened into lines with a fixed rule. Pure Java doubles: the same outline gives
 * the same coverage on every JVM. Coordinates are pixels, x right, y down; pixel (x, y) is the square
 * [x, x+1) × [y, y+1).
 */
public final class CoverageRaster {
  /** Largest distance, in pixels, of a flattened quadratic from the true curve. */
  static final double FLATNESS = 0.02;
  /** Coverage below this is rounding residue of the running sum, and counts as none. */
  static final double NOISE = 1e-9;

  private final int width;
  private final int height;
  private final int stride;
  /** Per row: width + 2 cells, the last ones catch what falls on the right edge. */
  private final double[] cells;
  private double startX;
  private double startY;
  private double penX;
  private double penY;
  private boolean open;

  public CoverageRaster(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("raster size must be positive, was " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.stride = width + 2;
    this.cells = new double[stride * height];
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Starts a new contour at (x, y), closing the one before. */
  public void moveTo(double x, double y) {
    close();
    startX = x;
    startY = y;
    penX = x;
    penY = y;
    open = true;
  }

  public void lineTo(double x, double y) {
    line(penX, penY, x, y);
    penX = x;
    penY = y;
  }

  /** A quadratic Bézier from the pen through control (cx, cy) to (x, y), as n equal-parameter lines. */
  public void quadTo(double cx, double cy, double x, double y) {
    double ddx = penX - 2 * cx + x;
    double ddy = penY - 2 * cy + y;
    // A quadratic split into n pieces of equal parameter deviates at most |p0 - 2p1 + p2| / (8 n²).
    double deviation = Math.sqrt(ddx * ddx + ddy * ddy);
    int n = Math.max(1, (int) Math.ceil(Math.sqrt(deviation / (8 * FLATNESS))));
    double x0 = penX;
    double y0 = penY;
    for (int i = 1; i < n; i++) {
      double t = (double) i / n;
      double u = 1 - t;
      lineTo(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
    }
    lineTo(x, y);
  }

  /** Closes the current contour back to its start. */
  public void close() {
    if (open && (penX != startX || penY != startY)) {
      line(penX, penY, startX, startY);
    }
    penX = startX;
    penY = startY;
    open = false;
  }

  /** The coverage of every pixel, row by row, each in [0, 1]. Closes the current contour. */
  public double[] coverage() {
    close();
    double[] out = new double[width * height];
    for (int y = 0; y < height; y++) {
      double sum = 0;
      int row = y * stride;
      for (int x = 0; x < width; x++) {
        sum += cells[row + x];
        // The edges' shares cancel along a row only up to rounding: what is left past a shape is noise, not
        // coverage (an outline would otherwise grow from it).
        double covered = Math.abs(sum);
        out[y * width + x] = covered < NOISE ? 0 : Math.min(1.0, covered);
      }
    }
    return out;
  }

  /**
   * Adds one edge. Its direction gives the sign (downwards +1); x is clamped to the raster, which keeps the
   * area of what lies left of it (a shape cut at the left edge still fills the pixels it covers inside).
   */
  private void line(double x0, double y0, double x1, double y1) {
    if (y0 == y1) {
      return;
    }
    double dir = 1;
    if (y0 > y1) {
      dir = -1;
      double t = x0;
      x0 = x1;
      x1 = t;
      t = y0;
      y0 = y1;
      y1 = t;
    }
    double dxdy = (x1 - x0) / (y1 - y0);
    int rowFrom = Math.max(0, (int) Math.floor(y0));
    int rowTo = Math.min(height, (int) Math.ceil(y1));
    for (int row = rowFrom; row < rowTo; row++) {
      double top = Math.max(row, y0);
      double bottom = Math.min(row + 1, y1);
      double dy = bottom - top;
      if (dy <= 0) {
        continue;
      }
      double xa = clampX(x0 + (top - y0) * dxdy);
      double xb = clampX(x0 + (bottom - y0) * dxdy);
      accumulate(row * stride, Math.min(xa, xb), Math.max(xa, xb), dy * dir);
    }
  }

  private double clampX(double x) {
    return Math.max(0, Math.min(width, x));
  }

  /**
   * One row's share of an edge crossing x from {@code left} to {@code right} over a height {@code d}
   * (signed): the area of each cell that lies right of the edge, times the sign, stored as differences along
   * the row.
   */
  private void accumulate(int row, double left, double right, double d) {
    int first = (int) Math.floor(left);
    if (right - left < 1e-12 || (int) Math.ceil(right) <= first + 1) {
      // Within one cell: the part of that cell right of the edge's mean x is covered.
      double mid = 0.5 * (left + right) - first;
      cells[row + first] += d * (1 - mid);
      cells[row + first + 1] += d * mid;
      return;
    }
    // The edge spans cells first .. last-1. With a(X) = the mean over the edge of max(0, X - x) (x uniform on
    // [left, right]), cell c is covered a(c+1) - a(c) (times d); from cell `last` on, fully. Each cell stores
    // the difference of its coverage from its left neighbour's, so the row's running sum is the coverage.
    int last = (int) Math.ceil(right);
    double span = right - left;
    double previousA = 0; // a(first) = 0: first <= left
    double previousCoverage = 0;
    for (int cell = first; cell < last; cell++) {
      double x = cell + 1;
      double a = x <= right ? (x - left) * (x - left) / (2 * span) : x - 0.5 * (left + right);
      double coverage = a - previousA;
      cells[row + cell] += d * (coverage - previousCoverage);
      previousA = a;
      previousCoverage = coverage;
    }
    cells[row + last] += d * (1 - previousCoverage);
  }
}
