package dev.videogen.transforms;

import static org.junit.Assert.assertEquals;

import dev.videogen.media.plan.JobPlan;
import dev.videogen.testing.TestMedia;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Planning through the DirectRunner: what it decodes, and how often. */
public class PlanJobsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aTrackPlayedSeveralTimesIsDecodedOnce() throws Exception {
    Path dir = folder.getRoot().toPath();
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.sineWav(dir.resolve("piece.wav"), 44_100, 2, 44_100, 440, 9000);
    TestMedia.sineWav(dir.resolve("other.wav"), 48_000, 1, 24_000, 1000, 9000);
    String json = """
        {"id":"repeat","output":"out/repeat.mp4","video":{"width":64,"height":36,"fps":30,"preset":"ultrafast"},
         "audio":[{"uri":"piece.wav"},{"uri":"piece.wav","fadeIn":0.1},{"uri":"other.wav"},{"uri":"piece.wav"}],
         "loudness":{},"slides":[{"image":"a.png"}]}""";

    PCollectionTuple planned = pipeline
        .apply(Create.of(new JobRequest(dir.resolve("job.json").toString(), dir.toString(), json, null))
            .withCoder(SerializableCoder.of(JobRequest.class)))
        .apply(new PlanJobs(RenderSettings.defaults(dir.resolve("work").toString())));
    // Three times 1 s of piece.wav and 0.5 s of other.wav, at 48 kHz.
    PAssert.that(planned.get(PlanJobs.PLANNED)).satisfies(plans -> {
      JobPlan plan = plans.iterator().next();
      assertEquals(3 * 48_000 + 24_000, plan.audioSamples());
      assertEquals(105, plan.frames());
      return null;
    });
    PAssert.that(planned.get(PlanJobs.FAILED)).empty();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    Map<String, StageTimes> times = VideogenMetrics.workTimes(result.metrics());
    assertEquals(1, times.get(VideogenMetrics.WORK_PLAN).count());
    assertEquals("one decode per distinct file", 2, times.get(VideogenMetrics.WORK_PLAN_AUDIO).count());
  }
}
