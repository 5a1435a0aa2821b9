package dev.videogen.media.audio;

/**
 * Integrated loudness of a 48 kHz stereo signal per ITU-R BS.1770-4 / EBU R128, streamed: K-weighting (the
 * standard's two biquads at 48 kHz), mean square over 400 ms blocks every 100 ms (75 % overlap), channel
 * weights 1 (left, right), an absolute gate at -70 LUFS and a relative gate 10 LU below the loudness of the
 * blocks above it. Only whole blocks count; a signal with no block above the gates is silent
 * ({@link #integratedLufs()} is -Infinity).
 *
 * <p>Written in Java rather than driven through libavfilter's {@code ebur128}: it is pure, exact to test on
 * synthetic signals, deterministic on every worker, and it runs inside the decode pass that already reads
 * every track to measure its length ({@link LoudnessNormaliser}), so measuring costs no extra decode. The
 * bundled {@code ffmpeg}
 * program's {@code ebur128} filter checks it in the tests, an implementation sharing no code with this one.
 *
 * <p>Memory is constant in the signal's length: instead of every block's loudness (a 6-hour track has
 * 216 000 blocks), blocks above the absolute gate go into a histogram of {@link #BIN_LU} LU bins from -70 to
 * +10 LUFS holding each bin's exact energy sum and count. The relative gate is then applied per bin: blocks
 * in the bin that holds the gate itself count as above it, an error confined to blocks within 0.01 LU of the
 * gate. Not thread-safe.
 */
final class LoudnessMeter {
  static final int RATE = 48_000;
  static final int STEP = RATE / 10;
  static final double BIN_LU = 0.01;
  private static final double FLOOR = -70;
  private static final int BINS = (int) Math.round(80 / BIN_LU);

  // BS.1770-4 table 1 (stage 1, the head's shelving filter) and table 2 (stage 2, RLB high-pass), 48 kHz.
  private static final double B10 = 1.53512485958697, B11 = -2.69169618940638, B12 = 1.19839281085285;
  private static final double A11 = -1.69065929318241, A12 = 0.73248077421585;
  private static final double A21 = -1.99004745483398, A22 = 0.99007225036621;

  /** Direct form II transposed states: [channel][stage * 2 + k]. */
  private final double[][] state = new double[2][4];
  /** Energy (sum of squares over both channels) of the last four 100 ms steps, oldest first by ring order. */
  private final double[] steps = new double[4];
  private int stepsDone;
  private double stepEnergy;
  private int stepFill;
  private final double[] binEnergy = new double[BINS];
  private final long[] binCount = new long[BINS];

  /** Adds samples {@code [offset, offset + count)} of both channels. */
  void accept(float[] left, float[] right, int offset, int count) {
    for (int i = offset; i < offset + count; i++) {
      double l = kWeight(state[0], left[i]);
      double r = kWeight(state[1], right[i]);
      stepEnergy += l * l + r * r;
      if (++stepFill == STEP) {
        endStep();
      }
    }
  }

  private static double kWeight(double[] s, double x) {
    double y1 = B10 * x + s[0];
    s[0] = B11 * x - A11 * y1 + s[1];
    s[1] = B12 * x - A12 * y1;
    double y2 = y1 + s[2];
    s[2] = -2 * y1 - A21 * y2 + s[3];
    s[3] = y1 - A22 * y2;
    return y2;
  }

  private void endStep() {
    steps[stepsDone % 4] = stepEnergy;
    stepsDone++;
    stepEnergy = 0;
    stepFill = 0;
    if (stepsDone >= 4) {
      double z = (steps[0] + steps[1] + steps[2] + steps[3]) / (4.0 * STEP);
      double loudness = loudness(z);
      if (loudness > FLOOR) {
        int bin = (int) Math.min(BINS - 1, Math.floor((loudness - FLOOR) / BIN_LU));
        binEnergy[bin] += z;
        binCount[bin]++;
      }
    }
  }

  /** Whole 400 ms blocks measured so far (gated or not). */
  long blocks() {
    return Math.max(0, stepsDone - 3);
  }

  /** The integrated loudness in LUFS of what was accepted so far; -Infinity when no block passes the gates. */
  double integratedLufs() {
    double absoluteGated = meanFrom(0);
    if (Double.isNaN(absoluteGated)) {
      return Double.NEGATIVE_INFINITY; // no block above the absolute gate: 0 / 0
    }
    double relativeGate = loudness(absoluteGated) - 10;
    int from = (int) Math.max(0, Math.floor((relativeGate - FLOOR) / BIN_LU));
    return loudness(meanFrom(from));
  }

  /** Mean energy of the blocks in bins from {@code from} up; NaN when there are none. */
  private double meanFrom(int from) {
    double energy = 0;
    long count = 0;
    for (int bin = from; bin < BINS; bin++) {
      energy += binEnergy[bin];
      count += binCount[bin];
    }
    return energy / count;
  }

  /** BS.1770's block loudness of a channel-summed mean square; StrictMath, so every JVM gets the same bits. */
  static double loudness(double meanSquare) {
    return -0.691 + 10 * StrictMath.log10(meanSquare);
  }
}
