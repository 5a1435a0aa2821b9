package dev.videogen.media.render;

/** The plain Java inner loops; the reference the vector kernel must match bit for bit. */
final class ScalarRowKernel implements RowKernel {
  private int lo;

  @Override
  public void prepare(AxisTaps cols) {
    lo = cols.lo;
  }

  @Override
  public int linePadding() {
    return 0;
  }

  @Override
  public void blend(short[] source, int rowA, int rowB, int wa, int wb, short[] line, int span) {
    for (int x = 0; x < span; x++) {
      line[x] = (short) (source[rowA + x] * wa + source[rowB + x] * wb);
    }
  }

  @Override
  public void resample(short[] line, AxisTaps cols, byte[] out) {
    resampleRange(line, cols, out, 0, cols.count, lo);
  }

  static void resampleRange(short[] line, AxisTaps cols, byte[] out, int from, int to, int lo) {
    int[] i0 = cols.i0;
    int[] i1 = cols.i1;
    int[] w0 = cols.w0;
    int[] w1 = cols.w1;
    for (int k = from; k < to; k++) {
      out[k] = (byte) ((line[i0[k] - lo] * w0[k] + line[i1[k] - lo] * w1[k] + ROUND) >> SHIFT);
    }
  }
}
