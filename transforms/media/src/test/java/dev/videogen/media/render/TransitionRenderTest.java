package dev.videogen.media.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.ChunkPlanner;
import dev.videogen.media.plan.ChunkTask;
import dev.videogen.media.plan.Composition;
import dev.videogen.media.plan.FrameMix;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.render.ChunkRendererTest.Frame;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.RenderedFrames;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transition and fade frames against the documented rule, computed here from each slide rendered alone (at
 * the same frame index, with its camera over its visible frames): exact integers, no tolerance.
 *
 * <p>The job: 10 fps, three 1-s slides [0,10) [10,20) [20,30); a 0.5-s crossfade into slide 1 (window
 * [8,13), middle frame 10 at w = ½), a 0.5-s fade through black into slide 2 (window [18,23), black at 20),
 * fade-in 0.3 s (frames 0–2), fade-out 0.4 s (frames 26–29).
 */
class TransitionRenderTest {
  private static final int W = 64;
  private static final int H = 36;
  static final String JOB = """
      {"id":"tr","output":"o.mp4","video":{"width":64,"height":36,"fps":10},"duration":"slides",
       "transition":{"type":"crossfade","seconds":0.5},"fadeIn":0.3,"fadeOut":0.4,
       "slides":[{"image":"a.png","seconds":1,"from":{"zoom":1,"x":0.3,"y":0.5},"to":{"zoom":1.5,"x":0.6,"y":0.4}},
                 {"image":"b.png","seconds":1,"fit":"contain","easing":"ease-in-out"},
                 {"image":"c.png","seconds":1,"transition":{"type":"fade-through-black","seconds":0.5},
                  "to":{"zoom":2,"x":0.7,"y":0.3}}]}""";

  @TempDir Path dir;
  private SourceCache cache;
  private ChunkRenderer renderer;
  private JobPlan plan;

  @BeforeEach
  void setUp() throws IOException {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.png"), 40, 60, 220);
    TestMedia.gradientImage(dir.resolve("c.png"), 120, 60, 130);
    cache = new SourceCache(32L << 20, 1_000_000, uri -> Files.readAllBytes(Path.of(uri)));
    renderer = new ChunkRenderer(W, H, cache);
    String base = dir.toString();
    plan = JobPlanner.plan(JobSpecParser.parse(JOB, base), Map.of(
        base + "/a.png", new ImageInfo(ImageFormat.PNG, 96, 54, 1),
        base + "/b.png", new ImageInfo(ImageFormat.PNG, 40, 60, 1),
        base + "/c.png", new ImageInfo(ImageFormat.PNG, 120, 60, 1)), List.of(), "");
  }

  @AfterEach
  void tearDown() {
    renderer.close();
    cache.close();
  }

  /** Slide {@code k} rendered alone at {@code frame}: its own range widened to its visible one, same camera. */
  private Frame alone(int k, long frame) {
    SlideSegment s = plan.segments().get(k);
    SlideSegment solo = new SlideSegment(s.slideIndex(), s.image(), s.imageWidth(), s.imageHeight(), s.cameraStart(),
        s.cameraEnd(), s.from(), s.to(), s.easing(), s.fit());
    return ChunkRendererTest.render(renderer, List.of(solo), frame, frame + 1).get(0);
  }

  private List<Frame> render(long first, long end) {
    List<Frame> frames = new ArrayList<>();
    RenderedFrames.forEach(renderer, plan, first, end, planes -> frames.add(ChunkRendererTest.copyOf(planes)));
    return frames;
  }

  /** Applies {@code rule(plane, a, b)} to every sample; b may be null. */
  private static Frame expected(Frame a, Frame b, SampleRule rule) {
    int[][][] planes = new int[3][][];
    for (int p = 0; p < 3; p++) {
      int[][] pa = a.plane(p);
      planes[p] = new int[pa.length][pa[0].length];
      for (int y = 0; y < pa.length; y++) {
        for (int x = 0; x < pa[0].length; x++) {
          planes[p][y][x] = rule.apply(p == 0 ? 16 : 128, pa[y][x], b == null ? 0 : b.plane(p)[y][x]);
        }
      }
    }
    return new Frame(planes[0], planes[1], planes[2]);
  }

  interface SampleRule {
    int apply(int black, int a, int b);
  }

  /** black + round((gA·(a − black) + gB·(b − black)) / 65536), half up, as docs/SPEC.md states it. */
  private static SampleRule gains(long gainA, long gainB) {
    return (black, a, b) -> black + (int) Math.floorDiv(gainA * (a - black) + gainB * (b - black) + 32768, 65536L);
  }

