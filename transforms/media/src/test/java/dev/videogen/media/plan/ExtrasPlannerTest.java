package dev.videogen.media.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.audio.AudioTrackInfo;
import dev.videogen.media.captions.Cue;
import dev.videogen.media.chapters.Chapter;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.overlay.TextLayer;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.JobSpecParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chapters, captions and the thumbnail frame as planned, in exact milliseconds and frames. */
class ExtrasPlannerTest {
  private static final Map<String, ImageInfo> IMAGES = Map.of(
      "/j/a.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1),
      "/j/b.png", new ImageInfo(ImageFormat.PNG, 640, 360, 1),
      "/j/c.png", new ImageInfo(ImageFormat.PNG, 640, 360, 1));
  /** 20 s, 15 s and 12.5 s at 48 kHz, the second one tagged. */
  private static final List<AudioTrackInfo> TRACKS = List.of(
      new AudioTrackInfo(48_000, 2, 960_000),
      new AudioTrackInfo(48_000, 2, 720_000).withTags(Map.of("TITLE", "Rain", "Artist", "Ann")),
      new AudioTrackInfo(44_100, 2, 551_250));

  private static JobSpec spec(String json) {
    return JobSpecParser.parse(json, "/j");
  }

  private static JobPlan plan(String json) {
    return JobPlanner.plan(spec(json), IMAGES, Map.of(), TRACKS, List.of(), "");
  }

  private static final String AUDIO = """
      "audio":[{"uri":"music/01 Dawn.mp3"},{"uri":"b.flac","crossfade":2.5},{"uri":"c.wav","title":"Finale"}]""";

