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
   * The assembler's passes, each reading (the first also writing) the whole video: so each grows with the
   * video's length, but for the trailer when the index fits the room reserved for it.
   *
   * @param mux every chunk's packets and the audio copied into the file (twice when the index did not fit)
   * @param trailer the index written: into the room reserved before the media, or at the end and moved to the
   *     front by rewriting the file behind it (faststart)
   * @param verify the finished file's index read back
   * @param indexReserved true when the index fitted the reserved room (one pass over the media, not three)
   */
  public record Passes(Duration mux, Duration trailer, Duration verify, boolean indexReserved) {}
}