  private static void assertSameFrame(Frame expected, Frame actual, String what) {
    for (int p = 0; p < 3; p++) {
      for (int y = 0; y < expected.plane(p).length; y++) {
        assertArrayEquals(expected.plane(p)[y], actual.plane(p)[y], what + ", plane " + p + ", row " + y);
      }
    }
  }

  @Test
  void theCrossfadesMiddleFrameIsTheRoundedAverageOfBothSlides() {
    Frame mid = render(10, 11).get(0);
    Frame a = alone(0, 10);
    Frame b = alone(1, 10);
    assertSameFrame(expected(a, b, (black, x, y) -> (x + y + 1) / 2), mid, "frame 10");
    // and it is neither slide: the test would not pass with one slide drawn twice
    assertTrue(mid.y()[18][32] != a.y()[18][32] || mid.y()[18][32] != b.y()[18][32]);
  }

  @Test
  void bothCamerasKeepMovingThroughTheWindow() {
    // slide 0's camera runs over [0, 13): at frame 12 (its last visible) it shows `to`; slide 1's over [8, 23)
    assertEquals(0, plan.segments().get(0).cameraStart());
    assertEquals(13, plan.segments().get(0).cameraEnd());
    assertEquals(8, plan.segments().get(1).cameraStart());
    assertEquals(23, plan.segments().get(1).cameraEnd());
    Frame at11 = alone(0, 11);
    Frame at12 = alone(0, 12);
    assertTrue(!java.util.Arrays.deepEquals(at11.y(), at12.y()), "slide 0 still moves after its own last frame");
  }

  @Test
  void fadeThroughBlacksMiddleFrameIsBlackAndItsSidesFadeEachSlide() {
    List<Frame> frames = render(18, 23);
    Frame black = frames.get(2); // frame 20, w = 3/6
    for (int p = 0; p < 3; p++) {
      for (int[] row : black.plane(p)) {
        for (int v : row) {
          assertEquals(p == 0 ? 16 : 128, v);
        }
      }
    }
    // frame 18: w = 1/6, A·(1 − 2w) = A·2/3 → gain round(65536·2/3) = 43691; frame 22: B·2/3
    assertSameFrame(expected(alone(1, 18), null, gains(43691, 0)), frames.get(0), "frame 18");
    assertSameFrame(expected(alone(2, 22), null, gains(43691, 0)), frames.get(4), "frame 22");
    // frame 21: w = 4/6 → B·1/3 → 21845
    assertSameFrame(expected(alone(2, 21), null, gains(21845, 0)), frames.get(3), "frame 21");
  }

  @Test
  void fadesScaleTowardBlackWithTheDocumentedGains() {
    List<Frame> frames = render(0, 30);
    // fade-in, 3 frames: (i + 1)/4; fade-out, 4 frames of 30: (30 − i)/5
    assertSameFrame(expected(alone(0, 0), null, gains(16384, 0)), frames.get(0), "frame 0");
    assertSameFrame(expected(alone(0, 2), null, gains(49152, 0)), frames.get(2), "frame 2");
    assertSameFrame(alone(0, 3), frames.get(3), "frame 3, after the fade-in, untouched");
    assertSameFrame(expected(alone(2, 26), null, gains(52429, 0)), frames.get(26), "frame 26"); // 4/5
    assertSameFrame(expected(alone(2, 29), null, gains(13107, 0)), frames.get(29), "frame 29"); // 1/5
    // a crossfade frame away from the middle: frame 8, w = 1/6 → A·5/6, B·1/6
    assertSameFrame(expected(alone(0, 8), alone(1, 8), gains(54613, 10923)), frames.get(8), "frame 8");
    // frames outside windows and fades are each slide alone with its visible-range camera
    for (int i : new int[] {3, 7, 13, 17, 23, 25}) {
      assertSameFrame(alone(i < 10 ? 0 : i < 20 ? 1 : 2, i), frames.get(i), "frame " + i);
    }
  }

  @Test
  void everyFrameFollowsTheRuleFromItsMix() {
    List<Frame> frames = render(0, 30);
    for (int i = 0; i < 30; i++) {
      FrameMix mix = plan.composition().mixAt(i);
      int own = i < 10 ? 0 : i < 20 ? 1 : 2;
      int slideA = mix.hasB() ? (int) (mix.frameA() / 10) : own;
      Frame a = alone(slideA, i);
      Frame b = mix.hasB() ? alone(slideA + 1, i) : null;
      assertSameFrame(expected(a, b, gains(mix.gainA(), mix.gainB())), frames.get(i), "frame " + i);
    }
  }

