package dev.videogen.media.audio;

import java.util.Locale;

/**
 * Which audio stream of a file is decoded, and what else the file holds: said in the job's log whenever
 * there was a choice (more than one audio stream, or a video beside the audio).
 *
 * @param audioNumber the stream's number among the file's audio streams, from 0 (the spec's
 *     {@code audio[].stream})
 * @param audioStreams how many audio streams the file has
 * @param fileIndex the stream's index among all the file's streams (ffprobe's {@code index})
 * @param fileStreams how many streams the file has
 * @param videoStreams how many of them are video (never decoded)
 * @param codec the audio codec's name
 * @param channels the stream's declared channel count
 * @param sampleRate the stream's declared sample rate in Hz
 * @param requested true when the spec asked for this stream, false when av_find_best_stream chose it
 */
public record AudioStreamChoice(int audioNumber, int audioStreams, int fileIndex, int fileStreams,
    int videoStreams, String codec, int channels, int sampleRate, boolean requested) {

  /** Whether the file offered anything else: more than one stream of any kind. */
  public boolean hadChoice() {
    return fileStreams > 1;
  }

  /** E.g. {@code audio stream 1 of 2 (file stream #2 of 3: aac, 6 channels, 48000 Hz), chosen by ...}. */
  public String describe() {
    return String.format(Locale.ROOT, "audio stream %d of %d (file stream #%d of %d: %s, %d channel%s, %d Hz)%s, %s",
        audioNumber, audioStreams, fileIndex, fileStreams, codec, channels, channels == 1 ? "" : "s", sampleRate,
        videoStreams == 0 ? "" : videoStreams == 1 ? "; the video stream is ignored"
            : "; the " + videoStreams + " video streams are ignored",
        requested ? "as the spec asks (stream)" : "chosen by FFmpeg's av_find_best_stream");
  }
}