  @Test
  void audioChaptersStartWhereEachTrackStartsCrossfadesIncluded() {
    JobPlan plan = plan("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":25},%s,
         "chapters":"audio","slides":[{"image":"a.jpg"}]}""".formatted(AUDIO));
    // Track 2 overlaps track 1 by 2.5 s: it starts at 17.5 s; track 3 right after track 2's 15 s.
    assertEquals(List.of(new Chapter(0, "01 Dawn"), new Chapter(17_500, "Ann - Rain"), new Chapter(32_500, "Finale")),
        plan.extras().chapters());
    assertEquals(List.of(), plan.extras().warnings());
    assertEquals(-1, plan.extras().thumbnailFrame());
  }

  @Test
  void derivedChaptersYouTubeWouldRefuseAreKeptWithAWarning() {
    JobPlan plan = plan("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":25},%s,"duration":25,
         "chapters":"audio","slides":[{"image":"a.jpg"}]}""".formatted(AUDIO));
    // The video ends at 25 s: the third track never plays, and two chapters are too few for YouTube.
    assertEquals(List.of(new Chapter(0, "01 Dawn"), new Chapter(17_500, "Ann - Rain")), plan.extras().chapters());
    assertEquals(List.of("chapters from the audio tracks: has 2 chapters: YouTube needs at least 3; YouTube will "
        + "ignore the description timestamps (the MP4 chapters are written)"), plan.extras().warnings());
  }

  @Test
  void slideChaptersFollowTitledSlidesAndMergeRepeats() {
    JobPlan plan = plan("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},"duration":70,"loop":true,
         "slides":[{"image":"a.jpg","seconds":15,"title":"Forest"},{"image":"b.png","seconds":10},
                   {"image":"c.png","seconds":10,"title":"Lake"}],
         "transition":{"type":"crossfade","seconds":1},"chapters":"slides"}""");
    // A cycle is 35 s: Forest at 0 and 35, Lake at 25 and 60; b.png has no title, so no chapter.
    assertEquals(List.of(new Chapter(0, "Forest"), new Chapter(25_000, "Lake"), new Chapter(35_000, "Forest"),
        new Chapter(60_000, "Lake")), plan.extras().chapters());
    assertEquals(List.of(), plan.extras().warnings());
  }

  @Test
  void withoutTitlesEverySlideIsAChapterNamedByItsImage() {
    JobPlan plan = plan("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":24000/1001},"duration":30,
         "slides":[{"image":"a.jpg"},{"image":"b.png"},{"image":"c.png"}],"chapters":"slides"}""".replace("24000/1001", "23.976"));
    // 30 s at 24000/1001 fps = 719 frames; slides at frames 0, 240, 480 (10.010 s, 20.020 s).
    assertEquals(List.of(new Chapter(0, "a"), new Chapter(10_010, "b"), new Chapter(20_020, "c")),
        plan.extras().chapters());
  }

  @Test
  void anExplicitListIsKeptAsGiven() {
    JobPlan plan = plan("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},"duration":40,
         "slides":[{"image":"a.jpg"}],
         "chapters":[{"at":0,"title":"Intro"},{"at":"0:12.25","title":"Verse"},{"at":25.5,"title":"Outro"}]}""");
    assertEquals(List.of(new Chapter(0, "Intro"), new Chapter(12_250, "Verse"), new Chapter(25_500, "Outro")),
        plan.extras().chapters());
  }

  @Test
  void anExplicitListBreakingAYouTubeRuleIsAnErrorNamingTheEntry() {
    String base = """
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},"duration":40,
         "slides":[{"image":"a.jpg"}],"chapters":%s}""";
    assertError("chapters", "has 2 chapters: YouTube needs at least 3",
        base.formatted("[{\"at\":0,\"title\":\"a\"},{\"at\":20,\"title\":\"b\"}]"));
    assertError("chapters[0].at", "starts at 0:05: YouTube needs the first chapter at 0:00",
        base.formatted("[{\"at\":5,\"title\":\"a\"},{\"at\":20,\"title\":\"b\"},{\"at\":30,\"title\":\"c\"}]"));
    assertError("chapters[2].at", "starts at 0:15, not after the chapter before it (0:20): chapters must be in ascending order",
        base.formatted("[{\"at\":0,\"title\":\"a\"},{\"at\":20,\"title\":\"b\"},{\"at\":15,\"title\":\"c\"}]"));
    assertError("chapters[1]", "lasts 5 s (0:10 to 0:15): YouTube needs each chapter to last at least 10 s",
        base.formatted("[{\"at\":0,\"title\":\"a\"},{\"at\":10,\"title\":\"b\"},{\"at\":\"0:15\",\"title\":\"c\"}]"));
    assertError("chapters[2]", "lasts 5 s (0:35 to the end of the video at 0:40): YouTube needs each chapter to last at least 10 s",
        base.formatted("[{\"at\":0,\"title\":\"a\"},{\"at\":20,\"title\":\"b\"},{\"at\":35,\"title\":\"c\"}]"));
    assertError("chapters[2].at", "starts at 0:45, not before the end of the video (0:40)",
        base.formatted("[{\"at\":0,\"title\":\"a\"},{\"at\":20,\"title\":\"b\"},{\"at\":45,\"title\":\"c\"}]"));
  }

  private static void assertError(String subject, String reason, String json) {
    BadInputException e = assertThrows(BadInputException.class, () -> plan(json));
    assertEquals(subject, e.subject());
    assertEquals(reason, e.reason());
  }

  @Test
  void captionsAreCutAtTheEndOfTheVideo() {
    JobSpec spec = spec("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},"duration":2,
         "slides":[{"image":"a.jpg"}],"captions":{"uri":"en.srt","language":"en"}}""");
    List<Cue> cues = List.of(new Cue(500, 1_500, "a"), new Cue(1_800, 2_500, "b"), new Cue(2_000, 3_000, "c"));
    JobPlan plan = JobPlanner.plan(spec, IMAGES, Map.of(), List.of(), cues, "");
    assertEquals(List.of(new Cue(500, 1_500, "a"), new Cue(1_800, 2_000, "b")), plan.extras().captions());
    assertEquals("eng", spec.captions().language());
    assertEquals("/j/en.srt", spec.captions().uri());
  }

  @Test
  void theDefaultThumbnailIsAThirdIntoTheFirstSlideButNotInsideTheFadeIn() {
    String json = """
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},"duration":20,%s
         "slides":[{"image":"a.jpg","seconds":6},{"image":"b.png"}],"thumbnail":{%s}}""";
    assertEquals(60, plan(json.formatted("", "")).extras().thumbnailFrame()); // 180 frames / 3
    assertEquals(90, plan(json.formatted("\"fadeIn\":3,", "")).extras().thumbnailFrame()); // first full frame
    assertEquals(377, plan(json.formatted("", "\"at\":12.58")).extras().thumbnailFrame()); // ⌊12.58 × 30⌋
    assertEquals(599, plan(json.formatted("", "\"at\":\"0:19.999\"")).extras().thumbnailFrame());
    assertError("thumbnail.at", "is 0:20 (20000 ms), at or after the end of the video (20000 ms)",
        json.formatted("", "\"at\":20"));
  }

  @Test
  void aJobWithoutTheNewFieldsPlansNoExtras() {
    JobPlan plan = plan("""
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},"duration":5,"slides":[{"image":"a.jpg"}]}""");
    assertSame(PlannedExtras.NONE, plan.extras());
  }

  @Test
  void chunksKeepTheirContentKeysWhateverTheExtras() {
    String json = """
        {"id":"a","output":"o.mp4","video":{"width":64,"height":36,"fps":30},"duration":40,
         "slides":[{"image":"a.jpg","seconds":20%s},{"image":"b.png"}]%s}""";
    JobPlan plain = plan(json.formatted("", ""));
    JobPlan extras = JobPlanner.plan(spec(json.formatted(",\"title\":\"A\"",
        ",\"chapters\":[{\"at\":0,\"title\":\"x\"},{\"at\":10,\"title\":\"y\"},{\"at\":20,\"title\":\"z\"}],"
            + "\"captions\":{\"uri\":\"en.srt\"},\"thumbnail\":{\"format\":\"png\"}")),
        IMAGES, Map.of(), TRACKS, List.of(new Cue(0, 1_000, "hi")), "");
    VideoEncoderSettings encoder = new VideoEncoderSettings(64, 36, new FrameRate(30, 1), 23, "veryfast", 1, 150);
    List<String> keys = ChunkPlanner.split(plain, encoder, 300).stream().map(ChunkTask::contentKey).toList();
    assertEquals(4, keys.size());
    assertEquals(keys, ChunkPlanner.split(extras, encoder, 300).stream().map(ChunkTask::contentKey).toList());
    assertNotEquals(plain.specHash(), extras.specHash());
  }

  @Test
  void burntInCaptionsAreOverlaysThatKeyOnlyTheChunksTheyShowIn() {
    String json = "{\"id\":\"a\",\"output\":\"o.mp4\",\"video\":{\"width\":64,\"height\":36,\"fps\":30},\"duration\":40,"
        + "\"slides\":[{\"image\":\"a.jpg\",\"seconds\":20},{\"image\":\"b.png\"}],\"captions\":{\"uri\":\"en.srt\"%s}}";
    List<Cue> cues = List.of(new Cue(500, 1_500, "hello"), new Cue(25_000, 26_000, "bye"), new Cue(39_500, 41_000, "end"));
    JobPlan soft = JobPlanner.plan(spec(json.formatted("")), IMAGES, Map.of(), List.of(), cues, "");
    JobPlan burnt = JobPlanner.plan(spec(json.formatted(",\"burnIn\":true")), IMAGES, Map.of(), List.of(), cues, "");

    assertEquals(List.of(), soft.composition().overlays().shows());
    // Frames [round(ms * 30 / 1000), …), the last cue cut at the video's 1200 frames.
    assertEquals(List.of("hello 15-45", "bye 750-780", "end 1185-1200"), burnt.composition().overlays().shows()
        .stream().map(show -> ((TextLayer) show.layer()).text() + " " + show.startFrame() + "-" + show.endFrame())
        .toList());
    assertEquals(soft.extras(), burnt.extras(), "the soft track and the side files are the same either way");

    VideoEncoderSettings encoder = new VideoEncoderSettings(64, 36, new FrameRate(30, 1), 23, "veryfast", 1, 150);
    List<String> softKeys = ChunkPlanner.split(soft, encoder, 300).stream().map(ChunkTask::contentKey).toList();
    List<String> burntKeys = ChunkPlanner.split(burnt, encoder, 300).stream().map(ChunkTask::contentKey).toList();
    assertEquals(4, softKeys.size());
    assertNotEquals(softKeys.get(0), burntKeys.get(0), "frames 0-299 show \"hello\"");
    assertEquals(softKeys.get(1), burntKeys.get(1), "frames 300-599 show no caption");
    assertNotEquals(softKeys.get(2), burntKeys.get(2), "frames 600-899 show \"bye\"");
    assertNotEquals(softKeys.get(3), burntKeys.get(3), "frames 900-1199 show \"end\"");
  }
}
