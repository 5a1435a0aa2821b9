package dev.videogen.media.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.media.spec.TransitionType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transition windows, visible ranges and fade/blend gains on exact frame grids (10 fps). */
class TransitionTimelineTest {
  private static final Map<String, ImageInfo> IMAGES = Map.of(
      "/j/a.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1),
      "/j/b.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1),
      "/j/c.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1));
  private static final int ONE = FrameMix.ONE;

  private static JobPlan plan(String fields, String slides) {
    return JobPlanner.plan(JobSpecParser.parse("{\"id\":\"t\",\"output\":\"o.mp4\",\"video\":{\"width\":64,"
        + "\"height\":36,\"fps\":10}," + fields + ",\"slides\":[" + slides + "]}", "/j"), IMAGES, List.of(), "");
  }

  private static List<long[]> cameras(JobPlan plan) {
    return plan.segments().stream().map(s -> new long[] {s.cameraStart(), s.cameraEnd()}).toList();
  }

  private static void assertRanges(List<long[]> expected, List<long[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i)[0], actual.get(i)[0], "start of " + i);
      assertEquals(expected.get(i)[1], actual.get(i)[1], "end of " + i);
    }
  }

  @Test
  void windowsAreCentredOnV1SlideBoundariesAndSlidesOverrideTheJob() {
    // slides [0,20) [20,40) [40,60); job crossfade 0.5 s = 5 frames; slide 2: fade through black, 4 frames
    JobPlan plan = plan("\"duration\":\"slides\",\"transition\":{\"type\":\"crossfade\",\"seconds\":0.5}",
        "{\"image\":\"a.jpg\",\"seconds\":2},{\"image\":\"b.jpg\",\"seconds\":2},"
            + "{\"image\":\"c.jpg\",\"seconds\":2,\"transition\":{\"type\":\"fade-through-black\",\"seconds\":0.4}}");
    assertEquals(List.of(0L, 20L, 40L), plan.segments().stream().map(SlideSegment::startFrame).toList());
    assertEquals(List.of(new TransitionWindow(TransitionType.CROSSFADE, 18, 5),
        new TransitionWindow(TransitionType.FADE_THROUGH_BLACK, 38, 4)), plan.composition().transitions());
    // each camera runs from the start of its incoming window to the end of its outgoing one
    assertRanges(List.of(new long[] {0, 23}, new long[] {18, 42}, new long[] {38, 60}), cameras(plan));
    assertSame(VideoFades.NONE, plan.composition().fades());
  }

  @Test
  void lengthsRoundHalfUpAndAreClampedToHalfOfEachSlide() {
    // 0.25 s = 2.5 frames → 3
    assertEquals(3, plan("\"duration\":\"slides\",\"transition\":{\"type\":\"crossfade\",\"seconds\":0.25}",
        "{\"image\":\"a.jpg\",\"seconds\":2},{\"image\":\"b.jpg\",\"seconds\":2}")
        .composition().transitions().get(0).frames());
    // 7 and 3 frames, 2 s asked: at most ⌊7/2⌋ = 3 before and ⌊3/2⌋ = 1 from the boundary on → n = 2
    JobPlan shortNext = plan("\"duration\":\"slides\",\"transition\":{\"type\":\"crossfade\",\"seconds\":2}",
        "{\"image\":\"a.jpg\",\"seconds\":0.7},{\"image\":\"b.jpg\",\"seconds\":0.3}");
    assertEquals(List.of(new TransitionWindow(TransitionType.CROSSFADE, 6, 2)), shortNext.composition().transitions());
    assertRanges(List.of(new long[] {0, 8}, new long[] {6, 10}), cameras(shortNext));
    // 3 and 10 frames: at most 1 before, 5 after → n = 3, window [2, 5)
    JobPlan shortFirst = plan("\"duration\":\"slides\",\"transition\":{\"type\":\"crossfade\",\"seconds\":2}",
        "{\"image\":\"a.jpg\",\"seconds\":0.3},{\"image\":\"b.jpg\",\"seconds\":1}");
    assertEquals(List.of(new TransitionWindow(TransitionType.CROSSFADE, 2, 3)), shortFirst.composition().transitions());
    // three slides of 4 frames with the longest windows: 2 + 2 frames of the middle slide, never overlapping
    JobPlan tight = plan("\"duration\":\"slides\",\"transition\":{\"type\":\"crossfade\",\"seconds\":5}",
        "{\"image\":\"a.jpg\",\"seconds\":0.4},{\"image\":\"b.jpg\",\"seconds\":0.4},{\"image\":\"c.jpg\",\"seconds\":0.4}");
    assertEquals(List.of(new TransitionWindow(TransitionType.CROSSFADE, 2, 4),
        new TransitionWindow(TransitionType.CROSSFADE, 6, 4)), tight.composition().transitions());
    // a 1-frame slide leaves no room at all: a cut
    assertEquals(List.of(), plan("\"duration\":\"slides\",\"transition\":{\"type\":\"crossfade\",\"seconds\":1}",
        "{\"image\":\"a.jpg\",\"seconds\":2},{\"image\":\"b.jpg\",\"seconds\":0.1}").composition().transitions());
  }

  @Test
  void aLoopedJobUsesSlideZerosTransitionAtEveryWrapButNotAtFrameZero() {
    // cycle a 2 s, b 1 s over 7 s: [0,20) [20,30) [30,50) [50,60) [60,70) (the last a cut to 10 frames)
    JobPlan plan = plan("\"duration\":7,\"loop\":true,\"transition\":{\"type\":\"crossfade\",\"seconds\":0.4},"
        + "\"fadeIn\":0.35,\"fadeOut\":1",
        "{\"image\":\"a.jpg\",\"seconds\":2,\"transition\":{\"type\":\"fade-through-black\",\"seconds\":0.6}},"
            + "{\"image\":\"b.jpg\",\"seconds\":1}");
    assertEquals(List.of(
        new TransitionWindow(TransitionType.CROSSFADE, 18, 4),
        new TransitionWindow(TransitionType.FADE_THROUGH_BLACK, 27, 6),
        new TransitionWindow(TransitionType.CROSSFADE, 48, 4),
        new TransitionWindow(TransitionType.FADE_THROUGH_BLACK, 57, 6)), plan.composition().transitions());
    assertRanges(List.of(new long[] {0, 22}, new long[] {18, 33}, new long[] {27, 52}, new long[] {48, 63},
        new long[] {57, 70}), cameras(plan));
    assertEquals(new VideoFades(4, 10, 70), plan.composition().fades()); // 3.5 frames → 4
  }

  @Test
  void gainsFollowTheRuleRoundedHalfUpToSixtyFourThousandths() {
    Composition composition = new Composition(List.of(
        new TransitionWindow(TransitionType.CROSSFADE, 18, 5),
        new TransitionWindow(TransitionType.FADE_THROUGH_BLACK, 38, 4),
        new TransitionWindow(TransitionType.FADE_THROUGH_BLACK, 57, 5)), new VideoFades(4, 10, 70));
    // crossfade [18, 23) into the slide starting at 20: w = 1/6 … 5/6, exactly ½ in the middle
    assertEquals(new FrameMix(19, 54613, 20, 10923), composition.mixAt(18)); // 5/6, 1/6 of 65536
    assertEquals(new FrameMix(19, ONE / 2, 20, ONE / 2), composition.mixAt(20));
    assertEquals(new FrameMix(19, 10923, 20, 54613), composition.mixAt(22));
    assertEquals(FrameMix.plain(23), composition.mixAt(23));
    assertEquals(FrameMix.plain(17), composition.mixAt(17));
    // fade through black [38, 42), n = 4: A·3/5, A·1/5, B·1/5, B·3/5
    assertEquals(new FrameMix(39, 39322, 40, 0), composition.mixAt(38));
    assertEquals(new FrameMix(39, 13107, 40, 0), composition.mixAt(39));
    assertEquals(new FrameMix(39, 0, 40, 13107), composition.mixAt(40));
    assertEquals(new FrameMix(39, 0, 40, 39322), composition.mixAt(41));
    // odd n: the middle frame is black; [57, 62) also lies in the fade-out (N = 70, m' = 10: frames 60…69)
    assertEquals(new FrameMix(58, 0, 59, 0), composition.mixAt(59));
    // frame 60: k = 4 of n + 1 = 6 → B·(2·4 − 6)/6 = 1/3, times the fade-out's (70 − 60)/11 → 10/33
    assertEquals(new FrameMix(58, 0, 59, 19859), composition.mixAt(60));
    // fades alone: (i + 1)/5 in, (70 − i)/11 out
    assertEquals(new FrameMix(0, 13107, -1, 0), composition.mixAt(0));
    assertEquals(new FrameMix(3, 52429, -1, 0), composition.mixAt(3));
    assertEquals(FrameMix.plain(4), composition.mixAt(4));
    assertEquals(new FrameMix(65, 29789, -1, 0), composition.mixAt(65));
    assertEquals(new FrameMix(69, 5958, -1, 0), composition.mixAt(69));
  }

  @Test
  void aSliceKeepsWhatReachesIntoItsFrames() {
    Composition composition = new Composition(List.of(
        new TransitionWindow(TransitionType.CROSSFADE, 18, 5),
        new TransitionWindow(TransitionType.CROSSFADE, 38, 4)), new VideoFades(4, 0, 70));
    assertEquals(List.of(composition.transitions().get(0)), composition.slice(20, 30).transitions());
    assertEquals(List.of(), composition.slice(23, 38).transitions());
    assertEquals(composition.fades(), composition.slice(23, 38).fades());
  }
}
