package dev.videogen.media.audio;

import dev.videogen.media.codec.FFmpegLog;
import dev.videogen.media.BadInputException;
import java.nio.file.Path;

/**
 * Measures an audio file exactly by decoding all of it and counting samples (no header or bitrate
 * estimate); an MP3, a FLAC file, AAC-LC in an MP4/M4A/MOV and Opus in Ogg, Matroska/WebM or MP4 by reading
 * their packets instead (frame headers, block sizes, the codec's frame size, Opus's table of contents), which
 * tell the same count exactly. Gapless information is honoured: the MP3 LAME/Xing encoder delay and padding and the MP4
 * edit list (AAC priming at the start, padding at the end) are not counted. Files without such information
 * (MP3 without a LAME tag, raw ADTS AAC) count their encoder's delay and padding too.
 */
public final class AudioProbe {
  private static final System.Logger LOG = System.getLogger(AudioProbe.class.getName());

  private AudioProbe() {}

  /**
   * Decodes {@code file} (an MP3, FLAC, MP4 AAC-LC or Opus file: reads its packets) and returns its native rate, channel count, exact
   * length and tags.
   *
   * @param name the name errors report
   * @throws BadInputException if the file is empty, not an accepted audio container (playlists, concat
   *     scripts and images are refused), has no audio stream or no decoder for it, is truncated, or fails to
   *     decode anywhere
   * @throws java.io.UncheckedIOException if the file does not exist
   */
  public static AudioTrackInfo probe(String name, Path file) {
    return probe(name, file, AudioInput.BEST_STREAM);
  }

  /**
   * As {@link #probe(String, Path)}, of audio stream {@code stream} (counted from 0 among the file's audio
   * streams), or of av_find_best_stream's choice for -1. Which stream is measured is logged when the file
   * has more than one stream.
   *
   * @throws BadInputException also if the file has no such audio stream
   */
  public static AudioTrackInfo probe(String name, Path file, int stream) {
    FFmpegLog.configure();
    try (AudioInput input = AudioInput.open(name, file, stream)) {
      logChoice(name, input.streamChoice());
      if (!input.countableWithoutDecoding()) {
        return decoded(input);
      }
      if (input.countWithoutDecoding()) {
        return info(input); // MP3, FLAC, AAC-LC in MP4, Opus: the packets say it exactly
      }
    }
    // A packet could not be counted (a FLAC frame its parser lost, an Opus packet that is not one): decode it
    // all, from the start.
    try (AudioInput input = AudioInput.open(name, file, stream)) {
      return decoded(input);
    }
  }

  private static AudioTrackInfo decoded(AudioInput input) {
    while (input.next() != null) {
      // counting happens in AudioInput
    }
    return info(input);
  }

  private static AudioTrackInfo info(AudioInput input) {
    return new AudioTrackInfo(input.sampleRate(), input.channels(), input.samples(), Double.NaN, 0, input.tags());
  }

  static void logChoice(String name, AudioStreamChoice choice) {
    if (choice.hadChoice()) {
      LOG.log(System.Logger.Level.INFO, name + ": " + choice.describe());
    }
  }
}
