package dev.videogen.media.render;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops with the (incubating) Vector API; loaded only when {@code jdk.incubator.vector} is present.
 * The vertical blend is plain lane arithmetic. The horizontal resampling avoids gathers: the frame's column
 * taps are the same for every row, so per group of H = L/2 outputs one window of L consecutive line samples
 * (L short lanes: 32 with AVX-512, 16 with AVX2) holds both taps of every output as long as the source
 * shrinks by at most (L − 2)/(H − 1) = 2× (the source levels keep every frame under 2×); one shuffle, built
 * once per frame, moves the H first taps to lanes 0…H−1 and the H second taps to lanes H…L−1. Groups whose
 * taps do not fit a window, and the tail, take the scalar loop: same integers.
 */
final class VectorRowKernel implements RowKernel {
  private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
  private static final int LANES = SHORTS.length();
  /** Outputs per shuffle: half the window, each needing two taps. */
  private static final int HALF = LANES / 2;
  private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorShape.forBitSize(HALF * Integer.SIZE));
  private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(HALF * Byte.SIZE));

  private int lo;
  private int groups;
  private int[] bases = new int[0];
  private boolean[] fits = new boolean[0];
  @SuppressWarnings("unchecked")
  private VectorShuffle<Short>[] shuffles = new VectorShuffle[0];
  private final int[] order = new int[LANES];

  VectorRowKernel() {
    if (HALF < 8) {
      throw new UnsupportedOperationException("vectors of " + SHORTS.vectorBitSize() + " bits are too short");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void prepare(AxisTaps cols) {
    lo = cols.lo;
    groups = cols.count / HALF;
    if (bases.length < groups) {
      bases = new int[groups];
      fits = new boolean[groups];
      shuffles = new VectorShuffle[groups];
    }
    for (int g = 0; g < groups; g++) {
      int first = g * HALF;
      int base = cols.i0[first] - lo;
      boolean ok = true;
      for (int l = 0; l < HALF; l++) {
        int a = cols.i0[first + l] - lo - base;
        int b = cols.i1[first + l] - lo - base;
        ok &= a >= 0 && b >= 0 && a < LANES && b < LANES;
        order[l] = Math.max(0, Math.min(LANES - 1, a));
        order[HALF + l] = Math.max(0, Math.min(LANES - 1, b));
      }
      bases[g] = base;
      fits[g] = ok;
      shuffles[g] = VectorShuffle.fromArray(SHORTS, order, 0);
    }
  }

  @Override
  public int linePadding() {
    return LANES;
  }

  @Override
  public void blend(short[] source, int rowA, int rowB, int wa, int wb, short[] line, int span) {
    short a16 = (short) wa;
    short b16 = (short) wb;
    int x = 0;
    for (int end = span - LANES; x <= end; x += LANES) {
      ShortVector.fromArray(SHORTS, source, rowA + x).mul(a16)
          .add(ShortVector.fromArray(SHORTS, source, rowB + x).mul(b16))
          .intoArray(line, x);
    }
    for (; x < span; x++) {
      line[x] = (short) (source[rowA + x] * wa + source[rowB + x] * wb);
    }
  }

  @Override
  public void resample(short[] line, AxisTaps cols, byte[] out) {
    for (int g = 0; g < groups; g++) {
      int first = g * HALF;
      if (!fits[g]) {
        ScalarRowKernel.resampleRange(line, cols, out, first, first + HALF, lo);
        continue;
      }
      ShortVector window = ShortVector.fromArray(SHORTS, line, bases[g]).rearrange(shuffles[g]);
      IntVector p = (IntVector) window.convertShape(VectorOperators.S2I, INTS, 0);
      IntVector q = (IntVector) window.convertShape(VectorOperators.S2I, INTS, 1);
      IntVector sum = p.mul(IntVector.fromArray(INTS, cols.w0, first))
          .add(q.mul(IntVector.fromArray(INTS, cols.w1, first)))
          .add(ROUND)
          .lanewise(VectorOperators.ASHR, SHIFT);
      ((ByteVector) sum.convertShape(VectorOperators.I2B, BYTES, 0)).intoArray(out, first);
    }
    ScalarRowKernel.resampleRange(line, cols, out, groups * HALF, cols.count, lo);
  }
}
