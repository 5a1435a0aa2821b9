package dev.videogen.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The BS.1770-4 meter and the true-peak limiter against signals with known answers (EBU Tech 3341 style:
 * its tolerances are ±0.1 LU for integrated loudness and +0.2/-0.4 dB for true peak).
 */
class AudioLoudnessMeterTest {
  private static final int RATE = 48_000;

  /** A stereo sine of {@code dbfs} peak level (both channels), as float samples. */
  private static float[] sine(double hz, double dbfs, double seconds, double phase) {
    float[] samples = new float[(int) Math.round(seconds * RATE)];
    double amplitude = Math.pow(10, dbfs / 20);
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE + phase));
    }
    return samples;
  }

  private static float[] concat(float[]... parts) {
    int length = 0;
    for (float[] part : parts) {
      length += part.length;
    }
    float[] joined = new float[length];
    int at = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, joined, at, part.length);
      at += part.length;
    }
    return joined;
  }

  private static double measure(float[] both) {
    LoudnessMeter meter = new LoudnessMeter();
    // Odd pieces, so block boundaries fall inside calls.
    for (int at = 0; at < both.length; at += 7777) {
      meter.accept(both, both, at, Math.min(7777, both.length - at));
    }
    return meter.integratedLufs();
  }

  private static double db(double linear) {
    return 20 * Math.log10(linear);
  }

  @Test
  void sineAtMinus23AndMinus33Dbfs() {
    // Tech 3341 cases 1 and 2: stereo 1 kHz at -23 and -33 dBFS read -23 and -33 LUFS.
    assertEquals(-23.0, measure(sine(1000, -23, 20, 0)), 0.1);
    assertEquals(-33.0, measure(sine(1000, -33, 20, 0)), 0.1);
    assertEquals(-20.0, measure(sine(997, -20, 5, 0)), 0.1);
  }

  @Test
  void relativeGateIgnoresTheQuietParts() {
    // Tech 3341 case 3: -36 / -23 / -36 dBFS for 10 / 60 / 10 s; case 4 adds -72 dBFS ends (absolute gate).
    assertEquals(-23.0, measure(concat(sine(1000, -36, 10, 0), sine(1000, -23, 60, 0), sine(1000, -36, 10, 0))), 0.1);
    assertEquals(-23.0, measure(concat(sine(1000, -72, 10, 0), sine(1000, -36, 10, 0), sine(1000, -23, 60, 0),
        sine(1000, -36, 10, 0), sine(1000, -72, 10, 0))), 0.1);
    // Without gating the quiet parts would pull the mean down by about 1 LU: the gate matters here.
    double ungated = 10 * Math.log10((60 * Math.pow(10, -2.3) + 20 * Math.pow(10, -3.6)) / 80);
    assertTrue(ungated < -24, "ungated " + ungated);
  }

  @Test
  void silenceAndTooShortAreSilent() {
    assertEquals(Double.NEGATIVE_INFINITY, measure(new float[RATE * 2]));
    assertEquals(Double.NEGATIVE_INFINITY, measure(sine(1000, -75, 2, 0))); // all below the absolute gate
    assertEquals(Double.NEGATIVE_INFINITY, measure(sine(1000, -20, 0.39, 0))); // no whole 400 ms block
    LoudnessMeter meter = new LoudnessMeter();
    float[] half = sine(1000, -20, 0.5, 0);
    meter.accept(half, half, 0, half.length);
    assertEquals(2, meter.blocks()); // blocks at 0 and 100 ms
  }

  @Test
  void truePeakFindsTheInterSamplePeak() {
    // fs/4 at 45°: every sample is at ±A/√2, the waveform reaches A between samples (+3.01 dB).
    float[] signal = sine(RATE / 4.0, -6, 1, Math.PI / 4);
    double samplePeak = 0;
    for (float v : signal) {
      samplePeak = Math.max(samplePeak, Math.abs(v));
    }
    assertEquals(-9.01, db(samplePeak), 0.01);
    double truePeak = db(TruePeakFilter.truePeak(signal));
    assertTrue(truePeak >= -6.4 && truePeak <= -5.8, "true peak " + truePeak);
    // A 1 kHz sine's true peak is its amplitude.
    assertEquals(-3.0, db(TruePeakFilter.truePeak(sine(1000, -3, 1, 0))), 0.05);
  }

  /** A PcmSource over arrays, stereo identical or not. */
  private static final class ArraySource implements PcmSource {
    private final float[] left;
    private final float[] right;
    private int at;

    ArraySource(float[] left, float[] right) {
      this.left = left;
      this.right = right;
    }

    @Override
    public int read(float[] l, float[] r, int offset, int length) {
      if (at == left.length) {
        return -1;
      }
      int n = Math.min(length, left.length - at);
      System.arraycopy(left, at, l, offset, n);
      System.arraycopy(right, at, r, offset, n);
      at += n;
      return n;
    }

    @Override
    public void close() {}
  }

  private static float[][] limit(float[] left, float[] right, double ceilingDbtp) {
    float[] outLeft = new float[left.length];
    float[] outRight = new float[left.length];
    try (TruePeakLimiter limiter = new TruePeakLimiter(new ArraySource(left, right), ceilingDbtp)) {
      int done = 0;
      while (done < left.length) {
        done += limiter.read(outLeft, outRight, done, Math.min(1000, left.length - done));
      }
      assertEquals(-1, limiter.read(new float[1], new float[1], 0, 1));
    }
    return new float[][] {outLeft, outRight};
  }

  @Test
  void limiterPassesSignalsBelowTheCeilingUnchanged() {
    float[] left = sine(440, -3, 0.5, 0);
    float[] right = sine(660, -6, 0.5, 1);

    float[][] out = limit(left, right, -1);

    assertArrayEquals(left, out[0]);
    assertArrayEquals(right, out[1]);
  }

  @Test
  void limiterHoldsInterSamplePeaksAtTheCeiling() {
    // Sample peaks at -3 dBFS, true peak 0 dBTP: the limiter must see between the samples.
    float[] signal = sine(RATE / 4.0, 0, 0.5, Math.PI / 4);
    float[][] out = limit(signal, signal, -1);

    assertTrue(db(TruePeakFilter.truePeak(out[0])) <= -1 + 0.01, "true peak " + db(TruePeakFilter.truePeak(out[0])));
    // Held only as much as needed: within 0.1 dB of the ceiling in the steady part.
    double steady = db(TruePeakFilter.truePeak(java.util.Arrays.copyOfRange(out[0], 12_000, 20_000)));
    assertTrue(steady > -1.1, "steady " + steady);
  }

  @Test
  void limiterCatchesAClickAndLeavesTheRest() {
    // A quiet tone with one full-scale click at 0.25 s, ceiling -6 dBTP.
    float[] left = sine(1000, -20, 1, 0);
    float[] right = left.clone();
    for (int i = 12_000; i < 12_010; i++) {
      left[i] = 0.99f;
    }

    float[][] out = limit(left, right, -6);

    assertTrue(db(TruePeakFilter.truePeak(out[0])) <= -6 + 0.01, "true peak " + db(TruePeakFilter.truePeak(out[0])));
    assertTrue(db(TruePeakFilter.truePeak(out[1])) <= -6 + 0.01);
    // Untouched well before the attack ramp, and after the release has recovered (0.1 s time constant).
    for (int i = 0; i < 12_000 - 300; i++) {
      assertEquals(left[i], out[0][i], "before the click at " + i);
    }
    assertEquals(db(TruePeakFilter.truePeak(java.util.Arrays.copyOfRange(left, 40_000, 48_000))),
        db(TruePeakFilter.truePeak(java.util.Arrays.copyOfRange(out[0], 40_000, 48_000))), 0.01);
    // The same gain on both channels: the right channel dips with the left's click.
    assertTrue(Math.abs(out[1][12_005]) < Math.abs(right[12_005]) || right[12_005] == 0);
  }
}
