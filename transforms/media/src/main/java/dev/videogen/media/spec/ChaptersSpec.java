package dev.videogen.media.spec;

import java.io.Serializable;
import java.util.List;

/**
 * Where the video's chapters come from: one per audio track ({@link Source#AUDIO}), one per slide shown
 * ({@link Source#SLIDES}), or the spec's own list ({@link Source#LIST}, {@code entries} non-empty; empty for
 * the other sources).
 */
public record ChaptersSpec(Source source, List<Entry> entries) implements Serializable {
  public enum Source { AUDIO, SLIDES, LIST }

  /** One chapter of an explicit list: its start in milliseconds and its title. */
  public record Entry(long atMs, String title) implements Serializable {}

  public ChaptersSpec {
    entries = List.copyOf(entries);
    if ((source == Source.LIST) == entries.isEmpty()) {
      throw new IllegalArgumentException(source + " with " + entries.size() + " entries");
    }
  }

  public static ChaptersSpec from(Source source) {
    return new ChaptersSpec(source, List.of());
  }
}
