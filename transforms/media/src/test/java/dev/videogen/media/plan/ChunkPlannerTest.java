package dev.videogen.media.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.spec.JobSpecParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Slide-aligned chunk boundaries and content keys: equal content, equal key; anything else, another key. */
class ChunkPlannerTest {
  private static final Map<String, ImageInfo> IMAGES = Map.of(
      "/j/a.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1),
      "/j/b.png", new ImageInfo(ImageFormat.PNG, 360, 640, 1),
      "/j/c.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1),
      "/j/copy-of-a.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1));
  private static final Map<String, String> DIGESTS =
      Map.of("/j/a.jpg", "aa", "/j/b.png", "bb", "/j/c.jpg", "cc", "/j/copy-of-a.jpg", "aa");
  private static final VideoEncoderSettings ENCODER =
      new VideoEncoderSettings(64, 36, new FrameRate(10, 1), 23, "veryfast", 1, 50);

  private static JobPlan plan(String json) {
    return JobPlanner.plan(JobSpecParser.parse(json, "/j"), IMAGES, DIGESTS, List.of(), "");
  }

  private static List<ChunkTask> split(String json, long chunkFrames) {
    return ChunkPlanner.split(plan(json), ENCODER, chunkFrames);
  }

  private static String job(String id, String extra) {
    return "{\"id\":\"" + id + "\",\"output\":\"o.mp4\",\"video\":{\"width\":64,\"height\":36,\"fps\":10}," + extra + "}";
  }

  private static List<Long> starts(List<ChunkTask> chunks) {
    return chunks.stream().map(ChunkTask::firstFrame).toList();
  }

  private static List<String> keys(List<ChunkTask> chunks) {
    return chunks.stream().map(ChunkTask::contentKey).toList();
  }

  @Test
  void boundariesFallOnSlidesLongSlidesSplitEvenlyShortOnesGroup() {
    // slides of 2, 2, 9, 3 s at 10 fps: [0,20) [20,40) [40,130) [130,160)
    List<ChunkTask> chunks = split(job("a", "\"duration\":\"slides\",\"slides\":[{\"image\":\"a.jpg\",\"seconds\":2},"
        + "{\"image\":\"b.png\",\"seconds\":2},{\"image\":\"c.jpg\",\"seconds\":9},{\"image\":\"a.jpg\",\"seconds\":3}]"), 40);
    // the two short slides share a chunk; 90 frames > 40 become 3 pieces of 30; the last slide stands alone
    assertEquals(List.of(0L, 40L, 70L, 100L, 130L), starts(chunks));
    assertEquals(160, chunks.get(chunks.size() - 1).endFrame());
    assertEquals(2, chunks.get(0).segments().size());
    // equal-length pieces of one slide still differ: each shows another part of the camera path
    assertEquals(5, Set.copyOf(keys(chunks)).size());
  }

  @Test
  void everyLoopCycleGivesTheSameKeysAndTheCutLastSlideAnother() {
    // a 6.5 s cycle (3 + 2 + 1.5 s) over 30 s: cycles start at 0, 65, 130, 195, 260; the last is cut at 300
    List<ChunkTask> chunks = split(job("loop", "\"duration\":30,\"loop\":true,\"slides\":[{\"image\":\"a.jpg\",\"seconds\":3},"
        + "{\"image\":\"b.png\",\"seconds\":2},{\"image\":\"c.jpg\",\"seconds\":1.5,\"fit\":\"contain\"}]"), 40);
    // per cycle: [a] then [b + c] (20 + 15 ≤ 40); a chunk never spans a cycle start
    assertEquals(List.of(0L, 30L, 65L, 95L, 130L, 160L, 195L, 225L, 260L, 290L), starts(chunks));
    List<String> keys = keys(chunks);
    for (int cycle = 1; cycle < 4; cycle++) {
      assertEquals(keys.subList(0, 2), keys.subList(2 * cycle, 2 * cycle + 2), "cycle " + cycle);
    }
    assertEquals(keys.get(0), keys.get(8), "the last cycle's first slide is whole");
    assertNotEquals(keys.get(1), keys.get(9), "the cut slide is another chunk");
    assertEquals(3, Set.copyOf(keys).size());
  }

  @Test
  void keysFollowContentNotPositionJobOrName() {
    String a = job("one", "\"duration\":4,\"slides\":[{\"image\":\"a.jpg\",\"seconds\":4}]");
    String key = keys(split(a, 100)).get(0);
    assertEquals(key, keys(split(a.replace("\"one\"", "\"two\""), 100)).get(0), "another job");
    assertEquals(key, keys(split(a.replace("a.jpg", "copy-of-a.jpg"), 100)).get(0), "same bytes, other name");
    // the same slide later in another job
    List<ChunkTask> later = split(job("three", "\"duration\":\"slides\",\"slides\":[{\"image\":\"b.png\",\"seconds\":4},"
        + "{\"image\":\"a.jpg\",\"seconds\":4}]"), 40);
    assertEquals(key, later.get(1).contentKey());
    assertEquals(40, later.get(1).firstFrame());

    assertNotEquals(key, keys(split(a.replace("a.jpg", "c.jpg"), 100)).get(0), "other picture");
    assertNotEquals(key, keys(split(a.replace("\"seconds\":4", "\"seconds\":4,\"to\":{\"zoom\":1.3}"), 100)).get(0),
        "other camera path");
    assertNotEquals(key, keys(split(a.replace("\"seconds\":4", "\"seconds\":4,\"easing\":\"ease-in\""), 100)).get(0),
        "other easing");
    JobPlan plan = plan(a);
    VideoEncoderSettings slower = new VideoEncoderSettings(64, 36, new FrameRate(10, 1), 23, "slow", 1, 50);
    VideoEncoderSettings twoThreads = new VideoEncoderSettings(64, 36, new FrameRate(10, 1), 23, "veryfast", 2, 50);
    assertNotEquals(key, ChunkPlanner.split(plan, slower, 100).get(0).contentKey(), "other preset");
    assertNotEquals(key, ChunkPlanner.split(plan, twoThreads, 100).get(0).contentKey(), "other thread count");
  }

  @Test
  void aChunkLengthBelowOneFrameIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> split(job("a", "\"duration\":1,\"slides\":[{\"image\":\"a.jpg\"}]"), 0));
  }

  private static final String LOOP_WITH_TRANSITIONS = "\"duration\":30,\"loop\":true,"
      + "\"transition\":{\"type\":\"crossfade\",\"seconds\":0.4},\"slides\":[{\"image\":\"a.jpg\",\"seconds\":3,"
      + "\"transition\":{\"type\":\"fade-through-black\",\"seconds\":1}},{\"image\":\"b.png\",\"seconds\":2},"
      + "{\"image\":\"c.jpg\",\"seconds\":1.5,\"fit\":\"contain\"}]";

  @Test
  void aLoopedJobWithTransitionsStillSharesKeysBetweenCycles() {
    // as above, with a crossfade into b and c and a fade through black at every wrap into a
    List<ChunkTask> chunks = split(job("loop", LOOP_WITH_TRANSITIONS), 40);
    assertEquals(List.of(0L, 30L, 65L, 95L, 130L, 160L, 195L, 225L, 260L, 290L), starts(chunks));
    List<String> keys = keys(chunks);
    // cycles 1–3 are alike; cycle 0's a has no incoming transition at frame 0, so its camera runs over 5
    // frames fewer, and that shows in its chunk and in the window into b, which the b + c chunk holds
    for (int cycle = 2; cycle < 4; cycle++) {
      assertEquals(keys.subList(2, 4), keys.subList(2 * cycle, 2 * cycle + 2), "cycle " + cycle);
    }
    assertNotEquals(keys.get(0), keys.get(2));
    assertNotEquals(keys.get(1), keys.get(3));
    assertEquals(List.of(2, 0, 1), chunks.get(2).segments().stream().map(SlideSegment::slideIndex).toList());
    assertEquals(37, chunks.get(2).segments().get(1).cameraFrames()); // 5 + 30 + 2
    assertEquals(32, chunks.get(0).segments().get(0).cameraFrames()); // 30 + 2
    // the last a crossfades into the cut b, whose camera runs over fewer frames: another chunk, like the cut b
    assertNotEquals(keys.get(2), keys.get(8));
    assertEquals(6, Set.copyOf(keys).size());
    // a chunk carries the neighbours its windows blend and just their windows
    ChunkTask bc = chunks.get(3);
    assertEquals(List.of(0, 1, 2, 0), bc.segments().stream().map(SlideSegment::slideIndex).toList());
    assertEquals(List.of(93L, 113L, 125L), bc.composition().transitions().stream()
        .map(TransitionWindow::startFrame).toList());
    // the same job without transitions renders other bytes: no key is shared
    List<String> plain = keys(split(job("loop", "\"duration\":30,\"loop\":true,\"slides\":[{\"image\":\"a.jpg\","
        + "\"seconds\":3},{\"image\":\"b.png\",\"seconds\":2},{\"image\":\"c.jpg\",\"seconds\":1.5,"
        + "\"fit\":\"contain\"}]"), 40));
    assertEquals(Set.of(), intersection(keys, plain));
  }

  @Test
  void transitionTypeLengthAndFadesAreKeyMaterial() {
    List<String> keys = keys(split(job("loop", LOOP_WITH_TRANSITIONS), 40));
    List<String> otherType = keys(split(job("loop", LOOP_WITH_TRANSITIONS.replace("crossfade", "fade-through-black")), 40));
    List<String> longer = keys(split(job("loop", LOOP_WITH_TRANSITIONS.replace("0.4", "0.6")), 40));
    List<String> fadeOut = keys(split(job("loop", LOOP_WITH_TRANSITIONS.replace("\"loop\":true,",
        "\"loop\":true,\"fadeOut\":2,")), 40));
    List<String> fadeIn = keys(split(job("loop", LOOP_WITH_TRANSITIONS.replace("\"loop\":true,",
        "\"loop\":true,\"fadeIn\":1,")), 40));
    // the crossfades sit in every b + c chunk (into b, into c) and at the edge of every a chunk
    for (int k = 0; k < 10; k++) {
      assertNotEquals(keys.get(k), otherType.get(k), "type, chunk " + k);
      assertNotEquals(keys.get(k), longer.get(k), "length, chunk " + k);
    }
    // a fade changes just the chunks it reaches: fade-out 20 frames = [280, 300), fade-in 10 = [0, 10)
    assertEquals(keys.subList(0, 8), fadeOut.subList(0, 8));
    assertNotEquals(keys.get(8), fadeOut.get(8));
    assertNotEquals(keys.get(9), fadeOut.get(9));
    assertNotEquals(keys.get(0), fadeIn.get(0));
    assertEquals(keys.subList(1, 10), fadeIn.subList(1, 10));
  }

  private static Set<String> intersection(List<String> a, List<String> b) {
    java.util.Set<String> both = new java.util.HashSet<>(a);
    both.retainAll(Set.copyOf(b));
    return both;
  }
}
