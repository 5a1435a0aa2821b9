package dev.videogen.pipeline;

import dev.videogen.transforms.JobRequest;
import dev.videogen.transforms.RenderSettings;
import dev.videogen.transforms.RenderVideos;
import dev.videogen.transforms.RunTimings;
import dev.videogen.transforms.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;

/** Builds and runs the pipeline for a list of jobs; the report is written to {@code reportUri}. */
public final class VideogenPipeline {
  private VideogenPipeline() {}

  public static RenderSettings settings(VideogenOptions options) {
    return RenderSettings.defaults(options.getWorkLocation())
        .withChunkSeconds(options.getChunkSeconds())
        .withEncoderThreads(options.getEncoderThreads())
        .withMaxImagePixels(options.getMaxImagePixels())
        .withSourceCacheBytes((long) options.getSourceCacheMegabytes() << 20)
        .withReuseChunks(options.getReuseChunks())
        .withFaultInjection(options.getFaultInjection())
        .withSegmentedAudio(options.getSegmentedAudio());
  }

  /** Adds the videogen graph to {@code pipeline}: jobs → videos → report. */
  public static void build(Pipeline pipeline, List<JobRequest> jobs, RenderSettings settings, boolean resume,
      String reportUri) {
    pipeline
        .apply("ReadJobs", Create.of(jobs).withCoder(SerializableCoder.of(JobRequest.class)))
        .apply("RenderVideos", RenderVideos.with(settings).withResume(resume))
        .apply("WriteReport", new WriteReport(reportUri));
  }

  /**
   * Runs the jobs to the end. On a terminal, a progress line is printed to {@code progress} while the
   * runner reports metrics (the DirectRunner does; it is run without blocking so it can be polled). With
   * {@code --timings}, where the time went is written there afterwards.
   */
  public static PipelineResult.State run(VideogenOptions options, List<JobRequest> jobs, String reportUri,
      PrintStream progress, boolean interactive) throws IOException {
    if (options.getRunner() == DirectRunner.class) {
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, jobs, settings(options), options.getResume(), reportUri);
    long startupMs = ManagementFactory.getRuntimeMXBean().getUptime();
    long started = System.nanoTime();
    PipelineResult result = pipeline.run();
    PipelineResult.State state;
    try (ProgressLine line = ProgressLine.start(result, jobs.size(), progress, interactive)) {
      state = result.waitUntilFinish();
    }
    if (options.getTimings() != null) {
      long pipelineMs = Math.round((System.nanoTime() - started) / 1e6);
      writeTimings(RunTimings.of(startupMs, pipelineMs, options.getRunner().getSimpleName(), result.metrics()),
          options.getTimings());
    }
    return state;
  }

  private static void writeTimings(RunTimings timings, String uri) throws IOException {
    Storage.publishText(timings.toJson(), uri);
  }
}
