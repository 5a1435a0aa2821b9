package dev.videogen.media.captions;

import java.util.List;
import java.util.Locale;

/** Writes cues as SubRip and WebVTT text (UTF-8 without a byte order mark, {@code \n} line ends). */
public final class CueWriter {
  private CueWriter() {}

  /** Numbered from 1, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, text, a blank line after each cue. */
  public static String srt(List<Cue> cues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cues.size(); i++) {
      Cue cue = cues.get(i);
      out.append(i + 1).append('\n')
          .append(time(cue.startMs(), ',')).append(" --> ").append(time(cue.endMs(), ',')).append('\n')
          .append(cue.text()).append("\n\n");
    }
    return out.toString();
  }

  /**
   * {@code WEBVTT}, a blank line, then each cue's {@code HH:MM:SS.mmm --> HH:MM:SS.mmm} and text with
   * {@code &}, {@code <} and {@code >} escaped, each followed by a blank line.
   */
  public static String vtt(List<Cue> cues) {
    StringBuilder out = new StringBuilder("WEBVTT\n\n");
    for (Cue cue : cues) {
      out.append(time(cue.startMs(), '.')).append(" --> ").append(time(cue.endMs(), '.')).append('\n')
          .append(cue.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("\n\n");
    }
    return out.toString();
  }

  private static String time(long ms, char separator) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
        separator, ms % 1000);
  }
}
