package dev.videogen.media.audio;

import dev.videogen.media.BadInputException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One audio file of a track, with its fades. Fades are linear gain ramps in the 48 kHz domain (see
 * {@link PcmTrack}); 0 means none.
 *
 * @param name the name errors report (the user's file name or URI)
 * @param file the local copy to decode
 * @param fadeInSeconds length of the fade-in at the clip's start, at least 0
 * @param fadeOutSeconds length of the fade-out at the clip's end, at least 0
 */
public record AudioClip(String name, Path file, double fadeInSeconds, double fadeOutSeconds) {
  public AudioClip {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    if (!Double.isFinite(fadeInSeconds) || fadeInSeconds < 0) {
      throw new BadInputException(name, "fade-in must be a number of seconds >= 0, not " + fadeInSeconds);
    }
    if (!Double.isFinite(fadeOutSeconds) || fadeOutSeconds < 0) {
      throw new BadInputException(name, "fade-out must be a number of seconds >= 0, not " + fadeOutSeconds);
    }
  }

  /** A clip without fades. */
  public static AudioClip of(String name, Path file) {
    return new AudioClip(name, file, 0, 0);
  }
}
