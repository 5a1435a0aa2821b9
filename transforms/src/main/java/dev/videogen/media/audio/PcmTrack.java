package dev.videogen.media.audio;

import java.util.Arrays;
import java.util.List;

/**
 * The audio track as 48 kHz stereo float samples, streamed: the clips decoded in order and converted to
 * 48 kHz stereo ({@link ClipPcm}), each clip's fades applied, the clips concatenated, and the result cut
 * at exactly {@code totalSamples} or padded with digital silence (0.0) up to it.
 *
 * <p><b>Fades.</b> Linear gain ramps in the 48 kHz domain, on sample indices {@code i} counted from the
 * clip's first sample; a clip of {@code L} samples with a fade-in of {@code A = round(fadeIn * 48000)} and a
 * fade-out of {@code B = round(fadeOut * 48000)} samples is multiplied by
 *
 * <pre>
 *   in(i)  = min(1, i / A)               (1 when A = 0): 0 at the first sample, 1 from sample A on
 *   out(i) = min(1, (L - 1 - i) / B)     (1 when B = 0): 1 up to sample L-1-B, 0 at the last sample
 *   gain(i) = in(i) * out(i)
 * </pre>
 *
 * A fade longer than the clip never reaches full level; fades that overlap multiply. {@code L} is the clip's
 * own length at 48 kHz, {@code ceil(n * 48000 / rate)} for {@code n} samples decoded at its native rate
 * (each clip contributes exactly that many samples, see {@link AudioTrackInfo#samplesAt(int)}). For a clip
 * with a fade-out, {@code n} is measured first by decoding the clip once without resampling or keeping
 * anything ({@link ClipPcm#countSamples}): memory stays flat, at the cost of decoding such a clip twice. A
 * clip cut by {@code totalSamples} before its end does not reach its fade-out.
 *
 * <p>Clips after the cut are never opened. Owns the clip being read; {@link #close()} frees it. Not
 * thread-safe.
 */
public final class PcmTrack implements AutoCloseable {
  public static final int SAMPLE_RATE = AudioTrackEncoder.SAMPLE_RATE;

  private final List<AudioClip> clips;
  private final long totalSamples;
  private int nextClip;
  private ClipPcm current;
  private long fadeInSamples;
  private long fadeOutSamples;
  private long clipLength;
  private long position;

  /**
   * @param clips the clips in order; may be empty (silence)
   * @param totalSamples the exact length of the track in samples at 48 kHz, at least 0
   */
  public PcmTrack(List<AudioClip> clips, long totalSamples) {
    if (totalSamples < 0) {
      throw new IllegalArgumentException("totalSamples " + totalSamples);
    }
    this.clips = List.copyOf(clips);
    this.totalSamples = totalSamples;
  }

  public long totalSamples() {
    return totalSamples;
  }

  /** Samples per channel returned so far. */
  public long position() {
    return position;
  }

  /**
   * Fills {@code left[offset..]} and {@code right[offset..]} with the next samples: exactly
   * {@code min(length, totalSamples - position())} of them, returned, or -1 when the track is complete.
   *
   * @throws dev.videogen.media.BadInputException if a clip cannot be decoded
   */
  public int read(float[] left, float[] right, int offset, int length) {
    if (length <= 0 || offset < 0 || offset + length > left.length || offset + length > right.length) {
      throw new IllegalArgumentException("offset " + offset + ", length " + length);
    }
    if (position >= totalSamples) {
      close();
      return -1;
    }
    int wanted = (int) Math.min(length, totalSamples - position);
    int done = 0;
    while (done < wanted) {
      if (current == null) {
        if (nextClip < clips.size()) {
          openClip(clips.get(nextClip++));
          continue;
        }
        Arrays.fill(left, offset + done, offset + wanted, 0f);
        Arrays.fill(right, offset + done, offset + wanted, 0f);
        done = wanted;
        break;
      }
      long clipIndex = current.produced();
      int count = current.read(left, right, offset + done, wanted - done);
      if (count < 0) {
        current.close();
        current = null;
        continue;
      }
      applyFades(left, right, offset + done, count, clipIndex);
      done += count;
    }
    position += done;
    if (position == totalSamples) {
      close(); // the cut: the rest of the current clip is never decoded
    }
    return done;
  }

  private void openClip(AudioClip clip) {
    fadeInSamples = Math.round(clip.fadeInSeconds() * SAMPLE_RATE);
    fadeOutSamples = Math.round(clip.fadeOutSeconds() * SAMPLE_RATE);
    clipLength = fadeOutSamples > 0 ? ClipPcm.countSamples(clip.name(), clip.file()) : -1;
    current = ClipPcm.open(clip.name(), clip.file());
  }

  private void applyFades(float[] left, float[] right, int offset, int count, long firstIndex) {
    if (fadeInSamples == 0 && fadeOutSamples == 0) {
      return;
    }
    long fadeOutStart = fadeOutSamples > 0 ? clipLength - 1 - fadeOutSamples : Long.MAX_VALUE;
    for (int k = 0; k < count; k++) {
      long i = firstIndex + k;
      if (i >= fadeInSamples && i <= fadeOutStart) {
        continue;
      }
      double gain = gain(i, fadeInSamples, fadeOutSamples, clipLength);
      left[offset + k] = (float) (left[offset + k] * gain);
      right[offset + k] = (float) (right[offset + k] * gain);
    }
  }

  /**
   * The fade gain of sample {@code i} of a clip of {@code length} samples (length is only read when
   * {@code fadeOut > 0}), as documented on this class; always within [0, 1].
   */
  static double gain(long i, long fadeIn, long fadeOut, long length) {
    double gain = 1.0;
    if (fadeIn > 0 && i < fadeIn) {
      gain = i / (double) fadeIn;
    }
    if (fadeOut > 0) {
      long remaining = length - 1 - i;
      if (remaining < fadeOut) {
        gain *= Math.max(0, remaining) / (double) fadeOut;
      }
    }
    return gain;
  }

  @Override
  public void close() {
    if (current != null) {
      ClipPcm closing = current;
      current = null;
      closing.close();
    }
  }
}
