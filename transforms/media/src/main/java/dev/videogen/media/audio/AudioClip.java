package dev.videogen.media.audio;

import dev.videogen.media.BadInputException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One audio file of a track, with its fades, its overlap with the clip before it and its loudness gain (see
 * {@link PcmTrack}).
 *
 * @param name the name errors report (the user's file name or URI)
 * @param file the local copy to decode
 * @param fadeInSeconds length of the fade-in at the clip's start, at least 0
 * @param fadeOutSeconds length of the fade-out at the clip's end, at least 0
 * @param crossfadeSamples samples at 48 kHz by which this clip overlaps the end of the clip before it, at
 *     least 0 (0 for the first clip)
 * @param gain linear gain applied to the clip's samples (loudness normalisation), 1 for none
 * @param samples the clip's length at 48 kHz when already known (planned), else -1: it is then counted by
 *     decoding the clip once more where a fade-out or a crossfade needs it
 * @param stream which audio stream of the file to play, counted from 0 among its audio streams; -1 for the
 *     one FFmpeg's av_find_best_stream picks
 */
public record AudioClip(String name, Path file, double fadeInSeconds, double fadeOutSeconds, long crossfadeSamples,
    double gain, long samples, int stream) {
  public AudioClip {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    if (!Double.isFinite(fadeInSeconds) || fadeInSeconds < 0) {
      throw new BadInputException(name, "fade-in must be a number of seconds >= 0, not " + fadeInSeconds);
    }
    if (!Double.isFinite(fadeOutSeconds) || fadeOutSeconds < 0) {
      throw new BadInputException(name, "fade-out must be a number of seconds >= 0, not " + fadeOutSeconds);
    }
    if (crossfadeSamples < 0 || !(gain > 0) || !Double.isFinite(gain) || samples < -1 || stream < -1) {
      throw new IllegalArgumentException(name + ": crossfade " + crossfadeSamples + ", gain " + gain + ", samples "
          + samples + ", stream " + stream);
    }
  }

  /** A clip of the file's best audio stream. */
  public AudioClip(String name, Path file, double fadeInSeconds, double fadeOutSeconds, long crossfadeSamples,
      double gain, long samples) {
    this(name, file, fadeInSeconds, fadeOutSeconds, crossfadeSamples, gain, samples, -1);
  }

  /** A clip with fades only: no crossfade, unity gain, length counted when needed. */
  public AudioClip(String name, Path file, double fadeInSeconds, double fadeOutSeconds) {
    this(name, file, fadeInSeconds, fadeOutSeconds, 0, 1.0, -1);
  }

  /** A clip without fades. */
  public static AudioClip of(String name, Path file) {
    return new AudioClip(name, file, 0, 0);
  }
}
