package dev.videogen.media.audio;

import dev.videogen.media.BadInputException;
import java.util.Arrays;
import java.util.List;

/**
 * The audio track as 48 kHz stereo float samples, streamed: the clips decoded in order and converted to
 * 48 kHz stereo ({@link ClipPcm}), each clip's fades and gain applied, the clips concatenated or crossfaded,
 * and the result cut at exactly {@code totalSamples} or padded with digital silence (0.0) up to it.
 *
 * <p><b>Fades.</b> Linear gain ramps in the 48 kHz domain, on sample indices {@code i} counted from the
 * clip's first sample; a clip of {@code L} samples with a fade-in of {@code A = round(fadeIn * 48000)} and a
 * fade-out of {@code B = round(fadeOut * 48000)} samples is multiplied by
 *
 * <pre>
 *   in(i)  = min(1, i / A)               (1 when A = 0): 0 at the first sample, 1 from sample A on
 *   out(i) = min(1, (L - 1 - i) / B)     (1 when B = 0): 1 up to sample L-1-B, 0 at the last sample
 *   gain(i) = in(i) * out(i) * clip gain
 * </pre>
 *
 * A fade longer than the clip never reaches full level; fades that overlap multiply. {@code L} is the clip's
 * own length at 48 kHz, {@code ceil(n * 48000 / rate)} for {@code n} samples decoded at its native rate
 * (each clip contributes exactly that many samples, see {@link AudioTrackInfo#samplesAt(int)}). When the
 * clip does not carry its planned length and a fade-out or crossfade needs it, {@code n} is measured first by
 * decoding the clip once without resampling or keeping anything ({@link ClipPcm#countSamples}): memory stays
 * flat, at the cost of decoding such a clip twice. A clip cut by {@code totalSamples} before its end does not
 * reach its fade-out.
 *
 * <p><b>Crossfades.</b> A clip with {@code crossfadeSamples = X > 0} starts X samples before the end of the
 * clip before it (length L), so the track is X samples shorter. Over the overlap, at overlap index
 * {@code k = 0 .. X-1} (the earlier clip's sample {@code L - X + k}, the later clip's sample {@code k}), each
 * clip's already faded samples are weighed by an equal-power pair and summed:
 *
 * <pre>
 *   t = (k + 1/2) / X
 *   out = earlier * cos(t * pi/2) + later * sin(t * pi/2)
 * </pre>
 *
 * Equal power rather than linear (acrossfade's default {@code tri}): the tracks of a compilation are
 * unrelated signals, whose powers add, so cos^2 + sin^2 = 1 keeps the level steady through the seam, where
 * linear gains dip by 3 dB in the middle. Sampling t at the middle of each sample makes the two curves
 * exact mirror images. At most two clips sound at once: X must be shorter than both clips, and a clip must
 * be at least as long as its two overlaps together.
 *
 * <p>Clips after the cut are never opened. Owns the clips being read; {@link #close()} frees them. Not
 * thread-safe.
 */
public final class PcmTrack implements PcmSource {
  public static final int SAMPLE_RATE = AudioTrackEncoder.SAMPLE_RATE;

  private final List<AudioClip> clips;
  private final long totalSamples;
  private int nextClip;
  private Voice current;
  private Voice incoming;
  private long position;
  private float[] laterLeft = new float[0];
  private float[] laterRight = new float[0];

