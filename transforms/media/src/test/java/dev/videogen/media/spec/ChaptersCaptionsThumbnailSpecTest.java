package dev.videogen.media.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChaptersCaptionsThumbnailSpecTest {
  private static final String BASE = """
      {"id":"a","output":"o.mp4","audio":[{"uri":"t.mp3"%s}],"slides":[{"image":"a.jpg"%s}]%s}""";

  private static JobSpec parse(String audioExtra, String slideExtra, String topExtra) {
    return JobSpecParser.parse(BASE.formatted(audioExtra, slideExtra, topExtra), "/j");
  }

  @Test
  void theNewFieldsAreReadWithTheirDefaults() {
    JobSpec spec = parse(",\"title\":\"Side A\"", ",\"title\":\"Forest\"",
        ",\"chapters\":\"audio\",\"captions\":{\"uri\":\"subs/en.vtt\"},\"thumbnail\":{}");
    assertEquals(ChaptersSpec.from(ChaptersSpec.Source.AUDIO), spec.chapters());
    assertEquals(new CaptionsSpec("/j/subs/en.vtt", "und"), spec.captions());
    assertEquals(new ThumbnailSpec(null, ThumbnailSpec.Format.JPEG), spec.thumbnail());
    assertEquals("Side A", spec.audio().get(0).title());
    assertEquals("Forest", spec.slides().get(0).title());

    JobSpec list = parse("", "", ",\"chapters\":[{\"at\":0,\"title\":\"A\"},{\"at\":\"1:02:03.5\",\"title\":\" B \"}],"
        + "\"captions\":{\"uri\":\"x.srt\",\"language\":\"de\"},\"thumbnail\":{\"at\":\"0:30\",\"format\":\"png\"}");
    assertEquals(List.of(new ChaptersSpec.Entry(0, "A"), new ChaptersSpec.Entry(3_723_500, "B")), list.chapters().entries());
    assertEquals("deu", list.captions().language());
    assertEquals(new ThumbnailSpec(30_000L, ThumbnailSpec.Format.PNG), list.thumbnail());
  }

  @Test
  void aJobWithoutThemHasNoneAndKeepsItsCanonicalText() {
    JobSpec spec = parse("", "", "");
    assertNull(spec.chapters());
    assertNull(spec.captions());
    assertNull(spec.thumbnail());
    assertEquals("JobSpec[id=a, output=/j/o.mp4, video=VideoSettings[width=1920, height=1080, fps=30, crf=23, "
        + "preset=veryfast], audio=[AudioTrackSpec[uri=/j/t.mp3, fadeIn=0.0, fadeOut=0.0]], durationMode=AUDIO, "
        + "fixedSeconds=0.0, loop=false, slides=[SlideSpec[image=/j/a.jpg, seconds=null, from=CameraPoint[zoom=1.0, "
        + "x=0.5, y=0.5], to=CameraPoint[zoom=1.2, x=0.5, y=0.5], easing=LINEAR, fit=COVER]]]", spec.canonicalText());
  }

  @Test
  void theyChangeTheCanonicalText() {
    String text = parse(",\"title\":\"Side A\"", ",\"title\":\"Forest\"",
        ",\"chapters\":\"slides\",\"captions\":{\"uri\":\"en.srt\",\"language\":\"eng\"},\"thumbnail\":{\"at\":1}")
        .canonicalText();
    assertEquals(true, text.contains("AudioTrackSpec[uri=/j/t.mp3, fadeIn=0.0, fadeOut=0.0, title=Side A]"), text);
    assertEquals(true, text.contains("fit=COVER, title=Forest]"), text);
    assertEquals(true, text.endsWith(", chapters=ChaptersSpec[source=SLIDES, entries=[]], captions=CaptionsSpec["
        + "uri=/j/en.srt, language=eng], thumbnail=ThumbnailSpec[atMs=1000, format=JPEG]]"), text);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "|chapters|,\"chapters\":\"tracks\"|must be \"audio\", \"slides\" or a list of {\"at\", \"title\"}, was \"tracks\"",
      "|chapters|,\"chapters\":[]|must be \"audio\", \"slides\" or a non-empty list of {\"at\", \"title\"}",
      "|chapters[0].when|,\"chapters\":[{\"when\":0}]|unknown field (allowed here: at, title)",
      "|chapters[0].at|,\"chapters\":[{\"title\":\"x\"}]|missing: the chapter's start (seconds, or \"m:ss\" / \"h:mm:ss\")",
      "|chapters[0].title|,\"chapters\":[{\"at\":0}]|missing",
      "|chapters[1].at|,\"chapters\":[{\"at\":0,\"title\":\"x\"},{\"at\":\"1:60\",\"title\":\"y\"}]|must be seconds or a time m:ss, h:mm:ss or h:mm:ss.fff, was \"1:60\"",
      "|chapters[0].at|,\"chapters\":[{\"at\":-1,\"title\":\"x\"}]|must be 0 or more seconds, was -1.0",
      "|chapters[0].title|,\"chapters\":[{\"at\":0,\"title\":\"two\\nlines\"}]|must be one line of text (no line breaks, tabs or control characters)",
      "|chapters[0].title|,\"chapters\":[{\"at\":0,\"title\":\" \"}]|must not be blank",
      "|captions.uri|,\"captions\":{\"language\":\"en\"}|missing",
      "|captions.lang|,\"captions\":{\"uri\":\"x.srt\",\"lang\":\"en\"}|unknown field (allowed here: burnIn, language, uri)",
      "|captions.language|,\"captions\":{\"uri\":\"x.srt\",\"language\":\"EN\"}|must be an ISO 639 language code in lower case (\"en\", \"eng\", \"de\", \"deu\" …), was \"EN\"",
      "|captions.language|,\"captions\":{\"uri\":\"x.srt\",\"language\":\"xx\"}|\"xx\" is not an ISO 639-1 language code",
      "|captions.burnIn|,\"captions\":{\"uri\":\"x.srt\",\"burnIn\":\"yes\"}|must be true or false",
      "|captions.uri|,\"captions\":{\"uri\":\"http://x/y.srt\"}|",
      "|thumbnail.format|,\"thumbnail\":{\"format\":\"gif\"}|must be jpeg or png, was \"gif\"",
      "|thumbnail.size|,\"thumbnail\":{\"size\":1}|unknown field (allowed here: at, format)",
      "|thumbnail|,\"thumbnail\":true|must be a JSON object",
      ",\"title\":3|audio[0].title||must be a string"})
  void badValuesNameTheirField(String audioExtra, String field, String topExtra, String reason) {
    BadInputException e = assertThrows(BadInputException.class,
        () -> parse(audioExtra == null ? "" : audioExtra, "", topExtra == null ? "" : topExtra));
    assertEquals(field, e.subject());
    if (reason != null) {
      assertEquals(reason, e.reason());
    }
  }

  @Test
  void audioChaptersNeedAudio() {
    BadInputException e = assertThrows(BadInputException.class, () -> JobSpecParser.parse("""
        {"id":"a","output":"o.mp4","duration":10,"slides":[{"image":"a.jpg"}],"chapters":"audio"}""", "/j"));
    assertEquals("chapters", e.subject());
    assertEquals("is \"audio\" but the job has no audio tracks", e.reason());
  }

  @Test
  void aTitleLongerThanAnMp4ChapterListHoldsIsRefused() {
    String title = "é".repeat(128); // 256 bytes of UTF-8
    BadInputException e = assertThrows(BadInputException.class,
        () -> parse("", ",\"title\":\"" + title + "\"", ""));
    assertEquals("slides[0].title", e.subject());
    assertEquals("is 256 bytes of UTF-8, more than the 255 an MP4 chapter list holds", e.reason());
  }
}
