package dev.videogen.media.render;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops with the (incubating) Vector API; loaded only when {@code jdk.incubator.vector} is present.
 * The vertical blend is plain lane arithmetic. The horizontal resampling avoids gathers: the frame's column
 * taps are the same for every row, so per group of 8 outputs one window of L consecutive line samples (L
 * short lanes: 32 with AVX-512) holds both taps of every output as long as the source shrinks by less than
 * (L − 2)/7 (over 4× with 32 lanes; the source levels keep it under 3×); one shuffle, built once per frame,
 * moves the 8 first taps to lanes 0–7 and the 8 second taps to lanes 8–15. Groups whose taps do not fit a
 * window (only with 16-lane vectors and shrinking by more than 2×), and the tail, take the scalar loop:
 * same integers.
 */
final class VectorRowKernel implements RowKernel {
  private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
  /** Outputs per shuffle: 8, so a 32-lane window holds every tap even when the source shrinks by 3×. */
  private static final int HALF = 8;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
  private static final int LANES = SHORTS.length();

  private int lo;
  private int groups;
  private int[] bases = new int[0];
  private boolean[] fits = new boolean[0];
  @SuppressWarnings("unchecked")
  private VectorShuffle<Short>[] shuffles = new VectorShuffle[0];
  private final int[] order = new int[LANES];

  VectorRowKernel() {
    if (LANES < 2 * HALF) {
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
