package dev.videogen.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import dev.videogen.testing.Ebur128;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A job with {@code audioCrossfade} and {@code loudness} through the whole graph on the DirectRunner: the
 * overlap shortens the video to the frame, the output keeps its contract, and the bundled ffmpeg program's
 * {@code ebur128} reads the published MP4 at the target.
 */
public class AudioMixRenderTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void crossfadedNormalisedJobMeetsTheOutputContract() throws IOException {
    Path dir = folder.getRoot().toPath();
    Path work = Files.createDirectories(dir.resolve("work"));
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    // 3 s each: a quiet 44.1 kHz mono tone (about -32 LUFS as played) and a loud 48 kHz stereo one (about -4).
    TestMedia.sineWav(dir.resolve("quiet.wav"), 44_100, 1, 3 * 44_100, 440, 800);
    TestMedia.sineWav(dir.resolve("loud.wav"), 48_000, 2, 3 * 48_000, 1000, 20_000);
    String json = """
        {"id":"mix","output":"out/mix.mp4","video":{"width":64,"height":36,"fps":30,"preset":"ultrafast"},
         "audio":[{"uri":"quiet.wav","fadeIn":0.2},{"uri":"loud.wav","fadeOut":0.5}],
         "audioCrossfade":1,"loudness":{},"slides":[{"image":"a.png"}]}""";

    PCollection<JobResult> results = pipeline
        .apply(Create.of(new JobRequest(dir.resolve("job.json").toString(), dir.toString(), json, null))
            .withCoder(SerializableCoder.of(JobRequest.class)))
        .apply(RenderVideos.with(RenderSettings.defaults(work.toString()).withChunkSeconds(2)
            .withMaxImagePixels(1_000_000).withSourceCacheBytes(16L << 20)));

    // 3 s + 3 s - 1 s of overlap = 5 s = 150 frames.
    Path output = dir.resolve("out/mix.mp4");
    PAssert.that(results).containsInAnyOrder(JobResult.ok("mix", output.toString(), 150, 5.0));
    pipeline.run().waitUntilFinish();

    ProbeReport probe = MediaProbe.probe(output);
    assertEquals(150, probe.video().frames());
    assertEquals("aac", probe.audio().codec());
    assertEquals(5.0, probe.audio().duration(), 1 / 30.0);
    Ebur128.Reading reading = Ebur128.measure(output);
    System.out.printf("crossfaded, normalised job: ebur128 %.1f LUFS, true peak %.1f dBTP%n", reading.integrated(),
        reading.truePeak());
    assertEquals(-14, reading.integrated(), 1.0);
    assertTrue("true peak " + reading.truePeak(), reading.truePeak() <= -1.0);
  }
}
