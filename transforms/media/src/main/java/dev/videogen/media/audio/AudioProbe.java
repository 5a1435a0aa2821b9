package dev.videogen.media.audio;

import dev.videogen.media.codec.FFmpegLog;
import dev.videogen.media.BadInputException;
import java.nio.file.Path;

/**
 * Measures an audio file exactly by decoding all of it and counting samples (no header or bitrate
 * estimate). Gapless information is honoured: the MP3 LAME/Xing encoder delay and padding and the MP4
 * edit list (AAC priming at the start, padding at the end) are not counted. Files without such information
 * (MP3 without a LAME tag, raw ADTS AAC) count their encoder's delay and padding too.
 */
public final class AudioProbe {
  private AudioProbe() {}

  /**
   * Decodes {@code file} and returns its native rate, channel count, exact length and tags.
   *
   * @param name the name errors report
   * @throws BadInputException if the file is empty, not an accepted audio container (playlists, concat
   *     scripts and images are refused), has no audio stream or no decoder for it, is truncated, or fails to
   *     decode anywhere
   * @throws java.io.UncheckedIOException if the file does not exist
   */
  public static AudioTrackInfo probe(String name, Path file) {
    FFmpegLog.configure();
    try (AudioInput input = AudioInput.open(name, file)) {
      while (input.next() != null) {
        // counting happens in AudioInput
      }
      return new AudioTrackInfo(input.sampleRate(), input.channels(), input.samples(), Double.NaN, 0, input.tags());
    }
  }
}
