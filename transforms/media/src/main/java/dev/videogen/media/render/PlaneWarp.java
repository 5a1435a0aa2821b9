package dev.videogen.media.render;

import java.nio.ByteBuffer;

/**
 * Resamples planes by an axis-aligned scale + translation — all a Ken Burns frame needs — separably: per
 * output row, blend the two source rows it falls between (vertical taps), then pick and weigh the two
 * blended samples of each output column (horizontal taps, the same for every row of the frame). Bilinear,
 * rounded once; positions quantized to 1/64 of a source pixel (warpAffine's grid is 1/32).
 *
 * <p>Usage per frame: {@link #prepare} with the geometry, then {@link #apply} for each plane sharing it
 * (Cb and Cr share theirs). Owns its scratch buffers; not thread-safe.
 */
final class PlaneWarp {
  private final RowKernel kernel;
  private final AxisTaps cols = new AxisTaps();
  private final AxisTaps rows = new AxisTaps();
  private short[] line = new short[0];
  private byte[] out = new byte[0];
  private int sourceWidth;
  private int sourceHeight;
  private boolean contain;

  PlaneWarp(RowKernel kernel) {
    this.kernel = kernel;
  }

  /**
   * Output sample (u, v) of a width×height plane samples the source plane (sourceWidth×sourceHeight) at
   * (ax·u + bx, ay·v + by). {@code contain}: outside the source counts as nothing (see {@link #apply}'s
   * background); else the edge is replicated.
   */
  void prepare(int width, int height, int sourceWidth, int sourceHeight, double ax, double bx, double ay, double by,
      boolean contain) {
    this.sourceWidth = sourceWidth;
    this.sourceHeight = sourceHeight;
    this.contain = contain;
    cols.compute(width, ax, bx, sourceWidth, contain);
    rows.compute(height, ay, by, sourceHeight, contain);
    kernel.prepare(cols);
    int needed = cols.hi - cols.lo + 1 + kernel.linePadding();
    if (line.length < needed) {
      line = new short[needed];
    }
    if (out.length < width) {
      out = new byte[width];
    }
  }

  /**
   * Writes the plane. {@code background} (×{@link YuvImage#SCALE}, width×height, or null) fills what the
   * source does not cover, weighted by 1 − coverage, so edges are anti-aliased.
   */
  void apply(short[] source, ByteBuffer target, int stride, short[] background) {
    int width = cols.count;
    int span = cols.hi - cols.lo + 1;
    int full = AxisTaps.ONE * AxisTaps.ONE;
    for (int v = 0; v < rows.count; v++) {
      int wa = rows.w0[v];
      int wb = rows.w1[v];
      int rowCoverage = wa + wb;
      if (rowCoverage == 0 && background != null) {
        int at = v * width;
        for (int u = 0; u < width; u++) {
          out[u] = (byte) ((background[at + u] + 1) >> 1);
        }
      } else {
        kernel.blend(source, rows.i0[v] * sourceWidth + cols.lo, rows.i1[v] * sourceWidth + cols.lo, wa, wb, line, span);
        kernel.resample(line, cols, out);
        if (background != null && (cols.partial || rowCoverage < AxisTaps.ONE)) {
          blendBackground(v, rowCoverage, background, full);
        }
      }
      target.put(v * stride, out, 0, width);
    }
  }

  /** out = (fg + bg·(1 − c)) for samples whose coverage c is below 1, from the unrounded foreground. */
  private void blendBackground(int v, int rowCoverage, short[] background, int full) {
    int width = cols.count;
    int at = v * width;
    int lo = cols.lo;
    for (int u = 0; u < width; u++) {
      int coverage = cols.coverage(u) * rowCoverage;
      if (coverage < full) {
        int fg = line[cols.i0[u] - lo] * cols.w0[u] + line[cols.i1[u] - lo] * cols.w1[u];
        out[u] = (byte) ((fg + background[at + u] * (full - coverage) + RowKernel.ROUND) >> RowKernel.SHIFT);
      }
    }
  }

  boolean contain() {
    return contain;
  }

  int sourceHeight() {
    return sourceHeight;
  }
}
