package dev.videogen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.codec.MediaTestSupport;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.FrameSink;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.BundledPrograms;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs with transitions and fades through the whole pipeline on the DirectRunner, chunked so that chunk
 * boundaries fall inside the transition windows: the output meets the contract (exactly N frames), its
 * transition frames, decoded by the bundled ffmpeg, match the documented rule applied to each slide rendered
 * alone, and render-once reuse still gives byte-identical files.
 */
class TransitionVideosTest {
  @TempDir Path dir;

  // 10 fps, slides [0,10) [10,20) [20,30); crossfade window [8,13), fade through black [18,23); fade-in
  // frames 0–2, fade-out 26–29. Chunks of 1 s are cut at frames 10 and 20: inside both windows.
  private static final String SHOW = """
      {"id":"show","output":"OUT/show.mp4","video":{"width":64,"height":36,"fps":10,"crf":12,"preset":"ultrafast"},
       "duration":"slides","transition":{"type":"crossfade","seconds":0.5},"fadeIn":0.3,"fadeOut":0.4,
       "slides":[{"image":"a.png","seconds":1,"to":{"zoom":1.4,"x":0.4,"y":0.5}},
                 {"image":"b.png","seconds":1,"fit":"contain"},
                 {"image":"c.png","seconds":1,"transition":{"type":"fade-through-black","seconds":0.5}}]}""";
  // a loop of a (1 s) and b (0.5 s) crossfading over 2 frames, 4 cycles: chunks a0 b0 a1 b1 a2 b2 a3 b3, where
  // a2 = a1 and b2 = b1 (same neighbours, same camera ranges); a0 has no incoming transition and b0 blends it;
  // b3 is last (no outgoing window, so its camera runs over a frame less) and a3 blends it.
  private static final String LOOP = """
      {"id":"loop","output":"OUT/loop.mp4","video":{"width":64,"height":36,"fps":10,"preset":"ultrafast"},
       "duration":6,"loop":true,"transition":{"type":"crossfade","seconds":0.2},
       "slides":[{"image":"a.png","seconds":1},{"image":"b.png","seconds":0.5,"to":{"zoom":1.6,"x":0.4,"y":0.5}}]}""";

