package dev.videogen.media.captions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CueWriterTest {
  static final List<Cue> CUES = List.of(new Cue(1_500, 4_000, "Fish & chips\n<3 > 2"), new Cue(3_723_004, 3_725_000, "Later"));

  @Test
  void srtIsNumberedWithCommaMilliseconds() {
    assertEquals("""
        1
        00:00:01,500 --> 00:00:04,000
        Fish & chips
        <3 > 2

        2
        01:02:03,004 --> 01:02:05,000
        Later

        """, CueWriter.srt(CUES));
  }

  @Test
  void webVttEscapesTheTextAndUsesDotMilliseconds() {
    assertEquals("""
        WEBVTT

        00:00:01.500 --> 00:00:04.000
        Fish &amp; chips
        &lt;3 &gt; 2

        01:02:03.004 --> 01:02:05.000
        Later

        """, CueWriter.vtt(CUES));
  }

  @Test
  void whatIsWrittenParsesBackToTheSameCues() {
    assertEquals(CUES, CueParser.parse("x.vtt", CueWriter.vtt(CUES).getBytes(StandardCharsets.UTF_8)));
    // SRT has no escapes: "<3 > 2" is not a tag, and reads back as written.
    assertEquals(CUES, CueParser.parse("x.srt", CueWriter.srt(CUES).getBytes(StandardCharsets.UTF_8)));
  }
}
