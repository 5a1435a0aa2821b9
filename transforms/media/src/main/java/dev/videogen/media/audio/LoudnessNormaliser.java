package dev.videogen.media.audio;

import dev.videogen.media.codec.FFmpegLog;
import java.nio.file.Path;
import java.util.SortedMap;

/**
 * Measures a track for loudness normalisation, streaming (memory flat in the track's length).
 *
 * <p>The first pass is the probe itself ({@link AudioProbe}'s exact length comes with it): the track decoded
 * and converted to 48 kHz stereo as it is played ({@link ClipPcm}), before any fade or gain, through the
 * {@link LoudnessMeter} and a {@link TruePeakFilter} per channel. The normalising gain is
 * {@code target - loudness}. If that gain would lift the track's true peak above the limiter's ceiling
 * ({@code truePeak - }{@link AudioTrackEncoder#CODEC_HEADROOM_DB}), the limiter will take some loudness
 * away: a quiet track with sharp peaks would come out below the target. Then further passes play the track
 * at a gain through the very {@link TruePeakLimiter} the encoder uses and measure what comes out, correcting
 * the gain until the limited track is within {@value #TOLERANCE_LU} LU of the target (the first correction
 * adds the shortfall, later ones follow the secant), at most {@value #MAX_CORRECTIONS} passes, the extra
 * gain at most {@value #MAX_MAKEUP_DB} dB (a track of little more than clicks cannot be made loud). The
 * difference is the track's {@link AudioTrackInfo#makeup}. Everything is Java arithmetic with StrictMath, so
 * every worker computes the same gain.
 *
 * <p>Why Java and not libavfilter's {@code loudnorm}: its second pass (linear mode) applies one gain and
 * falls back to its own dynamic compression whenever the true peak would exceed its ceiling, so a
 * compilation's quiet track would be compressed rather than given the exact documented treatment; here the
 * measurement, the gain and the limiter are small, pure and testable sample by sample.
 */
public final class LoudnessNormaliser {
  static final double TOLERANCE_LU = 0.1;
  static final int MAX_CORRECTIONS = 3;
  static final double MAX_MAKEUP_DB = 12;
  private static final int BLOCK = 4096;

  private LoudnessNormaliser() {}

  /**
   * Probes {@code file} (as {@link AudioProbe#probe}) and measures its loudness and the makeup it needs to
   * reach {@code target} LUFS through a limiter holding {@code truePeak} dBTP.
   *
   * @throws dev.videogen.media.BadInputException as {@link AudioProbe#probe}
   */
  public static AudioTrackInfo probe(String name, Path file, double target, double truePeak) {
    FFmpegLog.configure();
    LoudnessMeter meter = new LoudnessMeter();
    TruePeakFilter leftPeak = new TruePeakFilter();
    TruePeakFilter rightPeak = new TruePeakFilter();
    double peak = 0;
    float[] left = new float[BLOCK];
    float[] right = new float[BLOCK];
    int sampleRate;
    int channels;
    long samples;
    SortedMap<String, String> tags;
    try (ClipPcm pcm = ClipPcm.open(name, file)) {
      int count;
      while ((count = pcm.read(left, right, 0, BLOCK)) >= 0) {
        meter.accept(left, right, 0, count);
        for (int i = 0; i < count; i++) {
          peak = Math.max(peak, Math.max(Math.max(Math.abs(left[i]), Math.abs(right[i])),
              Math.max(leftPeak.push(left[i]), rightPeak.push(right[i]))));
        }
      }
      sampleRate = pcm.input().sampleRate();
      channels = pcm.input().channels();
      samples = pcm.input().samples();
      tags = pcm.input().tags();
    }
    double loudness = meter.integratedLufs();
    double makeup = 0;
    if (loudness != Double.NEGATIVE_INFINITY) {
      double gain = target - loudness;
      double ceiling = truePeak - AudioTrackEncoder.CODEC_HEADROOM_DB;
      if (20 * StrictMath.log10(peak) + gain > ceiling) {
        makeup = makeup(name, file, gain, target, ceiling);
      }
    }
    return new AudioTrackInfo(sampleRate, channels, samples, loudness, makeup, tags);
  }

  /** The extra dB that brings the limited track to the target, found by playing it through the limiter. */
  private static double makeup(String name, Path file, double gain, double target, double ceiling) {
    double tried = 0;
    double measured = limitedLoudness(name, file, gain, ceiling);
    double previousTried = Double.NaN;
    double previousMeasured = Double.NaN;
    for (int pass = 0; pass < MAX_CORRECTIONS && Math.abs(target - measured) > TOLERANCE_LU; pass++) {
      double slope = Double.isNaN(previousTried) ? 1 : (measured - previousMeasured) / (tried - previousTried);
      double next = tried + (target - measured) / Math.max(slope, 0.1);
      next = Math.max(0, Math.min(MAX_MAKEUP_DB, next));
      if (next == tried) {
        break;
      }
      previousTried = tried;
      previousMeasured = measured;
      tried = next;
      measured = limitedLoudness(name, file, gain + tried, ceiling);
    }
    return tried;
  }

  /** Integrated loudness of the track at {@code gainDb} through the limiter (a full decode pass). */
  static double limitedLoudness(String name, Path file, double gainDb, double ceiling) {
    LoudnessMeter meter = new LoudnessMeter();
    float[] left = new float[BLOCK];
    float[] right = new float[BLOCK];
    double gain = StrictMath.pow(10, gainDb / 20);
    try (TruePeakLimiter limiter = new TruePeakLimiter(new GainedClip(ClipPcm.open(name, file), gain), ceiling)) {
      int count;
      while ((count = limiter.read(left, right, 0, BLOCK)) >= 0) {
        meter.accept(left, right, 0, count);
      }
    }
    return meter.integratedLufs();
  }

  /** A clip's samples times a gain, as {@link PcmTrack} plays a clip without fades. */
  private static final class GainedClip implements PcmSource {
    private final ClipPcm pcm;
    private final double gain;

    GainedClip(ClipPcm pcm, double gain) {
      this.pcm = pcm;
      this.gain = gain;
    }

    @Override
    public int read(float[] left, float[] right, int offset, int length) {
      int count = pcm.read(left, right, offset, length);
      for (int i = offset; i < offset + count; i++) {
        left[i] = (float) (left[i] * gain);
        right[i] = (float) (right[i] * gain);
      }
      return count;
    }

    @Override
    public void close() {
      pcm.close();
    }
  }
}
