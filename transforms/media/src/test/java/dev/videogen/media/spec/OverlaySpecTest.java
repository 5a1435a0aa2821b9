package dev.videogen.media.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import dev.videogen.media.plan.JobPlanner;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The overlays field: what it parses to, and errors that name the field. */
class OverlaySpecTest {
  private static final String HEAD = "{\"id\":\"a\",\"output\":\"o.mp4\",\"audio\":[{\"uri\":\"a.mp3\"}],"
      + "\"slides\":[{\"image\":\"x.jpg\"}]";

  private static JobSpec parse(String overlays) {
    return JobSpecParser.parse(HEAD + ",\"overlays\":[" + overlays + "]}", "/jobs");
  }

  @Test
  void aFullTextLayerParsesEveryField() {
    OverlaySpec layer = parse("{\"text\":{\"value\":\"Dusk\\nby the lake\",\"size\":0.08,\"color\":\"#ffeeddcc\","
        + "\"outline\":{\"width\":\"3px\",\"color\":\"#102030\"},\"shadow\":{\"x\":-0.002,\"y\":\"2px\"},"
        + "\"maxWidth\":0.5,\"align\":\"right\",\"lineHeight\":1.5},\"position\":{\"anchor\":\"bottom-left\","
        + "\"x\":0.05,\"y\":\"40px\"},\"start\":2,\"duration\":5,\"every\":60,\"fadeIn\":0.5,\"fadeOut\":1,"
        + "\"opacity\":0.9}").overlays().get(0);
    assertEquals("Dusk\nby the lake", layer.text());
    TextStyle style = layer.style();
    assertEquals(Length.fraction(0.08), style.size());
    assertEquals(new Rgba(0xff, 0xee, 0xdd, 0xcc), style.color());
    assertEquals(Length.pixels(3), style.outlineWidth());
    assertEquals(new Rgba(0x10, 0x20, 0x30, 255), style.outlineColor());
    assertEquals(Length.fraction(-0.002), style.shadowX());
    assertEquals(Length.pixels(2), style.shadowY());
    assertEquals(new Rgba(0, 0, 0, 160), style.shadowColor());
    assertEquals(Length.fraction(0.5), style.maxWidth());
    assertEquals(TextAlign.RIGHT, style.align());
    assertEquals(1.5, style.lineHeight());
    assertEquals(new Placement(Anchor.BOTTOM_LEFT, Length.fraction(0.05), Length.pixels(40)), layer.position());
    assertEquals(new OverlayTiming(2, 5.0, 60.0, 0.5, 1), layer.timing());
    assertEquals(0.9, layer.opacity());
  }

  @Test
  void defaultsCentreWhiteTextForTheWholeVideoAndAlignFollowsTheAnchor() {
    OverlaySpec plain = parse("{\"text\":{\"value\":\"x\"}}").overlays().get(0);
    assertEquals(TextStyle.plain(TextAlign.CENTER), plain.style());
    assertEquals(Placement.CENTERED, plain.position());
    assertEquals(OverlayTiming.ALWAYS, plain.timing());
    assertEquals(1, plain.opacity());
    assertEquals(TextAlign.RIGHT,
        parse("{\"text\":{\"value\":\"x\"},\"position\":{\"anchor\":\"top-right\"}}").overlays().get(0).style().align());
  }

  @Test
  void imageAndNowPlayingLayersResolveTheirUrisAndTemplates() {
    JobSpec spec = parse("{\"image\":{\"uri\":\"img/logo.png\",\"width\":0.1}},"
        + "{\"text\":{\"nowPlaying\":{\"template\":\"♪ {title}\"}}}");
    OverlaySpec image = spec.overlays().get(0);
    assertTrue(image.isImage());
    assertEquals("/jobs/img/logo.png", image.image());
    assertEquals(Length.fraction(0.1), image.imageWidth());
    assertEquals("/jobs/fonts/My.ttf",
        parse("{\"text\":{\"value\":\"x\",\"font\":\"fonts/My.ttf\"}}").overlays().get(0).style().font());
    assertNull(image.imageHeight());
    NowPlaying nowPlaying = spec.overlays().get(1).nowPlaying();
    assertEquals("♪ {title}", nowPlaying.template());
    assertEquals("♪ Song", nowPlaying.textFor(0, "/jobs/a.mp3", "Song", null));
    assertEquals("♪ a", nowPlaying.textFor(0, "/jobs/a.mp3", " ", null));
  }

