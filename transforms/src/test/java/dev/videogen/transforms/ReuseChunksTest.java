package dev.videogen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Render once, reuse, on the DirectRunner: a looped job and a second job showing the same slides render
 * each distinct chunk once, and every output is byte-identical to a render with reuse off.
 */
class ReuseChunksTest {
  @TempDir Path dir;

  // 10 fps, chunks of 1 s: each cycle is [a] (10 frames) then [b] (5 frames, zooming).
  private static final String LOOP = """
      {"id":"loop","output":"OUT/loop.mp4","video":{"width":64,"height":36,"fps":10,"preset":"ultrafast"},
       "audio":[{"uri":"tone.wav"}],"loop":true,
       "slides":[{"image":"a.png","seconds":1},{"image":"b.png","seconds":0.5,"to":{"zoom":1.6,"x":0.4,"y":0.5}}]}""";
  private static final String ONCE = """
      {"id":"once","output":"OUT/once.mp4","video":{"width":64,"height":36,"fps":10,"preset":"ultrafast"},
       "duration":"slides",
       "slides":[{"image":"a.png","seconds":1},{"image":"b.png","seconds":0.5,"to":{"zoom":1.6,"x":0.4,"y":0.5}}]}""";

  private long render(boolean reuse, String out) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work-" + reuse));
    RenderSettings settings = RenderSettings.defaults(work.toString()).withChunkSeconds(1.0)
        .withMaxImagePixels(1_000_000).withSourceCacheBytes(16L << 20).withReuseChunks(reuse);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline
        .apply(Create.of(job(LOOP, out), job(ONCE, out)).withCoder(SerializableCoder.of(JobRequest.class)))
        .apply(RenderVideos.with(settings));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    try (Stream<Path> left = Files.walk(work)) {
      assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "intermediates removed");
    }
    return chunksRendered(result);
  }

  /** How many chunks a run rendered (the "chunksRendered" counter of {@link RenderChunks}, all attempts). */
  static long chunksRendered(PipelineResult result) {
    long rendered = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(VideogenMetrics.NAMESPACE, VideogenMetrics.CHUNKS_RENDERED)).build()).getCounters()) {
      rendered += counter.getAttempted();
    }
    return rendered;
  }

  private JobRequest job(String json, String out) {
    return new JobRequest(dir.resolve("job.json").toString(), dir.toString(), json.replace("OUT", out), null);
  }

  @Test
  void eachDistinctChunkRendersOnceAndTheOutputsAreByteIdentical() throws IOException {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.png"), 80, 80, 200);
    TestMedia.sineWav(dir.resolve("tone.wav"), 48000, 2, 48000 * 3); // 3 s: 2 cycles of 1.5 s

    long withReuse = render(true, "reused");
    long without = render(false, "plain");

    // loop: 2 cycles × 2 chunks; once: the same 2 chunks again. Distinct: 2.
    assertEquals(2, withReuse);
    assertEquals(6, without);
    for (String id : List.of("loop", "once")) {
      Path a = dir.resolve("reused/" + id + ".mp4");
      Path b = dir.resolve("plain/" + id + ".mp4");
      assertEquals(-1, Files.mismatch(a, b), id + ": byte-identical with and without reuse");
    }
    assertEquals(30, dev.videogen.media.probe.MediaProbe.probe(dir.resolve("reused/loop.mp4")).video().frames());
  }
}
