package dev.videogen.media.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec's transition and video fade fields: values, defaults, the per-slide override, and errors. */
class TransitionSpecTest {
  private static JobSpec parse(String json) {
    return JobSpecParser.parse(json, "/jobs");
  }

  @Test
  void jobTransitionFadesAndASlideOverride() {
    JobSpec spec = parse("""
        {"id":"t","duration":30,"transition":{"type":"crossfade","seconds":1.5},"fadeIn":2,"fadeOut":0.5,
         "slides":[{"image":"a.jpg"},
                   {"image":"b.jpg","transition":{"type":"fade-through-black","seconds":0.8}},
                   {"image":"c.jpg","transition":{"type":"cut"}}]}""");
    assertEquals(new Transition(TransitionType.CROSSFADE, 1.5), spec.transition());
    assertEquals(2.0, spec.fadeIn());
    assertEquals(0.5, spec.fadeOut());
    assertNull(spec.slides().get(0).transition(), "slide 0 takes the job's");
    assertEquals(new Transition(TransitionType.FADE_THROUGH_BLACK, 0.8), spec.slides().get(1).transition());
    assertEquals(Transition.CUT, spec.slides().get(2).transition(), "a cut overrides the job's crossfade");
  }

  @Test
  void withoutTheFieldsAJobIsV1() {
    JobSpec spec = parse("{\"id\":\"a\",\"duration\":3,\"slides\":[{\"image\":\"x.jpg\"}]}");
    assertEquals(Transition.CUT, spec.transition());
    assertEquals(0.0, spec.fadeIn());
    assertEquals(0.0, spec.fadeOut());
    assertNull(spec.slides().get(0).transition());
  }

  @Test
  void canonicalTextAddsOnlyWhatIsSet() {
    JobSpec v1 = parse("{\"id\":\"a\",\"duration\":3,\"slides\":[{\"image\":\"x.jpg\"}]}");
    // exactly the v1 record's text, which v1 spec hashes were computed from
    assertEquals("JobSpec[id=a, output=null, video=VideoSettings[width=1920, height=1080, fps=30, crf=23, "
        + "preset=veryfast], audio=[], durationMode=FIXED, fixedSeconds=3.0, loop=false, slides=[SlideSpec["
        + "image=/jobs/x.jpg, seconds=null, from=CameraPoint[zoom=1.0, x=0.5, y=0.5], to=CameraPoint[zoom=1.2, "
        + "x=0.5, y=0.5], easing=LINEAR, fit=COVER]]]", v1.canonicalText());
    JobSpec faded = parse("{\"id\":\"a\",\"duration\":3,\"fadeOut\":1,\"slides\":[{\"image\":\"x.jpg\","
        + "\"transition\":{\"type\":\"crossfade\",\"seconds\":0.5}}]}");
    assertTrue(faded.canonicalText().endsWith("fit=COVER, transition=crossfade 0.5s]], fadeOut=1.0]"),
        faded.canonicalText());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"transition\":{\"type\":\"wipe\",\"seconds\":1}|transition.type|must be cut, crossfade or fade-through-black, was \"wipe\"",
      "\"transition\":{\"seconds\":1}|transition.type|missing",
      "\"transition\":{\"type\":\"crossfade\"}|transition.seconds|missing: a crossfade needs its length",
      "\"transition\":{\"type\":\"crossfade\",\"seconds\":0}|transition.seconds|must be more than 0 and at most 60",
      "\"transition\":{\"type\":\"crossfade\",\"seconds\":61}|transition.seconds|must be more than 0 and at most 60",
      "\"transition\":{\"type\":\"crossfade\",\"seconds\":\"1\"}|transition.seconds|must be a number",
      "\"transition\":{\"type\":\"cut\",\"seconds\":1}|transition.seconds|a cut has no length",
      "\"transition\":{\"type\":\"crossfade\",\"seconds\":1,\"easing\":\"linear\"}|transition.easing|unknown field",
      "\"transition\":\"crossfade\"|transition|must be a JSON object",
      "\"fadeIn\":-1|fadeIn|must be a number of seconds from 0",
      "\"fadeOut\":\"2s\"|fadeOut|must be a number",
      "\"fadeout\":2|fadeout|unknown field",
  })
  void jobLevelErrorsNameTheField(String fields, String field, String reason) {
    BadInputException e = assertThrows(BadInputException.class,
        () -> parse("{\"id\":\"a\",\"duration\":3," + fields + ",\"slides\":[{\"image\":\"x.jpg\"}]}"));
    assertEquals(field, e.subject());
    assertTrue(e.reason().contains(reason), () -> "reason was: " + e.reason());
  }

  @Test
  void slideErrorsNameTheSlide() {
    BadInputException e = assertThrows(BadInputException.class, () -> parse("""
        {"id":"a","duration":3,"slides":[{"image":"x.jpg"},{"image":"y.jpg"},
         {"image":"z.jpg","transition":{"type":"dissolve","seconds":1}}]}"""));
    assertEquals("slides[2].transition.type", e.subject());
    assertEquals("slides[2].transition.type: must be cut, crossfade or fade-through-black, was \"dissolve\"",
        e.getMessage());
    BadInputException seconds = assertThrows(BadInputException.class, () -> parse("""
        {"id":"a","duration":3,"slides":[{"image":"x.jpg","transition":{"type":"fade-through-black","seconds":-1}}]}"""));
    assertEquals("slides[0].transition.seconds", seconds.subject());
  }
}
