package dev.videogen.media.mux;

import dev.videogen.media.captions.Cue;
import dev.videogen.media.chapters.Chapter;
import java.util.List;

/**
 * Text an assembled MP4 carries beside picture and sound: chapters, and captions as a timed-text
 * (mov_text) track in {@code language} (ISO 639-2). Both in milliseconds on the video's timeline.
 */
public record TimedText(List<Chapter> chapters, List<Cue> captions, String language) {
  public static final TimedText NONE = new TimedText(List.of(), List.of(), "und");

  public TimedText {
    chapters = List.copyOf(chapters);
    captions = List.copyOf(captions);
  }
}
