package dev.videogen.media.mux;

import java.time.Duration;

/**
 * What {@link VideoAssembler#assemblePlaced} wrote, as read back from the finished file, and how long each of
 * its passes over the whole video took.
 *
 * @param frames video frames (packets) counted in the output
 * @param videoSeconds the video stream's duration
 * @param audioSeconds the audio stream's duration after the priming is trimmed; 0 without audio
 * @param passes the time of each pass
 */
public record AssembledVideo(long frames, double videoSeconds, double audioSeconds, Passes passes) {
  /**
   * The assembler's passes, each reading (and the first two writing) the whole video: so each grows with the
   * video's length.
   *
   * @param mux every chunk's packets and the audio copied into the file
   * @param faststart the trailer, which moves moov to the front by rewriting the file behind it
   * @param verify the finished file read back, every packet counted
   */
  public record Passes(Duration mux, Duration faststart, Duration verify) {}
}
