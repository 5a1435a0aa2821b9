package dev.videogen.media.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;

import dev.videogen.media.FrameRate;
import dev.videogen.media.audio.AudioTrackInfo;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.JobSpecParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPlannerTest {
  private static final Map<String, ImageInfo> IMAGES = Map.of(
      "/j/a.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1),
      "/j/b.png", new ImageInfo(ImageFormat.PNG, 360, 640, 6));

  private static JobSpec spec(String json) {
    return JobSpecParser.parse(json, "/j");
  }

  @Test
  void audioDurationIsSampleExact() {
    JobSpec spec = spec("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},
         "audio":[{"uri":"t1.wav"},{"uri":"t2.mp3"}],
         "slides":[{"image":"a.jpg"},{"image":"b.png"}]}""");
    // 1.5 s at 44.1 kHz + 0.51 s at 48 kHz = 2.01 s → 60.3 frames → 60.
    JobPlan plan = JobPlanner.plan(spec, IMAGES,
        List.of(new AudioTrackInfo(44100, 2, 66150), new AudioTrackInfo(48000, 1, 24480)), "");
    assertEquals(60, plan.frames());
    assertEquals(96000, plan.audioSamples()); // the audio is made exactly as long as the 60 frames
    assertEquals(List.of(0L, 30L), plan.segments().stream().map(SlideSegment::startFrame).toList());
    assertEquals(List.of(30L, 60L), plan.segments().stream().map(SlideSegment::endFrame).toList());
    assertEquals(360, plan.segments().get(1).imageWidth());
  }

  /**
   * A v1 job (no crossfade, no loudness) keeps the hash it had before those fields existed, so --resume
   * still recognises its outputs. The value was computed on main before the audio extensions.
   */
  @Test
  void v1JobKeepsItsSpecHash() {
    JobSpec spec = spec("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},
         "audio":[{"uri":"t1.wav","fadeIn":1.5},{"uri":"t2.mp3","fadeOut":3}],"loop":true,
         "slides":[{"image":"a.jpg","seconds":4},{"image":"b.png","fit":"contain"}]}""");
    assertEquals("0f5e41cf00d3528ae8f5b2f467e859a0245aaea5f66636b97563035e57bee1f1", JobPlanner.specHash(spec, "threads=1"));
  }

  @Test
  void crossfadesShortenTheAudioSampleExactly() {
    JobSpec spec = spec("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},"audioCrossfade":0.25,
         "audio":[{"uri":"t1.wav"},{"uri":"t2.mp3"},{"uri":"t3.wav","crossfade":0.1}],
         "slides":[{"image":"a.jpg"}]}""");
    // 1.5 s at 44.1 kHz + 0.51 s + 1 s at 48 kHz - 0.25 s - 0.1 s = 2.66 s → 79.8 frames → 80.
    JobPlan plan = JobPlanner.plan(spec, IMAGES, List.of(new AudioTrackInfo(44100, 2, 66150),
        new AudioTrackInfo(48000, 1, 24480), new AudioTrackInfo(48000, 2, 48000)), "");
    assertEquals(80, plan.frames());
    assertEquals(List.of(0L, 12_000L, 4800L), plan.audio().stream().map(PlannedAudio::crossfadeSamples).toList());
    assertEquals(List.of(1.0, 1.0, 1.0), plan.audio().stream().map(PlannedAudio::gain).toList());
    // The same job without crossfades: 3.01 s → 90 frames; the hash tells the two apart.
    JobSpec plain = spec("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},
         "audio":[{"uri":"t1.wav"},{"uri":"t2.mp3"},{"uri":"t3.wav"}],"slides":[{"image":"a.jpg"}]}""");
    JobPlan plainPlan = JobPlanner.plan(plain, IMAGES, List.of(new AudioTrackInfo(44100, 2, 66150),
        new AudioTrackInfo(48000, 1, 24480), new AudioTrackInfo(48000, 2, 48000)), "");
    assertEquals(90, plainPlan.frames());
    assertNotEquals(plan.specHash(), plainPlan.specHash());
  }

  @Test
  void crossfadeNotShorterThanATrackFailsNamingFieldAndFile() {
    List<AudioTrackInfo> tracks = List.of(new AudioTrackInfo(48000, 2, 48000), new AudioTrackInfo(48000, 2, 24000),
        new AudioTrackInfo(48000, 2, 96000));
    BadInputException own = assertThrows(BadInputException.class, () -> JobPlanner.plan(spec("""
        {"id":"a","output":"o.mp4","audio":[{"uri":"t1.wav"},{"uri":"t2.wav"},{"uri":"t3.wav","crossfade":0.5}],
         "slides":[{"image":"a.jpg"}]}"""), IMAGES, tracks, ""));
    assertEquals("audio[2].crossfade", own.subject());
    assertEquals("the overlap of 0.500 s is not shorter than /j/t2.wav (audio[1], 0.500 s decoded)", own.reason());

    BadInputException inherited = assertThrows(BadInputException.class, () -> JobPlanner.plan(spec("""
        {"id":"a","output":"o.mp4","audioCrossfade":0.3,"audio":[{"uri":"t1.wav"},{"uri":"t2.wav"},{"uri":"t3.wav"}],
         "slides":[{"image":"a.jpg"}]}"""), IMAGES, tracks, ""));
    assertEquals("audioCrossfade", inherited.subject());
    assertTrue(inherited.reason().startsWith("at the seam before audio[2]: /j/t2.wav (audio[1], 0.500 s decoded) is "
        + "shorter than its two crossfades together (0.300 s + 0.300 s)"), inherited.reason());
  }

  @Test
  void loudnessGainIsTargetMinusMeasuredPlusMakeup() {
    JobSpec spec = spec("""
        {"id":"a","output":"o.mp4","loudness":{"target":-16},"audio":[{"uri":"t1.wav"},{"uri":"t2.wav"},{"uri":"t3.wav"}],
         "slides":[{"image":"a.jpg"}]}""");
    JobPlan plan = JobPlanner.plan(spec, IMAGES, List.of(new AudioTrackInfo(48000, 2, 4800, -10, 0),
        new AudioTrackInfo(48000, 2, 4800, -30, 1.5), new AudioTrackInfo(48000, 2, 4800, Double.NEGATIVE_INFINITY, 0)),
        "");
    assertEquals(Math.pow(10, -6 / 20.0), plan.audio().get(0).gain(), 1e-12);
    assertEquals(Math.pow(10, 15.5 / 20.0), plan.audio().get(1).gain(), 1e-12);
    assertEquals(1.0, plan.audio().get(2).gain()); // silent: left as is
    assertThrows(IllegalArgumentException.class, () -> JobPlanner.plan(spec, IMAGES,
        List.of(new AudioTrackInfo(48000, 2, 4800), new AudioTrackInfo(48000, 2, 4800), new AudioTrackInfo(48000, 2, 4800)), ""));
  }

  @Test
  void ntscAudioSamples() {
    assertEquals(1602, JobPlanner.audioSamples(1, new FrameRate(30000, 1001))); // 1601.6 → 1602
  }

  @Test
  void specHashIgnoresTheOutputButNotTheContentOrSettings() {
    String json = "{\"id\":\"a\",\"output\":\"o.mp4\",\"duration\":2,\"slides\":[{\"image\":\"a.jpg\"}]}";
    JobSpec spec = spec(json);
    String hash = JobPlanner.specHash(spec, "t=1");
    assertEquals(hash, JobPlanner.specHash(spec.withOutput("/elsewhere.mp4"), "t=1"));
    assertNotEquals(hash, JobPlanner.specHash(spec, "t=2"));
    assertNotEquals(hash, JobPlanner.specHash(spec(json.replace("\"duration\":2", "\"duration\":3")), "t=1"));
  }

  @Test
  void chunksAreContiguousAndCarryTheirSegments() {
    JobSpec spec = spec("{\"id\":\"a\",\"output\":\"o.mp4\",\"duration\":2,\"video\":{\"width\":64,\"height\":36},"
        + "\"slides\":[{\"image\":\"a.jpg\",\"seconds\":0.5},{\"image\":\"b.png\"}]}");
    JobPlan plan = JobPlanner.plan(spec, IMAGES, List.of(), "");
    VideoEncoderSettings encoder = new VideoEncoderSettings(64, 36, new FrameRate(30, 1), 23, "veryfast", 1, 150);
    List<ChunkTask> chunks = ChunkPlanner.split(plan, encoder, 25);
    // slide 0 is frames [0,15), slide 1 [15,60): chunks end on the slide boundary, the long slide is halved
    assertEquals(List.of(0L, 15L, 37L), chunks.stream().map(ChunkTask::firstFrame).toList());
    assertEquals(List.of(15L, 37L, 60L), chunks.stream().map(ChunkTask::endFrame).toList());
    assertEquals(List.of(0, 1, 2), chunks.stream().map(ChunkTask::index).toList());
    assertEquals(List.of(0, 1, 1), chunks.stream().map(c -> c.segments().get(0).slideIndex()).toList());
    assertEquals(1, chunks.get(1).segments().size());
  }
}
