package dev.videogen.media.chapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YouTubeChaptersTest {
  private static Chapter at(long ms, String title) {
    return new Chapter(ms, title);
  }

  @Test
  void theTextHasMinutesAndSecondsBeforeTheFirstHourAndHoursFromIt() {
    List<Chapter> chapters = List.of(at(0, "Intro"), at(95_999, "Rain\ton the roof"), at(3_599_999, "Almost"),
        at(3_600_000, "Hour"), at(36_061_500, "Ten hours"));
    assertEquals("0:00 Intro\n1:35 Rain on the roof\n59:59 Almost\n1:00:00 Hour\n10:01:01 Ten hours\n",
        YouTubeChapters.text(chapters));
  }

  @Test
  void chaptersMeetingEveryRulePass() {
    assertEquals(Optional.empty(), YouTubeChapters.check(List.of(at(0, "a"), at(10_000, "b"), at(20_000, "c")), 30_000));
  }

  @Test
  void eachRuleHasItsMessage() {
    assertEquals(Optional.of(new YouTubeChapters.Violation(-1, "has 2 chapters: YouTube needs at least 3")),
        YouTubeChapters.check(List.of(at(0, "a"), at(10_000, "b")), 60_000));
    assertEquals(Optional.of(new YouTubeChapters.Violation(0, "starts at 0:01: YouTube needs the first chapter at 0:00")),
        YouTubeChapters.check(List.of(at(1_000, "a"), at(20_000, "b"), at(40_000, "c")), 60_000));
    assertEquals(Optional.of(new YouTubeChapters.Violation(2,
        "starts at 0:15, not after the chapter before it (0:30): chapters must be in ascending order")),
        YouTubeChapters.check(List.of(at(0, "a"), at(30_000, "b"), at(15_000, "c")), 60_000));
    assertEquals(Optional.of(new YouTubeChapters.Violation(1,
        "lasts 9 s (0:20 to 0:29): YouTube needs each chapter to last at least 10 s")),
        YouTubeChapters.check(List.of(at(0, "a"), at(20_000, "b"), at(29_999, "c")), 60_000));
    assertEquals(Optional.of(new YouTubeChapters.Violation(2,
        "lasts 9 s (0:50 to the end of the video at 0:59): YouTube needs each chapter to last at least 10 s")),
        YouTubeChapters.check(List.of(at(0, "a"), at(20_000, "b"), at(50_000, "c")), 59_999));
    assertEquals(Optional.of(new YouTubeChapters.Violation(2,
        "starts at 1:00, not before the end of the video (1:00)")),
        YouTubeChapters.check(List.of(at(0, "a"), at(20_000, "b"), at(60_000, "c")), 60_000));
  }
}