  /**
   * @param clips the clips in order; may be empty (silence)
   * @param totalSamples the exact length of the track in samples at 48 kHz, at least 0
   */
  public PcmTrack(List<AudioClip> clips, long totalSamples) {
    if (totalSamples < 0) {
      throw new IllegalArgumentException("totalSamples " + totalSamples);
    }
    if (!clips.isEmpty() && clips.get(0).crossfadeSamples() != 0) {
      throw new IllegalArgumentException("the first clip cannot crossfade: " + clips.get(0).name());
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
   * @throws BadInputException if a clip cannot be decoded, or is too short for its crossfades
   */
  @Override
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
          current = open(clips.get(nextClip++));
          continue;
        }
        Arrays.fill(left, offset + done, offset + wanted, 0f);
        Arrays.fill(right, offset + done, offset + wanted, 0f);
        done = wanted;
        break;
      }
      long local = current.produced();
      if (local < current.handOver) {
        int count = current.read(left, right, offset + done, (int) Math.min(wanted - done, current.handOver - local));
        if (count < 0) {
          if (current.handOver != Long.MAX_VALUE) {
            throw new BadInputException(current.clip.name(), "ended before its planned length of " + current.length
                + " samples at 48 kHz (the file changed?)");
          }
          current.close();
          current = null;
          continue;
        }
        done += count;
      } else {
        done += crossfade(left, right, offset + done, wanted - done);
      }
    }
    position += done;
    if (position == totalSamples) {
      close(); // the cut: the rest of the current clip is never decoded
    }
    return done;
  }

  /** True once every clip has ended: what is left of the track is padding, digital silence. */
  @Override
  public boolean silentToEnd() {
    return current == null && incoming == null && nextClip >= clips.size();
  }

  /** Mixes up to {@code length} samples of the overlap of {@code current} and the next clip; returns how many. */
  private int crossfade(float[] left, float[] right, int offset, int length) {
    if (incoming == null) {
      incoming = open(clips.get(nextClip++));
    }
    long k0 = current.produced() - current.handOver;
    long overlap = current.length - current.handOver;
    int n = (int) Math.min(length, overlap - k0);
    if (laterLeft.length < n) {
      laterLeft = new float[n];
      laterRight = new float[n];
    }
    if (readFully(current, left, right, offset, n) < n) {
      throw new BadInputException(current.clip.name(), "ended before its planned length of " + current.length
          + " samples at 48 kHz (the file changed?)");
    }
    if (readFully(incoming, laterLeft, laterRight, 0, n) < n) {
      throw new BadInputException(incoming.clip.name(), "is shorter than its crossfade of " + overlap + " samples");
    }
    for (int j = 0; j < n; j++) {
      double t = (k0 + j + 0.5) / overlap;
      double out = crossfadeOut(t);
      double in = crossfadeIn(t);
      left[offset + j] = (float) (left[offset + j] * out + laterLeft[j] * in);
      right[offset + j] = (float) (right[offset + j] * out + laterRight[j] * in);
    }
    if (current.produced() == current.length) {
      current.close();
      current = incoming;
      incoming = null;
      // its hand-over was set when it was opened, with the same next clip
      if (current.produced() > current.handOver) {
        throw new BadInputException(current.clip.name(), "is shorter than its two crossfades together ("
            + current.length + " samples at 48 kHz): at most two tracks may sound at once");
      }
    }
    return n;
  }

  /** The earlier clip's weight at overlap position t in (0, 1): cos(t * pi/2), with StrictMath for exact bits. */
  static double crossfadeOut(double t) {
    return StrictMath.cos(t * Math.PI / 2);
  }

  /** The later clip's weight at overlap position t in (0, 1): sin(t * pi/2). */
  static double crossfadeIn(double t) {
    return StrictMath.sin(t * Math.PI / 2);
  }

  private static int readFully(Voice voice, float[] left, float[] right, int offset, int length) {
    int done = 0;
    while (done < length) {
      int count = voice.read(left, right, offset + done, length - done);
      if (count < 0) {
        break;
      }
      done += count;
    }
    return done;
  }

  private Voice open(AudioClip clip) {
    boolean crossfadesNext = nextClip < clips.size() && clips.get(nextClip).crossfadeSamples() > 0;
    Voice voice = new Voice(clip, crossfadesNext);
    try {
      voice.handOver = handOver(voice);
    } catch (RuntimeException e) {
      voice.close(); // not yet current or incoming: close() would not free its decoder
      throw e;
    }
    return voice;
  }

  /** Where the next clip starts to overlap {@code voice}: its length minus the overlap; MAX_VALUE if it does not. */
  private long handOver(Voice voice) {
    if (nextClip >= clips.size() || clips.get(nextClip).crossfadeSamples() == 0) {
      return Long.MAX_VALUE;
    }
    AudioClip next = clips.get(nextClip);
    long length = voice.length; // known: the voice was opened with needLength, as the next clip crossfades
    if (next.crossfadeSamples() >= length) {
      throw new BadInputException(next.name(), "its crossfade of " + next.crossfadeSamples()
          + " samples at 48 kHz is not shorter than the track before it, " + voice.clip.name() + " (" + length + ")");
    }
    return length - next.crossfadeSamples();
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
    try {
      if (incoming != null) {
        Voice closing = incoming;
        incoming = null;
        closing.close();
      }
    } finally {
      if (current != null) {
        Voice closing = current;
        current = null;
        closing.close();
      }
    }
  }

  /** One clip being played: its decoder, its fades and gain, and where the next clip takes over. */
  private static final class Voice implements AutoCloseable {
    final AudioClip clip;
    final long fadeInSamples;
    final long fadeOutSamples;
    final long length;
    long handOver = Long.MAX_VALUE;
    private final ClipPcm pcm;

    Voice(AudioClip clip, boolean needLength) {
      this.clip = clip;
      fadeInSamples = Math.round(clip.fadeInSeconds() * SAMPLE_RATE);
      fadeOutSamples = Math.round(clip.fadeOutSeconds() * SAMPLE_RATE);
      length = clip.samples() >= 0 ? clip.samples()
          : fadeOutSamples > 0 || needLength ? ClipPcm.countSamples(clip.name(), clip.file(), clip.stream()) : -1;
      pcm = ClipPcm.open(clip.name(), clip.file(), clip.stream());
    }

    long produced() {
      return pcm.produced();
    }

    int read(float[] left, float[] right, int offset, int count) {
      long first = pcm.produced();
      int read = pcm.read(left, right, offset, count);
      if (read > 0) {
        applyGains(left, right, offset, read, first);
      }
      return read;
    }

    private void applyGains(float[] left, float[] right, int offset, int count, long firstIndex) {
      boolean unity = clip.gain() == 1.0;
      if (fadeInSamples == 0 && fadeOutSamples == 0 && unity) {
        return;
      }
      long fadeOutStart = fadeOutSamples > 0 ? length - 1 - fadeOutSamples : Long.MAX_VALUE;
      for (int k = 0; k < count; k++) {
        long i = firstIndex + k;
        if (unity && i >= fadeInSamples && i <= fadeOutStart) {
          continue;
        }
        double gain = gain(i, fadeInSamples, fadeOutSamples, length) * clip.gain();
        left[offset + k] = (float) (left[offset + k] * gain);
        right[offset + k] = (float) (right[offset + k] * gain);
      }
    }

    @Override
    public void close() {
      pcm.close();
    }
  }
}