  @Test
  void chunkBoundariesInsideWindowsChangeNoFrame() {
    List<Frame> whole = render(0, 30);
    // cuts inside both windows (9, 11, 19, 21), on their edges (8, 13, 23) and on slide boundaries (10, 20)
    long[] cuts = {0, 9, 11, 19, 21, 30};
    for (long[] bounds : new long[][] {cuts, {0, 8, 13, 20, 23, 30}, {0, 10, 20, 30}}) {
      List<Frame> pieces = new ArrayList<>();
      for (int k = 0; k + 1 < bounds.length; k++) {
        pieces.addAll(render(bounds[k], bounds[k + 1]));
      }
      for (int i = 0; i < 30; i++) {
        assertSameFrame(whole.get(i), pieces.get(i), "frame " + i + " cut at " + java.util.Arrays.toString(bounds));
      }
    }
    // single frames, as a preview renders them
    for (int i : new int[] {8, 10, 12, 20, 22}) {
      assertSameFrame(whole.get(i), render(i, i + 1).get(0), "frame " + i + " alone");
    }
    // the chunks the planner makes, each with only its slice of the composition and its visible slides
    VideoEncoderSettings encoder = new VideoEncoderSettings(W, H, new FrameRate(10, 1), 23, "ultrafast", 1, 50);
    List<ChunkTask> tasks = ChunkPlanner.split(plan, encoder, 10);
    assertEquals(List.of(0L, 10L, 20L), tasks.stream().map(ChunkTask::firstFrame).toList());
    assertEquals(2, tasks.get(0).segments().size(), "slide 1 is visible in chunk 0 from frame 8");
    assertEquals(3, tasks.get(1).segments().size());
    for (ChunkTask task : tasks) {
      YuvPlanes target = YuvPlanes.allocate(W, H);
      renderer.render(task, new FrameSink() {
        @Override
        public YuvPlanes frame() {
          return target;
        }

        @Override
        public void accept(long index) {
          assertSameFrame(whole.get((int) index), ChunkRendererTest.copyOf(target), "task frame " + index);
        }
      });
    }
  }

  @Test
  void aSlideMissingFromTheSegmentsIsAnError() {
    List<SlideSegment> onlyFirst = List.of(plan.segments().get(0));
    YuvPlanes target = YuvPlanes.allocate(W, H);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> renderer.render(onlyFirst, plan.composition(), 5, 10, new FrameSink() {
          @Override
          public YuvPlanes frame() {
            return target;
          }

          @Override
          public void accept(long index) {}
        }));
    assertTrue(e.getMessage().contains("frame 8 blends the slide shown at frame 10"), e.getMessage());
  }

  @Test
  void aRenderFailingInsideATransitionReleasesBothSlides() {
    YuvPlanes target = YuvPlanes.allocate(W, H);
    RuntimeException failure = new RuntimeException("encoder failed");
    assertThrows(RuntimeException.class, () -> renderer.render(plan, 5, 15, new FrameSink() {
      @Override
      public YuvPlanes frame() {
        return target;
      }

      @Override
      public void accept(long index) {
        if (index == 11) {
          throw failure;
        }
      }
    }));
    assertTrue(cache.usedBytes() > 0);
    cache.close(); // only sources nobody leases are freed: all of them, so both slides were released
    assertEquals(0, cache.usedBytes());
  }

  @Test
  void aJobWithoutEffectsHasNoComposition() {
    assertEquals(Composition.NONE, JobPlanner.plan(JobSpecParser.parse(JOB.replace("\"fadeIn\":0.3,\"fadeOut\":0.4,", "")
        .replace("\"transition\":{\"type\":\"crossfade\",\"seconds\":0.5},", "")
        .replace("\"transition\":{\"type\":\"fade-through-black\",\"seconds\":0.5},", ""), dir.toString()),
        Map.of(dir + "/a.png", new ImageInfo(ImageFormat.PNG, 96, 54, 1),
            dir + "/b.png", new ImageInfo(ImageFormat.PNG, 40, 60, 1),
            dir + "/c.png", new ImageInfo(ImageFormat.PNG, 120, 60, 1)), List.of(), "").composition());
  }
}
