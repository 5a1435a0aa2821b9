package dev.videogen.media.audio;

/**
 * The true-peak estimator of ITU-R BS.1770-4 Annex 2 for one channel at 48 kHz: 4× oversampling with the
 * Annex's 48-tap interpolation filter (4 phases of 12 taps). {@link #push} takes the next sample and returns
 * the largest magnitude among the four interpolated points it completes; each depends on the last
 * {@link #TAPS} samples only. Streaming, constant memory; deterministic (plain double arithmetic).
 */
final class TruePeakFilter {
  static final int TAPS = 12;

  /** BS.1770-4 Annex 2, phase p at index [p][k], tap k multiplying the sample k steps back. */
  private static final double[][] PHASES = {
    {0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000, -0.0594482421875, 0.1373291015625,
        0.9721679687500, -0.1022949218750, 0.0476074218750, -0.0266113281250, 0.0148925781250, -0.0083007812500},
    {-0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250, -0.1665039062500, 0.4650878906250,
        0.7797851562500, -0.2003173828125, 0.1015625000000, -0.0582275390625, 0.0330810546875, -0.0189208984375},
    {-0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625000000, -0.2003173828125, 0.7797851562500,
        0.4650878906250, -0.1665039062500, 0.0891113281250, -0.0517578125000, 0.0292968750000, -0.0291748046875},
    {-0.0083007812500, 0.0148925781250, -0.0266113281250, 0.0476074218750, -0.1022949218750, 0.9721679687500,
        0.1373291015625, -0.0594482421875, 0.0332031250000, -0.0196533203125, 0.0109863281250, 0.0017089843750},
  };

  /** The last TAPS samples twice over, so that the window newest-first is always contiguous at {@code newest}. */
  private final double[] history = new double[2 * TAPS];
  private int newest;

  /** Adds the next sample; returns the largest |interpolated value| of the four phases at this step. */
  double push(double sample) {
    newest = newest == 0 ? TAPS - 1 : newest - 1;
    history[newest] = sample;
    history[newest + TAPS] = sample;
    double peak = 0;
    for (double[] taps : PHASES) {
      double sum = 0;
      for (int k = 0; k < TAPS; k++) {
        sum += taps[k] * history[newest + k];
      }
      peak = Math.max(peak, Math.abs(sum));
    }
    return peak;
  }

  /** The true peak of a whole signal (plus the trailing filter tail), linear; for tests and tools. */
  static double truePeak(float[] samples) {
    TruePeakFilter filter = new TruePeakFilter();
    double peak = 0;
    for (float sample : samples) {
      peak = Math.max(peak, Math.max(Math.abs(sample), filter.push(sample)));
    }
    for (int k = 0; k < TAPS; k++) {
      peak = Math.max(peak, filter.push(0));
    }
    return peak;
  }
}