  @Test
  void aJobWithoutOverlaysKeepsItsCanonicalTextAndAnyOverlayChangesTheHash() {
    JobSpec none = JobSpecParser.parse(HEAD + "}", "/jobs");
    JobSpec empty = JobSpecParser.parse(HEAD + ",\"overlays\":[]}", "/jobs");
    assertFalse(none.canonicalText().contains("overlays"));
    assertEquals(none.canonicalText(), empty.canonicalText());
    String hash = JobPlanner.specHash(none, "");
    assertNotEquals(hash, JobPlanner.specHash(parse("{\"text\":{\"value\":\"x\"}}"), ""));
    assertNotEquals(JobPlanner.specHash(parse("{\"text\":{\"value\":\"x\"}}"), ""),
        JobPlanner.specHash(parse("{\"text\":{\"value\":\"y\"}}"), ""));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|overlays[0]|exactly one of text or image",
      "{\"text\":{\"value\":\"x\"},\"image\":{\"uri\":\"l.png\"}}|overlays[0]|exactly one of text or image",
      "{\"text\":{\"value\":\"x\"}},{\"text\":{\"value\":\"x\"}},{\"text\":{\"value\":\"x\",\"size\":2}}|overlays[2].text.size|fraction of the frame height",
      "{\"text\":{\"value\":\"x\",\"size\":\"12pt\"}}|overlays[0].text.size|pixels such as",
      "{\"text\":{\"value\":\"x\",\"colour\":\"#fff\"}}|overlays[0].text.colour|unknown field",
      "{\"text\":{\"value\":\"x\",\"color\":\"white\"}}|overlays[0].text.color|#rrggbb",
      "{\"text\":{\"value\":\"\"}}|overlays[0].text.value|empty",
      "{\"text\":{}}|overlays[0].text|exactly one of value",
      "{\"text\":{\"value\":\"x\",\"outline\":{\"color\":\"#000000\"}}}|overlays[0].text.outline.width|needs its width",
      "{\"text\":{\"value\":\"x\",\"align\":\"justify\"}}|overlays[0].text.align|left, center or right",
      "{\"text\":{\"value\":\"x\",\"lineHeight\":9}}|overlays[0].text.lineHeight|from 0.5 to 5",
      "{\"text\":{\"value\":\"x\",\"maxWidth\":-1}}|overlays[0].text.maxWidth|negative",
      "{\"text\":{\"nowPlaying\":{\"template\":\"{album}\"}}}|overlays[0].text.nowPlaying.template|{album}",
      "{\"text\":{\"nowPlaying\":{\"titles\":[\"a\",\"b\"]}}}|overlays[0].text.nowPlaying.titles|2 entries",
      "{\"text\":{\"value\":\"x\"},\"position\":{\"anchor\":\"middle\"}}|overlays[0].position.anchor|bottom-right",
      "{\"text\":{\"value\":\"x\"},\"every\":60}|overlays[0].duration|needs a duration",
      "{\"text\":{\"value\":\"x\"},\"every\":10,\"duration\":20}|overlays[0].duration|overlap",
      "{\"text\":{\"value\":\"x\"},\"every\":1,\"duration\":1}|overlays[0].every|from 5",
      "{\"text\":{\"value\":\"x\"},\"opacity\":1.5}|overlays[0].opacity|from 0 to 1",
      "{\"text\":{\"value\":\"x\"},\"fadeIn\":-1}|overlays[0].fadeIn|from 0",
      "{\"image\":{\"uri\":\"http://example.com/l.png\"}}|overlays[0].image.uri|is not allowed",
      "{\"image\":{\"uri\":\"l.png\",\"width\":\"-3px\"}}|overlays[0].image.width|negative",
      "{\"text\":{\"value\":\"x\",\"font\":\"data:font/ttf,AAAA\"}}|overlays[0].text.font|is not allowed",
  })
  void errorsNameTheField(String overlays, String field, String reason) {
    BadInputException e = assertThrows(BadInputException.class, () -> parse(overlays));
    assertEquals(field, e.subject(), e.getMessage());
    assertTrue(e.reason().contains(reason), () -> "reason was: " + e.reason());
  }

  @Test
  void overlaysMustBeAListAndNowPlayingNeedsAudio() {
    BadInputException notList = assertThrows(BadInputException.class,
        () -> JobSpecParser.parse(HEAD + ",\"overlays\":{}}", "/jobs"));
    assertEquals("overlays", notList.subject());
    BadInputException noAudio = assertThrows(BadInputException.class, () -> JobSpecParser.parse(
        "{\"id\":\"a\",\"duration\":5,\"slides\":[{\"image\":\"x.jpg\"}],\"overlays\":[{\"text\":{\"nowPlaying\":true}}]}",
        "/jobs"));
    assertEquals("overlays[0].text.nowPlaying", noAudio.subject());
    assertEquals(List.of(), JobSpecParser.parse(HEAD + "}", "/jobs").overlays());
  }
}
