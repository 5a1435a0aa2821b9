package dev.videogen.media.audio;

import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Exact decoded length at the file's native rate: {@code samples} per channel, after the decoder dropped the
 * encoder delay and padding the container describes (see {@link AudioProbe}).
 *
 * @param sampleRate the native sample rate in Hz
 * @param channels the channel count of the first decoded frame
 * @param samples decoded samples per channel
 * @param loudness integrated loudness in LUFS of the track as played (48 kHz stereo, before fades), see
 *     {@link LoudnessNormaliser}; -Infinity for a silent track; NaN when not measured
 * @param makeup dB added to the normalising gain (target - loudness) to make up for what the true-peak
 *     limiter takes from this track at that gain; 0 when the limiter leaves it alone
 * @param tags the file's tags as FFmpeg exposes them (ID3v1/v2, MP4 {@code ilst}, Vorbis comments, RIFF
 *     INFO, Matroska tags), keys lower-cased and sorted: the container's first, then the audio stream's for
 *     keys the container did not set (see {@code AudioInput#tags}); empty when the file has none
 */
public record AudioTrackInfo(int sampleRate, int channels, long samples, double loudness, double makeup,
    SortedMap<String, String> tags) implements Serializable {
  public AudioTrackInfo {
    if (sampleRate <= 0 || channels <= 0 || samples < 0 || loudness == Double.POSITIVE_INFINITY
        || !Double.isFinite(makeup)) {
      throw new IllegalArgumentException("sampleRate " + sampleRate + ", channels " + channels + ", samples "
          + samples + ", loudness " + loudness + ", makeup " + makeup);
    }
    tags = lowerCased(tags);
  }

  /** A track without tags. */
  public AudioTrackInfo(int sampleRate, int channels, long samples, double loudness, double makeup) {
    this(sampleRate, channels, samples, loudness, makeup, Collections.emptySortedMap());
  }

  /** A track without tags whose loudness was not measured. */
  public AudioTrackInfo(int sampleRate, int channels, long samples) {
    this(sampleRate, channels, samples, Double.NaN, 0);
  }

  /** The same facts with other tags. */
  public AudioTrackInfo withTags(Map<String, String> newTags) {
    return new AudioTrackInfo(sampleRate, channels, samples, loudness, makeup, lowerCased(newTags));
  }

  /** The {@code title} tag, stripped; empty when absent or blank. */
  public Optional<String> title() {
    return tag("title");
  }

  /** The {@code artist} tag, stripped; empty when absent or blank. */
  public Optional<String> artist() {
    return tag("artist");
  }

  /** The tag {@code key} (lower case), stripped; empty when absent or blank. */
  public Optional<String> tag(String key) {
    String value = tags.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static SortedMap<String, String> lowerCased(Map<String, String> tags) {
    SortedMap<String, String> copy = new TreeMap<>();
    tags.forEach((key, value) -> copy.putIfAbsent(key.toLowerCase(Locale.ROOT), value));
    return Collections.unmodifiableSortedMap(copy);
  }

  /** Whether {@link #loudness} was measured. */
  public boolean measured() {
    return !Double.isNaN(loudness);
  }

  /** The length in seconds. */
  public double seconds() {
    return samples / (double) sampleRate;
  }

  /**
   * The length in samples at {@code rate}, rounded up: {@code ceil(samples * rate / sampleRate)}. At 48 kHz
   * this is exactly what the clip contributes to an {@link AudioTrackEncoder} track.
   */
  public long samplesAt(int rate) {
    return rescaleUp(samples, rate, sampleRate);
  }

  static long rescaleUp(long samples, int toRate, int fromRate) {
    if (toRate <= 0) {
      throw new IllegalArgumentException("rate " + toRate);
    }
    return Math.floorDiv(Math.addExact(Math.multiplyExact(samples, (long) toRate), fromRate - 1L), fromRate);
  }
}