  private long render(boolean reuse, String out) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work-" + reuse));
    RenderSettings settings = RenderSettings.defaults(work.toString()).withChunkSeconds(1.0)
        .withMaxImagePixels(1_000_000).withSourceCacheBytes(16L << 20).withReuseChunks(reuse);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(job(SHOW, out), job(LOOP, out)).withCoder(SerializableCoder.of(JobRequest.class)))
        .apply(RenderVideos.with(settings));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return ReuseChunksTest.chunksRendered(result);
  }

  private JobRequest job(String json, String out) {
    return new JobRequest(dir.resolve("job.json").toString(), dir.toString(), json.replace("OUT", out), null);
  }

  @Test
  void transitionsAndFadesRenderByTheRuleThroughThePipeline() throws IOException {
    BundledPrograms.ffmpeg(); // skips (with the reason) where the bundled programs cannot run
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.png"), 40, 60, 220);
    TestMedia.gradientImage(dir.resolve("c.png"), 120, 60, 130);

    long withReuse = render(true, "reused");
    long without = render(false, "plain");
    assertEquals(3 + 6, withReuse, "show: 3 chunks; loop: 6 distinct of 8");
    assertEquals(3 + 8, without);
    for (String id : List.of("show", "loop")) {
      assertEquals(-1, Files.mismatch(dir.resolve("reused/" + id + ".mp4"), dir.resolve("plain/" + id + ".mp4")),
          id + ": byte-identical with and without reuse");
    }

    Path show = dir.resolve("reused/show.mp4");
    ProbeReport probe = MediaProbe.probe(show);
    assertEquals(30, probe.video().frames(), "N = round(3 s × 10 fps)");
    assertEquals("yuv420p", probe.video().pixFmt());
    assertEquals(60, MediaProbe.probe(dir.resolve("reused/loop.mp4")).video().frames());

    byte[] raw = MediaTestSupport.run(List.of(MediaTestSupport.ffmpeg(), "-v", "error", "-i", show.toString(),
        "-map", "0:v:0", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"));
    int frameBytes = 64 * 36 * 3 / 2;
    assertEquals(30 * frameBytes, raw.length);

    JobPlan plan = plan();
    try (SourceCache cache = new SourceCache(16L << 20, 1_000_000, uri -> Files.readAllBytes(Path.of(uri)));
        ChunkRenderer renderer = new ChunkRenderer(64, 36, cache)) {
      // frame 10, the crossfade's middle: (A + B)/2
      assertNear(mix(alone(renderer, plan, 0, 10), 0.5, alone(renderer, plan, 1, 10), 0.5), raw, 10, "frame 10");
      // frame 9: w = 2/6
      assertNear(mix(alone(renderer, plan, 0, 9), 4 / 6.0, alone(renderer, plan, 1, 9), 2 / 6.0), raw, 9, "frame 9");
      // frame 20, the fade through black's middle: black
      assertNear(mix(alone(renderer, plan, 1, 20), 0, null, 0), raw, 20, "frame 20");
      // frame 21: B·(2·4/6 − 1) = B/3
      assertNear(mix(alone(renderer, plan, 2, 21), 1 / 3.0, null, 0), raw, 21, "frame 21");
      // fades: frame 1 at 2/4, frame 28 at 2/5
      assertNear(mix(alone(renderer, plan, 0, 1), 0.5, null, 0), raw, 1, "frame 1");
      assertNear(mix(alone(renderer, plan, 2, 28), 0.4, null, 0), raw, 28, "frame 28");
      // and a plain frame is the slide itself
      assertNear(mix(alone(renderer, plan, 1, 15), 1, null, 0), raw, 15, "frame 15");
    }
  }

  private JobPlan plan() {
    String base = dir.toString();
    return JobPlanner.plan(JobSpecParser.parse(job(SHOW, "reused").specJson(), base), Map.of(
        base + "/a.png", new ImageInfo(ImageFormat.PNG, 96, 54, 1),
        base + "/b.png", new ImageInfo(ImageFormat.PNG, 40, 60, 1),
        base + "/c.png", new ImageInfo(ImageFormat.PNG, 120, 60, 1)), List.of(), "");
  }

  /** Slide k's frame alone (its camera over its visible frames), as yuv420p bytes. */
  private static byte[] alone(ChunkRenderer renderer, JobPlan plan, int k, long frame) {
    SlideSegment s = plan.segments().get(k);
    SlideSegment solo = new SlideSegment(s.slideIndex(), s.image(), s.imageWidth(), s.imageHeight(), s.cameraStart(),
        s.cameraEnd(), s.from(), s.to(), s.easing(), s.fit());
    YuvPlanes target = YuvPlanes.allocate(64, 36);
    renderer.render(List.of(solo), frame, frame + 1, new FrameSink() {
      @Override
      public YuvPlanes frame() {
        return target;
      }

      @Override
      public void accept(long index) {}
    });
    byte[] out = new byte[64 * 36 * 3 / 2];
    target.y().get(0, out, 0, 64 * 36);
    target.cb().get(0, out, 64 * 36, 32 * 18);
    target.cr().get(0, out, 64 * 36 + 32 * 18, 32 * 18);
    return out;
  }

  /** The rule in real numbers: black + gA·(a − black) + gB·(b − black). */
  private static double[] mix(byte[] a, double gainA, byte[] b, double gainB) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double black = i < 64 * 36 ? 16 : 128;
      out[i] = black + gainA * ((a[i] & 0xff) - black) + (b == null ? 0 : gainB * ((b[i] & 0xff) - black));
    }
    return out;
  }

  /**
   * Within what libx264 at crf 12 keeps of a 64×36 gradient: mean error below 1, none above 6 (measured:
   * at most 0.4 and 2).
   */
  private static void assertNear(double[] expected, byte[] raw, int frame, String what) {
    int base = frame * expected.length;
    double sum = 0;
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(expected[i] - (raw[base + i] & 0xff));
      sum += error;
      worst = Math.max(worst, error);
    }
    double mean = sum / expected.length;
    assertTrue(mean < 1.0 && worst <= 6, what + ": mean error " + mean + ", worst " + worst);
  }
}
