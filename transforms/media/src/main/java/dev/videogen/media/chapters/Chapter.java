package dev.videogen.media.chapters;

import java.io.Serializable;

/** A chapter starting at {@code startMs} on the video's timeline; it lasts until the next one or the end. */
public record Chapter(long startMs, String title) implements Serializable {
  public Chapter {
    if (startMs < 0 || title == null || title.isBlank()) {
      throw new IllegalArgumentException("chapter at " + startMs + " ms titled \"" + title + "\"");
    }
  }
}
