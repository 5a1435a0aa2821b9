package dev.videogen.media.captions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CueParserTest {
  private static List<Cue> parse(String name, String text) {
    return CueParser.parse(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static BadInputException error(String name, String text) {
    return assertThrows(BadInputException.class, () -> parse(name, text));
  }

  @Test
  void srtCuesAreReadWithTimesInMillisecondsAndMultiLineTextPlain() {
    String srt = "1\r\n00:00:01,500 --> 00:00:04,000\r\n<i>Hello</i> there\r\n{\\an8}second line  \r\n\r\n"
        + "2\r\n01:02:03,004 --> 01:02:05,000\r\nLater\r\n\r\n\r\n";
    assertEquals(List.of(new Cue(1_500, 4_000, "Hello there\nsecond line"), new Cue(3_723_004, 3_725_000, "Later")),
        parse("subs/en.srt", srt));
  }

  @Test
  void webVttCuesSkipHeaderNotesStylesAndSettingsAndDecodeReferences() {
    String vtt = """
        WEBVTT - made by hand
        Kind: captions
        Language: en

        STYLE
        ::cue { color: yellow }

        NOTE this is
        a comment

        intro
        00:01.000 --> 00:02.500 align:start position:10%
        <v Roger>Fish &amp; chips &lt;3</v>
        <c.loud>twice</c> <00:00:02.000>later

        01:00:00.000 --> 01:00:01.000
        An hour in
        """;
    assertEquals(List.of(new Cue(1_000, 2_500, "Fish & chips <3\ntwice later"), new Cue(3_600_000, 3_601_000, "An hour in")),
        parse("subs/en.vtt", vtt));
  }

  @Test
  void overlappingAndUnorderedCuesAreKeptAndSortedByStart() {
    String srt = "1\n00:00:05,000 --> 00:00:06,000\nB\n\n2\n00:00:01,000 --> 00:00:07,000\nA\n";
    assertEquals(List.of(new Cue(1_000, 7_000, "A"), new Cue(5_000, 6_000, "B")), parse("x.srt", srt));
  }

  @Test
  void byteOrderMarksAndUtf16AreRead() {
    byte[] utf8 = ("\uFEFF1\n00:00:00,000 --> 00:00:01,000\nÜber\n").getBytes(StandardCharsets.UTF_8);
    byte[] utf16 = ("\uFEFFWEBVTT\n\n00:00.000 --> 00:01.000\nÜber\n").getBytes(StandardCharsets.UTF_16LE);
    List<Cue> expected = List.of(new Cue(0, 1_000, "Über"));
    assertEquals(expected, CueParser.parse("a.srt", utf8));
    assertEquals(expected, CueParser.parse("a.vtt", utf16));
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedAtItsLine() {
    byte[] latin1 = "1\n00:00:00,000 --> 00:00:01,000\nOK\n\n2\n00:00:01,000 --> 00:00:02,000\n\u00dcber\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    BadInputException e = assertThrows(BadInputException.class, () -> CueParser.parse("subs/de.srt", latin1));
    assertEquals("subs/de.srt line 7", e.subject());
    assertEquals("byte 0xDC is not UTF-8: caption files must be UTF-8 (or UTF-16 with a byte order mark); convert "
        + "it, e.g. iconv -f WINDOWS-1252 -t UTF-8", e.reason());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad separator|1\\n00:00:01.000 --> 00:00:02,000\\nx\\n|2|expected a timing line HH:MM:SS,mmm --> HH:MM:SS,mmm, found \"00:00:01.000 --> 00:00:02,000\"",
      "minutes over 59|1\\n00:61:00,000 --> 01:02:00,000\\nx\\n|2|bad time 00:61:00: minutes and seconds must be below 60",
      "end before start|1\\n00:00:05,000 --> 00:00:04,000\\nx\\n|2|the cue ends at 0:00:04.000, before it starts (0:00:05.000)",
      "empty cue|1\\n00:00:05,000 --> 00:00:05,000\\nx\\n|2|the cue ends at 0:00:05.000, when it starts (0:00:05.000)",
      "no number|00:00:01,000 --> 00:00:02,000\\nx\\n|1|expected a cue number, found \"00:00:01,000 --> 00:00:02,000\"",
      "no text|1\\n00:00:01,000 --> 00:00:02,000\\n\\n2\\n00:00:03,000 --> 00:00:04,000\\ny\\n|3|cue 1 has no text",
      "missing blank line|1\\n00:00:01,000 --> 00:00:02,000\\nx\\n2\\n00:00:03,000 --> 00:00:04,000\\ny\\n|5|a timing line inside the text of cue 1: a blank line is missing between two cues",
      "no timing|1\\n\\n|2|cue 1 has no timing line (HH:MM:SS,mmm --> HH:MM:SS,mmm)"})
  void srtErrorsNameTheFileAndLine(String what, String text, int line, String reason) {
    BadInputException e = error("subs/en.srt", text.replace("\\n", "\n"));
    assertEquals("subs/en.srt line " + line, e.subject(), what);
    assertEquals(reason, e.reason(), what);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no header|00:01.000 --> 00:02.000\\nx\\n|1|a WebVTT file must start with the line WEBVTT",
      "header glued|WEBVTTX\\n\\n00:01.000 --> 00:02.000\\nx\\n|1|a WebVTT file must start with the line WEBVTT",
      "no blank after header|WEBVTT\\n00:01.000 --> 00:02.000\\nx\\n|2|the WEBVTT header must be followed by a blank line before the first cue",
      "comma|WEBVTT\\n\\n00:01,000 --> 00:02.000\\nx\\n|3|expected a cue timing line [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm, found \"00:01,000 --> 00:02.000\"",
      "identifier alone|WEBVTT\\n\\nintro\\n\\n|3|expected a cue timing line [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm after \"intro\"",
      "end before start|WEBVTT\\n\\n00:03.000 --> 00:02.000\\nx\\n|3|the cue ends at 0:00:02.000, before it starts (0:00:03.000)",
      "one-digit hours|WEBVTT\\n\\n1:00:00.000 --> 1:00:01.000\\nx\\n|3|expected a cue timing line [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm, found \"1:00:00.000 --> 1:00:01.000\""})
  void webVttErrorsNameTheFileAndLine(String what, String text, int line, String reason) {
    BadInputException e = error("subs/en.vtt", text.replace("\\n", "\n"));
    assertEquals("subs/en.vtt line " + line, e.subject(), what);
    assertEquals(reason, e.reason(), what);
  }

  @Test
  void theFormatFollowsTheExtensionElseTheHeader() {
    assertEquals(List.of(new Cue(1_000, 2_000, "x")), parse("captions.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nx\n"));
    assertEquals(List.of(new Cue(1_000, 2_000, "x")), parse("captions", "1\n00:00:01,000 --> 00:00:02,000\nx\n"));
  }

  @Test
  void cuesAreCutAtTheEndOfTheVideo() {
    List<Cue> cues = List.of(new Cue(0, 1_000, "a"), new Cue(1_500, 2_500, "b"), new Cue(2_000, 3_000, "c"));
    assertEquals(List.of(new Cue(0, 1_000, "a"), new Cue(1_500, 2_000, "b")), Cue.within(cues, 2_000));
  }
}
