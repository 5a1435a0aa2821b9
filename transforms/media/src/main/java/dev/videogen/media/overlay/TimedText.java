package dev.videogen.media.overlay;

/** A text shown from {@code startMs} to {@code endMs} of the video (a caption cue), in milliseconds. */
public record TimedText(long startMs, long endMs, String text) {
  public TimedText {
    if (startMs < 0 || endMs < startMs || text == null) {
      throw new IllegalArgumentException("cue " + startMs + " → " + endMs + " ms: " + text);
    }
  }
}
