package dev.videogen.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The whole graph on the DirectRunner, on tiny frames: good jobs render, bad jobs fail alone. */
public class RenderVideosTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private RenderSettings settings(Path work) {
    // Chunks of 0.2 s = 6 frames at 30 fps: a 0.4 s job has two chunks, joined inside the second slide.
    return RenderSettings.defaults(work.toString()).withChunkSeconds(0.2).withMaxImagePixels(1_000_000)
        .withSourceCacheBytes(16L << 20);
  }

  private static JobRequest job(Path dir, String json) {
    return new JobRequest(dir.resolve("job.json").toString(), dir.toString(), json, null);
  }

  @Test
  public void rendersGoodJobsAndReportsBadOnes() throws IOException {
    Path dir = folder.getRoot().toPath();
    Path work = Files.createDirectories(dir.resolve("work"));
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.jpg"), 40, 60, 200);
    TestMedia.sineWav(dir.resolve("tone.wav"), 44100, 1, 17640); // 0.4 s
    Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("a.png")), 60));

    String good = """
        {"id":"good","output":"out/good.mp4","video":{"width":64,"height":36,"fps":30,"preset":"ultrafast"},
         "audio":[{"uri":"tone.wav","fadeOut":0.1}],
         "slides":[{"image":"a.png","seconds":0.1,"to":{"zoom":1.5,"x":0.3,"y":0.6}},
                   {"image":"b.jpg","fit":"contain"}]}""";
    String silent = """
        {"id":"silent","output":"out/silent.mp4","duration":0.3,"video":{"width":64,"height":36,"fps":30},
         "slides":[{"image":"a.png"}]}""";
    String truncated = """
        {"id":"truncated","output":"out/truncated.mp4","duration":1,"video":{"width":64,"height":36},
         "slides":[{"image":"cut.png"}]}""";
    String misspelt = """
        {"id":"misspelt","output":"out/misspelt.mp4","duraton":1,"slides":[{"image":"a.png"}]}""";

    PCollection<JobResult> results = pipeline
        .apply(Create.of(job(dir, good), job(dir, silent), job(dir, truncated), job(dir, misspelt))
            .withCoder(SerializableCoder.of(JobRequest.class)))
        .apply(RenderVideos.with(settings(work)));

    String out = dir.resolve("out").toString();
    PAssert.that(results).containsInAnyOrder(
        JobResult.ok("good", out + "/good.mp4", 12, 0.4),
        JobResult.ok("silent", out + "/silent.mp4", 9, 0.3),
        JobResult.failed(new JobFailure("truncated", out + "/truncated.mp4", JobFailure.Stage.PLAN,
            dir.resolve("cut.png").toString(), truncatedReason(dir))),
        JobResult.failed(new JobFailure("misspelt", null, JobFailure.Stage.PLAN, "duraton",
            "unknown field (allowed here: audio, audioCrossfade, captions, chapters, duration, fadeIn, fadeOut, id, "
                + "loop, loudness, output, overlays, slides, thumbnail, transition, video)")));
    pipeline.run().waitUntilFinish();

    ProbeReport probe = MediaProbe.probe(dir.resolve("out/good.mp4"));
    assertEquals("h264", probe.video().codec());
    assertEquals("High", probe.video().profile());
    assertEquals("yuv420p", probe.video().pixFmt());
    assertEquals("bt709", probe.video().colorPrimaries());
    assertEquals("30/1", probe.video().fps());
    assertEquals(12, probe.video().frames());
    assertEquals(0.0, probe.video().startTime(), 0.0);
    assertEquals("aac", probe.audio().codec());
    assertEquals("LC", probe.audio().profile());
    assertEquals(48000, probe.audio().sampleRate());
    assertEquals(0.4, probe.audio().duration(), 1 / 30.0);
    assertTrue(probe.faststart());
    assertEquals(64, probe.tags().get(AssembleVideos.SPEC_HASH_TAG).length());

    assertTrue(Files.exists(dir.resolve("out/silent.mp4")));
    assertFalse("no file at a failed job's output", Files.exists(dir.resolve("out/truncated.mp4")));
    try (Stream<Path> left = Files.walk(work)) {
      assertEquals("intermediates removed", List.of(), left.filter(Files::isRegularFile).toList());
    }
    try (Stream<Path> outputs = Files.list(dir.resolve("out"))) {
      assertEquals("no temporary files beside the outputs", 2, outputs.count());
    }
  }

  /** The decoder's own wording for the truncated fixture, so the test pins the job and file, not prose. */
  private static String truncatedReason(Path dir) throws IOException {
    try {
      dev.videogen.media.image.ImageDecoder.probe("x", Files.readAllBytes(dir.resolve("cut.png")), 1_000_000);
      throw new AssertionError("cut.png probed fine");
    } catch (dev.videogen.media.BadInputException e) {
      return e.reason();
    }
  }
}
