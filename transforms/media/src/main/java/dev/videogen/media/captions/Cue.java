package dev.videogen.media.captions;

import java.io.Serializable;
import java.util.List;

/**
 * One caption: plain text (markup removed, lines joined by {@code \n}) shown from {@code startMs} up to, not
 * including, {@code endMs}, in milliseconds on the video's timeline.
 */
public record Cue(long startMs, long endMs, String text) implements Serializable {
  public Cue {
    if (startMs < 0 || endMs <= startMs || text == null || text.isBlank()) {
      throw new IllegalArgumentException("cue [" + startMs + ", " + endMs + ") \"" + text + "\"");
    }
  }

  /**
   * The cues as shown in a video of {@code videoMs} milliseconds: cues starting at or after the end are
   * dropped, a cue running past the end is cut there.
   */
  public static List<Cue> within(List<Cue> cues, long videoMs) {
    return cues.stream()
        .filter(cue -> cue.startMs() < videoMs)
        .map(cue -> cue.endMs() <= videoMs ? cue : new Cue(cue.startMs(), videoMs, cue.text()))
        .toList();
  }
}
