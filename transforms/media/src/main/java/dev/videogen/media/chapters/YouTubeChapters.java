package dev.videogen.media.chapters;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * YouTube's chapter timestamps for a video description, and its rules for them: the first at 0:00, at least
 * three, in ascending order, each at least 10 seconds long; one bad line and YouTube shows none. YouTube
 * reads whole seconds, so the rules are checked on the times as written (truncated to the second), the last
 * chapter lasting to the video's end.
 */
public final class YouTubeChapters {
  public static final int MIN_CHAPTERS = 3;
  public static final long MIN_SECONDS = 10;

  private YouTubeChapters() {}

  /** A chapter breaking a rule: its index in the list (-1: the list as a whole) and what is wrong. */
  public record Violation(int index, String reason) {}

  /** The first rule {@code chapters} breaks in a video of {@code videoMs}, in list order; empty if none. */
  public static Optional<Violation> check(List<Chapter> chapters, long videoMs) {
    if (chapters.size() < MIN_CHAPTERS) {
      return Optional.of(new Violation(-1, "has " + chapters.size() + (chapters.size() == 1 ? " chapter" : " chapters")
          + ": YouTube needs at least " + MIN_CHAPTERS));
    }
    long videoSeconds = videoMs / 1000;
    for (int i = 0; i < chapters.size(); i++) {
      long start = chapters.get(i).startMs() / 1000;
      if (i == 0 && start != 0) {
        return Optional.of(new Violation(0, "starts at " + timestamp(chapters.get(0).startMs())
            + ": YouTube needs the first chapter at 0:00"));
      }
      if (chapters.get(i).startMs() >= videoMs) {
        return Optional.of(new Violation(i, "starts at " + timestamp(chapters.get(i).startMs())
            + ", not before the end of the video (" + timestamp(videoMs) + ")"));
      }
      if (i > 0 && chapters.get(i).startMs() <= chapters.get(i - 1).startMs()) {
        return Optional.of(new Violation(i, "starts at " + timestamp(chapters.get(i).startMs())
            + ", not after the chapter before it (" + timestamp(chapters.get(i - 1).startMs())
            + "): chapters must be in ascending order"));
      }
    }
    for (int i = 0; i < chapters.size(); i++) {
      long start = chapters.get(i).startMs() / 1000;
      boolean last = i + 1 == chapters.size();
      long end = last ? videoSeconds : chapters.get(i + 1).startMs() / 1000;
      if (end - start < MIN_SECONDS) {
        return Optional.of(new Violation(i, "lasts " + (end - start) + " s (" + timestamp(start * 1000) + " to "
            + (last ? "the end of the video at " : "") + timestamp(end * 1000) + "): YouTube needs each chapter to "
            + "last at least " + MIN_SECONDS + " s"));
      }
    }
    return Optional.empty();
  }

  /**
   * The description lines, one per chapter: {@code m:ss Title} before the first hour, {@code h:mm:ss Title}
   * from it on (so the first line is {@code 0:00 …}), times truncated to the second, each line ending in
   * {@code \n}.
   */
  public static String text(List<Chapter> chapters) {
    StringBuilder out = new StringBuilder();
    for (Chapter chapter : chapters) {
      out.append(timestamp(chapter.startMs())).append(' ').append(oneLine(chapter.title())).append('\n');
    }
    return out.toString();
  }

  /** {@code m:ss} below an hour, else {@code h:mm:ss}, truncated to the second. */
  public static String timestamp(long ms) {
    long seconds = ms / 1000;
    return seconds < 3600
        ? String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  /** A title on one line: line breaks, tabs and other control characters become single spaces. */
  public static String oneLine(String title) {
    return title.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
  }
}
