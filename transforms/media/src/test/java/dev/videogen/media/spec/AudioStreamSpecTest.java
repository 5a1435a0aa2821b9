package dev.videogen.media.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** {@code audio[].stream}: parsed, and part of the spec's hash only when given (a v1 track keeps its hash). */
class AudioStreamSpecTest {
  private static JobSpec parse(String track) {
    return JobSpecParser.parse("{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"audio\":[" + track + "]}", "/jobs");
  }

  @Test
  void streamIsParsedAndHashedOnlyWhenGiven() {
    JobSpec best = parse("{\"uri\":\"film.mkv\"}");
    JobSpec first = parse("{\"uri\":\"film.mkv\",\"stream\":0}");
    JobSpec second = parse("{\"uri\":\"film.mkv\",\"stream\":1}");

    assertEquals(AudioTrackSpec.BEST_STREAM, best.audio().get(0).stream());
    assertEquals(1, second.audio().get(0).stream());
    assertEquals("AudioTrackSpec[uri=/jobs/film.mkv, fadeIn=0.0, fadeOut=0.0]", best.audio().get(0).toString());
    assertEquals(new AudioTrackSpec("/jobs/film.mkv", 0, 0), best.audio().get(0));
    assertEquals("AudioTrackSpec[uri=/jobs/film.mkv, fadeIn=0.0, fadeOut=0.0, stream=1]",
        second.audio().get(0).toString());
    // Stream 0 may be another stream than the best one: it is a different job.
    assertNotEquals(best.canonicalText(), first.canonicalText());
    assertNotEquals(first.canonicalText(), second.canonicalText());
  }
}
