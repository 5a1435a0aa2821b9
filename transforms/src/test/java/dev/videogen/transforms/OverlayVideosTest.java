package dev.videogen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.codec.MediaTestSupport;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.BundledPrograms;
import dev.videogen.testing.RenderedFrames;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job with overlays (a fading title, a PNG logo, a "now playing" line) through the whole pipeline on the
 * DirectRunner: the output meets the contract, probed with the bundled ffprobe; decoded by the bundled ffmpeg,
 * every frame is the planned frame as the renderer draws it (overlays included) within what libx264 keeps,
 * the logo shows BT.709 red where it is opaque, and the bytes are the same with and without chunk reuse.
 */
class OverlayVideosTest {
  private static final int W = 64;
  private static final int H = 36;
  private static final String JOB = """
      {"id":"ov","output":"OUT/ov.mp4","video":{"width":64,"height":36,"fps":10,"crf":12,"preset":"ultrafast"},
       "audio":[{"uri":"tone.wav"}],"duration":3,
       "slides":[{"image":"a.png","seconds":1.5},{"image":"b.png","seconds":1.5}],
       "overlays":[
         {"text":{"value":"Hi","size":0.4,"outline":{"width":"1px"}},"start":0.5,"duration":1,"fadeIn":0.2},
         {"image":{"uri":"logo.png"},"position":{"anchor":"bottom-right","x":"4px","y":"2px"}},
         {"text":{"nowPlaying":true,"size":0.2},"position":{"anchor":"top-left"},"start":2}]}""";

  @TempDir Path dir;

  private void render(boolean reuse, String out) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work-" + reuse));
    RenderSettings settings = RenderSettings.defaults(work.toString()).withChunkSeconds(1.0).withMaxImagePixels(1_000_000)
        .withSourceCacheBytes(16L << 20).withReuseChunks(reuse);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(new JobRequest(dir.resolve("job.json").toString(), dir.toString(), JOB.replace("OUT", out),
            null)).withCoder(SerializableCoder.of(JobRequest.class)))
        .apply(RenderVideos.with(settings));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void overlaysRenderThroughThePipelineAsThePlanSays() throws IOException {
    BundledPrograms.ffmpeg(); // skips (with the reason) where the bundled programs cannot run
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.png"), 40, 60, 220);
    TestMedia.logoPng(dir.resolve("logo.png"));
    TestMedia.sineWav(dir.resolve("tone.wav"), 48_000, 2, 3 * 48_000);

    render(true, "reused");
    render(false, "plain");
    Path video = dir.resolve("reused/ov.mp4");
    assertEquals(-1, Files.mismatch(video, dir.resolve("plain/ov.mp4")), "byte-identical with and without reuse");
    Map<String, String> stream = MediaTestSupport.probeEntries(video, "v:0", "pix_fmt,width,height,nb_frames");
    assertEquals("30", stream.get("nb_frames"));
    assertEquals("yuv420p", stream.get("pix_fmt"));
    assertEquals("64", stream.get("width"));
    byte[] raw = MediaTestSupport.run(List.of(MediaTestSupport.ffmpeg(), "-v", "error", "-i", video.toString(),
        "-map", "0:v:0", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"));
    int frameBytes = W * H * 3 / 2;
    assertEquals(30 * frameBytes, raw.length, "N = round(3 s × 10 fps) frames");

    JobPlan plan = PlanJobs.plan(JobSpecParser.parse(JOB.replace("OUT", "x"), dir.toString()),
        RenderSettings.defaults(dir.toString()).withChunkSeconds(1.0).withMaxImagePixels(1_000_000)
        .withSourceCacheBytes(16L << 20));
    assertEquals(1 + 1 + 1, plan.composition().overlays().shows().size(), "title, logo, one track's line");
    try (SourceCache cache = new SourceCache(16L << 20, 1_000_000, uri -> Files.readAllBytes(Path.of(uri)));
        ChunkRenderer renderer = new ChunkRenderer(W, H, cache)) {
      int[] frame = {0};
      RenderedFrames.forEach(renderer, plan, 0, 30, planes -> {
        byte[] expected = new byte[frameBytes];
        planes.y().get(0, expected, 0, W * H);
        planes.cb().get(0, expected, W * H, W * H / 4);
        planes.cr().get(0, expected, W * H * 5 / 4, W * H / 4);
        assertNear(expected, raw, frame[0]);
        frame[0]++;
      });
    }
    // The logo's opaque red (x 52–55, y 26–33) decodes as BT.709 red, 63/102/240, give or take what x264 keeps.
    for (int f : new int[] {0, 14, 29}) {
      int base = f * frameBytes;
      assertTrue(Math.abs((raw[base + 30 * W + 53] & 0xff) - 63) <= 3, "frame " + f + " logo Y");
      assertTrue(Math.abs((raw[base + W * H + W * H / 4 + 15 * (W / 2) + 27] & 0xff) - 240) <= 4,
          "frame " + f + " logo Cr");
    }
  }

  @Test
  void planningRefusesAFontThatIsNoFontAndAMissingLogoNamingThem() throws IOException {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    Files.writeString(dir.resolve("fake.ttf"), "not a font");
    RenderSettings settings = RenderSettings.defaults(dir.toString()).withChunkSeconds(1.0).withMaxImagePixels(1_000_000)
        .withSourceCacheBytes(16L << 20);
    String head = "{\"id\":\"bad\",\"output\":\"o.mp4\",\"duration\":1,\"slides\":[{\"image\":\"a.png\"}],";
    dev.videogen.media.BadInputException font = org.junit.jupiter.api.Assertions.assertThrows(
        dev.videogen.media.BadInputException.class, () -> PlanJobs.plan(JobSpecParser.parse(head
            + "\"overlays\":[{\"text\":{\"value\":\"x\",\"font\":\"fake.ttf\"}}]}", dir.toString()), settings));
    assertTrue(font.getMessage().contains("fake.ttf"), font.getMessage());
    dev.videogen.media.BadInputException logo = org.junit.jupiter.api.Assertions.assertThrows(
        dev.videogen.media.BadInputException.class,
        () -> PlanJobs.plan(JobSpecParser.parse(head + "\"overlays\":[{\"image\":{\"uri\":\"gone.png\"}}]}",
            dir.toString()), settings));
    assertTrue(logo.subject().endsWith("gone.png"), logo.getMessage());
  }

  /**
   * Within what libx264 at crf 12 keeps of 64×36 frames with text: mean error below 1, none above 6 (measured
   * here: at most 0.27 and 2 over the 30 frames).
   */
  private static void assertNear(byte[] expected, byte[] raw, int frame) {
    int base = frame * expected.length;
    double sum = 0;
    int worst = 0;
    for (int i = 0; i < expected.length; i++) {
      int error = Math.abs((expected[i] & 0xff) - (raw[base + i] & 0xff));
      sum += error;
      worst = Math.max(worst, error);
    }
    double mean = sum / expected.length;
    assertTrue(mean < 1.0 && worst <= 6, "frame " + frame + ": mean error " + mean + ", worst " + worst);
  }
}
