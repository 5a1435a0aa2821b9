package dev.videogen.media.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSpecParserTest {
  private static final String BASE = "/jobs";

  private static JobSpec parse(String json) {
    return JobSpecParser.parse(json, BASE);
  }

  private static BadInputException error(String json) {
    return assertThrows(BadInputException.class, () -> parse(json));
  }

  @Test
  void fullSpecParsesWithResolvedPaths() {
    JobSpec spec = parse("""
        {"id":"ambient-042","output":"out/a.mp4",
         "video":{"width":1280,"height":720,"fps":29.97,"crf":20,"preset":"fast"},
         "audio":[{"uri":"audio/p1.mp3"},{"uri":"s3://bucket/p2.wav","fadeOut":3}],
         "duration":"audio","loop":true,
         "slides":[{"image":"img/forest.jpg","seconds":20,"from":{"zoom":1.0,"x":0.5,"y":0.5},
                    "to":{"zoom":1.3,"x":0.62,"y":0.4},"easing":"ease-in-out","fit":"cover"},
                   {"image":"gs://b/lake.png"}]}""");
    assertEquals("ambient-042", spec.id());
    assertEquals("/jobs/out/a.mp4", spec.output());
    assertEquals(new VideoSettings(1280, 720, new FrameRate(30000, 1001), 20, "fast"), spec.video());
    assertEquals(new AudioTrackSpec("/jobs/audio/p1.mp3", 0, 0), spec.audio().get(0));
    assertEquals(new AudioTrackSpec("s3://bucket/p2.wav", 0, 3), spec.audio().get(1));
    assertEquals(DurationMode.AUDIO, spec.durationMode());
    assertTrue(spec.loop());
    SlideSpec first = spec.slides().get(0);
    assertEquals("/jobs/img/forest.jpg", first.image());
    assertEquals(20.0, first.seconds());
    assertEquals(new CameraPoint(1.3, 0.62, 0.4), first.to());
    assertEquals(Easing.EASE_IN_OUT, first.easing());
    SlideSpec second = spec.slides().get(1);
    assertEquals("gs://b/lake.png", second.image());
    assertNull(second.seconds());
    assertEquals(CameraPoint.DEFAULT_FROM, second.from());
    assertEquals(CameraPoint.DEFAULT_TO, second.to());
    assertEquals(Easing.LINEAR, second.easing());
    assertEquals(Fit.COVER, second.fit());
  }

  @Test
  void defaults() {
    JobSpec spec = parse("{\"id\":\"a\",\"output\":\"/o.mp4\",\"slides\":[{\"image\":\"x.jpg\"}]}");
    assertEquals(new VideoSettings(1920, 1080, new FrameRate(30, 1), 23, "veryfast"), spec.video());
    assertEquals(DurationMode.SLIDES, spec.durationMode());
    assertEquals(false, spec.loop());
  }

  @Test
  void fixedDuration() {
    JobSpec spec = parse("{\"id\":\"a\",\"duration\":90.5,\"slides\":[{\"image\":\"x.jpg\"}]}");
    assertEquals(DurationMode.FIXED, spec.durationMode());
    assertEquals(90.5, spec.fixedSeconds());
    assertNull(spec.output());
  }

  @Test
  void audioCrossfadesAndLoudness() {
    JobSpec spec = parse("""
        {"id":"a","audioCrossfade":2.5,"loudness":{"target":-16,"truePeak":-2},
         "audio":[{"uri":"a.mp3"},{"uri":"b.mp3","crossfade":0},{"uri":"c.mp3","crossfade":4}],
         "slides":[{"image":"x.jpg"}]}""");
    assertEquals(new AudioTrackSpec("/jobs/a.mp3", 0, 0, null), spec.audio().get(0));
    assertEquals(0.0, spec.audio().get(1).crossfade());
    assertEquals(2.5, spec.audioCrossfade());
    assertEquals(new LoudnessSpec(-16, -2), spec.loudness());
    // the first track never overlaps; a track's own value overrides the job's, 0 included
    assertEquals(0.0, spec.crossfadeSeconds(0));
    assertEquals(0.0, spec.crossfadeSeconds(1));
    assertEquals(4.0, spec.crossfadeSeconds(2));
    assertEquals("audio[2].crossfade", spec.crossfadeField(2));
    JobSpec inherited = parse("""
        {"id":"a","audioCrossfade":1,"audio":[{"uri":"a.mp3"},{"uri":"b.mp3"}],"slides":[{"image":"x.jpg"}]}""");
    assertEquals(1.0, inherited.crossfadeSeconds(1));
    assertEquals("audioCrossfade", inherited.crossfadeField(1));
    assertNull(inherited.loudness());
  }

  @Test
  void loudnessDefaults() {
    JobSpec spec = parse("{\"id\":\"a\",\"loudness\":{},\"slides\":[{\"image\":\"x.jpg\"}]}");
    assertEquals(new LoudnessSpec(-14, -1), spec.loudness());
    assertEquals(new LoudnessSpec(-14, -3),
        parse("{\"id\":\"a\",\"loudness\":{\"truePeak\":-3},\"slides\":[{\"image\":\"x.jpg\"}]}").loudness());
    JobSpec none = parse("{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}]}");
    assertNull(none.loudness());
    assertEquals(0.0, none.audioCrossfade());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"audio\":[{\"uri\":\"a.mp3\",\"crossfade\":1}]}|audio[0].crossfade|first track has no track before it",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"audio\":[{\"uri\":\"a.mp3\"},{\"uri\":\"b.mp3\",\"crossfade\":-1}]}|audio[1].crossfade|from 0",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"audio\":[{\"uri\":\"a.mp3\"},{\"uri\":\"b.mp3\",\"crossfade\":\"2\"}]}|audio[1].crossfade|must be a number",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"audioCrossfade\":-0.5}|audioCrossfade|from 0",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"loudness\":true}|loudness|JSON object",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"loudness\":{\"lufs\":-14}}|loudness.lufs|unknown field (allowed here: target, truePeak)",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"loudness\":{\"target\":-4}}|loudness.target|from -70 to -5 LUFS",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"loudness\":{\"target\":-71}}|loudness.target|from -70 to -5 LUFS",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"loudness\":{\"truePeak\":0.5}}|loudness.truePeak|from -9 to 0 dBTP",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"loudness\":{\"truePeak\":\"-1\"}}|loudness.truePeak|must be a number",
  })
  void audioMixErrorsNameTheField(String json, String field, String reason) {
    BadInputException e = error(json);
    assertEquals(field, e.subject());
    assertTrue(e.reason().contains(reason), () -> "reason was: " + e.reason());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"loops\":true}|loops|unknown field",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\",\"zoom\":2}]}|slides[0].zoom|unknown field",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\",\"from\":{\"zoom\":0.5}}]}|slides[0].from.zoom|must be from 1 to 20",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\",\"to\":{\"x\":1.5}}]}|slides[0].to.x|must be from 0 to 1",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\",\"seconds\":-2}]}|slides[0].seconds|must be more than 0",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\",\"easing\":\"bounce\"}]}|slides[0].easing|must be linear",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\",\"fit\":\"fill\"}]}|slides[0].fit|must be cover or contain",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"http://evil/x.jpg\"}]}|slides[0].image|'http:' is not allowed",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"x.jpg\"}],\"audio\":[{\"uri\":\"concat:a.mp3,b.mp3\"}]}|audio[0].uri|'concat:' is not allowed",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"data:image/png;base64,AAAA\"}]}|slides[0].image|'data:' is not allowed",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"pipe:0\"}]}|slides[0].image|'pipe:' is not allowed",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"subfile:,,start,0,end,0,,:x.jpg\"}]}|slides[0].image|'subfile:' is not allowed",
      "{\"id\":\"a\",\"slides\":[]}|slides|non-empty",
      "{\"id\":\"a\"}|slides|missing",
      "{\"slides\":[{\"image\":\"x.jpg\"}]}|id|missing",
      "{\"id\":\"a b\",\"slides\":[{\"image\":\"x.jpg\"}]}|id|must match",
      "{\"id\":\"a\",\"duration\":-5,\"slides\":[{\"image\":\"x.jpg\"}]}|duration|must be more than 0",
      "{\"id\":\"a\",\"duration\":\"forever\",\"slides\":[{\"image\":\"x.jpg\"}]}|duration|must be \"audio\"",
      "{\"id\":\"a\",\"duration\":\"audio\",\"slides\":[{\"image\":\"x.jpg\"}]}|duration|has no audio tracks",
      "{\"id\":\"a\",\"video\":{\"width\":1279},\"slides\":[{\"image\":\"x.jpg\"}]}|video.width|must be even",
      "{\"id\":\"a\",\"video\":{\"height\":720.5},\"slides\":[{\"image\":\"x.jpg\"}]}|video.height|whole number",
      "{\"id\":\"a\",\"video\":{\"fps\":29.5},\"slides\":[{\"image\":\"x.jpg\"}]}|video.fps|whole number",
      "{\"id\":\"a\",\"video\":{\"crf\":60},\"slides\":[{\"image\":\"x.jpg\"}]}|video.crf|from 0 to 51",
      "{\"id\":\"a\",\"video\":{\"preset\":\"turbo\"},\"slides\":[{\"image\":\"x.jpg\"}]}|video.preset|must be one of",
      "{\"id\":\"a\",\"loop\":\"yes\",\"slides\":[{\"image\":\"x.jpg\"}]}|loop|true or false",
      "{\"id\":\"a\",\"audio\":[{\"uri\":\"a.mp3\",\"fadeIn\":-1}],\"slides\":[{\"image\":\"x.jpg\"}]}|audio[0].fadeIn|from 0",
      "{\"id\":\"a\",\"slides\":[{\"image\":\"\"}]}|slides[0].image|non-empty",
      "[1,2]|spec|JSON object",
      "{\"id\":\"a\",|spec|not valid JSON",
      "{\"id\":\"a\",\"id\":\"b\",\"slides\":[{\"image\":\"x.jpg\"}]}|spec|Duplicate field",
  })
  void errorsNameTheFieldAndReason(String json, String field, String reason) {
    BadInputException e = error(json);
    assertEquals(field, e.subject());
    assertTrue(e.reason().contains(reason), () -> "reason was: " + e.reason());
  }

  @Test
  void peekIdFindsAValidIdEvenInAnInvalidSpec() {
    assertEquals("job-1", JobSpecParser.peekId("{\"id\":\"job-1\",\"slides\":3}"));
    assertNull(JobSpecParser.peekId("{\"id\":\"bad id\"}"));
    assertNull(JobSpecParser.peekId("not json"));
  }
}
