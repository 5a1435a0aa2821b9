package dev.videogen.media.audio;

/**
 * A look-ahead limiter that holds a 48 kHz stereo stream's true peak (BS.1770-4, 4× oversampled, see
 * {@link TruePeakFilter}) and sample peak at or below a ceiling. Samples under the ceiling pass unchanged
 * except where a nearby peak pulls the gain down; the same gain goes to both channels, so the stereo image
 * never moves.
 *
 * <p>The gain, exactly: for every input sample n, {@code need[n] = min(1, ceiling / p[n])} where p[n] is
 * the largest of |x[n]| and the four interpolated magnitudes that sample completes, over both channels.
 * Each interpolated point depends on the {@value TruePeakFilter#TAPS} samples before it, so
 * {@code h[m] = min(need[m .. m + A + 10])} (A = {@value #ATTACK} samples, 5 ms) is at most every need that
 * sample m contributes to, {@code A} samples ahead of it. A release lets the gain recover towards 1 with a
 * time constant of {@value #RELEASE_SECONDS} s: {@code r[m] = min(h[m], 1 - (1 - r[m-1]) * exp(-1 / (0.1 * 48000)))};
 * and the gain applied is the mean of the last A values of r, a linear 5 ms ramp into each peak.
 * Since each of those A values is a minimum over a window containing every interpolated point sample m
 * contributes to, the gain of every sample near a peak is at most what that peak needs: the limited
 * true peak is at the ceiling or below, up to the (tiny) effect of the gain changing across the filter's
 * 12 taps. The mean is computed on integers (r rounded down to 2^-40), so it never drifts and is the
 * same on every worker. {@value #ATTACK} zeros are run through first (never output), so a stream that starts
 * loud is ramped into from before its start. Latency is A + 10 samples, handled inside: the output has
 * exactly the input's samples, aligned. Memory is constant.
 */
final class TruePeakLimiter implements PcmSource {
  static final int ATTACK = 240;
  static final double RELEASE_SECONDS = 0.1;
  private static final int WINDOW = ATTACK + TruePeakFilter.TAPS - 1;
  private static final int LATENCY = WINDOW - 1;
  private static final double ONE = 0x1p40;
  /**
   * Zeros fed before the first sample and never output: they give the gain ramp a real history, so a
   * stream that starts loud is ramped into from before its start rather than passed at full gain.
   */
  private static final int LEAD_IN = ATTACK;

  private final PcmSource source;
  private final double ceiling;
  private final double release = StrictMath.exp(-1 / (RELEASE_SECONDS * PcmTrack.SAMPLE_RATE));
  private final TruePeakFilter leftPeak = new TruePeakFilter();
  private final TruePeakFilter rightPeak = new TruePeakFilter();

  /** The input delayed by LATENCY samples, ring indexed by sample number. */
  private final float[] delayLeft = new float[WINDOW];
  private final float[] delayRight = new float[WINDOW];
  /** Sliding minimum of need over WINDOW samples: a deque of (index, value), values increasing. */
  private final long[] minIndex = new long[WINDOW + 1];
  private final double[] minValue = new double[WINDOW + 1];
  private int minHead;
  private int minSize;
  /** The last ATTACK values of r in units of 2^-40, and their sum. */
  private final long[] recent = new long[ATTACK];
  private long recentSum = ATTACK * (long) ONE;
  private double releaseState = 1;

  private long inputIndex;
  private boolean sourceDone;
  /** Once the source ended: the input index up to which zeros are fed, to drain the delay line. */
  private long drainUntil = Long.MAX_VALUE;
  private final float[] inLeft = new float[1024];
  private final float[] inRight = new float[1024];
  private int inCount;
  private int inRead;
  private float gainedLeft;
  private float gainedRight;

  /** @param ceilingDbtp the highest true peak let through, in dBTP (dB relative to full scale, 1.0) */
  TruePeakLimiter(PcmSource source, double ceilingDbtp) {
    this.source = source;
    this.ceiling = StrictMath.pow(10, ceilingDbtp / 20);
    java.util.Arrays.fill(recent, (long) ONE);
  }

  @Override
  public int read(float[] left, float[] right, int offset, int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length " + length);
    }
    int done = 0;
    while (done < length) {
      if (!step()) {
        break;
      }
      if (inputIndex > LEAD_IN + LATENCY) {
        left[offset + done] = gainedLeft;
        right[offset + done] = gainedRight;
        done++;
      }
    }
    return done == 0 ? -1 : done;
  }

  /**
   * Takes the next input sample (a lead-in zero, a source sample, or a zero past the end until the delayed
   * output is drained) and, once the delay is full, sets {@code gainedLeft/Right} to the output for input
   * {@code inputIndex - 1 - LATENCY}. False when the output is complete.
   */
  private boolean step() {
    float l;
    float r;
    if (inputIndex < LEAD_IN) {
      inputIndex++;
      advance(0, 0);
      return true;
    }
    if (!sourceDone && inRead == inCount) {
      inCount = source.read(inLeft, inRight, 0, inLeft.length);
      inRead = 0;
      if (inCount < 0) {
        sourceDone = true;
        inCount = 0;
        drainUntil = inputIndex + LATENCY;
      }
    }
    if (!sourceDone) {
      l = inLeft[inRead];
      r = inRight[inRead];
      inRead++;
    } else if (inputIndex < drainUntil) {
      l = 0;
      r = 0;
    } else {
      return false;
    }
    inputIndex++;
    advance(l, r);
    return true;
  }

  /** Runs input sample {@code inputIndex - 1} through the stages. */
  private void advance(float l, float r) {
    long n = inputIndex - 1;
    int slot = (int) (n % WINDOW);
    // Read the sample leaving the delay line before this one takes its slot (LATENCY = WINDOW - 1).
    float outL = delayLeft[(int) ((n + 1) % WINDOW)];
    float outR = delayRight[(int) ((n + 1) % WINDOW)];
    delayLeft[slot] = l;
    delayRight[slot] = r;

    double peak = Math.max(Math.max(Math.abs(l), Math.abs(r)),
        Math.max(leftPeak.push(l), rightPeak.push(r)));
    pushNeed(n, peak > ceiling ? ceiling / peak : 1.0);
    if (n < LATENCY) {
      return;
    }
    long m = n - LATENCY;
    while (minIndex[minHead] < m) {
      minHead = (minHead + 1) % minIndex.length;
      minSize--;
    }
    double held = minValue[minHead];
    releaseState = Math.min(held, 1 - (1 - releaseState) * release);
    long units = (long) Math.floor(releaseState * ONE);
    int at = (int) (m % ATTACK);
    recentSum += units - recent[at];
    recent[at] = units;
    double gain = recentSum / (ATTACK * ONE);
    gainedLeft = (float) (outL * gain);
    gainedRight = (float) (outR * gain);
  }

  /** Appends need[n] to the sliding-minimum deque, dropping larger values it makes irrelevant. */
  private void pushNeed(long n, double need) {
    while (minSize > 0) {
      int last = (minHead + minSize - 1) % minIndex.length;
      if (minValue[last] < need) {
        break;
      }
      minSize--;
    }
    int tail = (minHead + minSize) % minIndex.length;
    minIndex[tail] = n;
    minValue[tail] = need;
    minSize++;
  }

  @Override
  public void close() {
    source.close();
  }
}
