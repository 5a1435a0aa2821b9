package dev.videogen.media.render;

/**
 * The two inner loops of the separable warp. Every implementation computes exactly the same integers (so a
 * video's bytes never depend on which one a worker used): {@code line[x] = a[x]·wa + b[x]·wb} (16-bit, never
 * overflowing: samples ≤ 255·{@link YuvImage#SCALE}, weights ≤ {@link AxisTaps#ONE}), then
 * {@code out[k] = (line[i0[k]]·w0[k] + line[i1[k]]·w1[k] + 2^(S−1)) >> S} with S = log2(SCALE) + 2·BITS.
 */
interface RowKernel {
  int SHIFT = 1 + 2 * AxisTaps.BITS;
  int ROUND = 1 << (SHIFT - 1);

  /** Called once per frame and plane geometry, before {@link #resample}; taps are relative to {@code cols.lo}. */
  void prepare(AxisTaps cols);

  /** Extra elements {@code line} must have past the span, for whole-vector reads. */
  int linePadding();

  void blend(short[] source, int rowA, int rowB, int wa, int wb, short[] line, int span);

  void resample(short[] line, AxisTaps cols, byte[] out);

  /** The kernel for this JVM: the vector one when the incubating Vector API is present and not disabled. */
  static RowKernel create() {
    String wanted = System.getProperty("videogen.kernel", "auto");
    if (!wanted.equals("scalar") && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        return (RowKernel) Class.forName("dev.videogen.media.render.VectorRowKernel").getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
        if (wanted.equals("vector")) {
          throw new IllegalStateException("the vector kernel is not available: " + e, e);
        }
      }
    } else if (wanted.equals("vector")) {
      throw new IllegalStateException("the vector kernel needs --add-modules jdk.incubator.vector");
    }
    return new ScalarRowKernel();
  }

  static String describe(RowKernel kernel) {
    return kernel.getClass().getSimpleName();
  }
}
