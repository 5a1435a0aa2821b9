package dev.videogen.pipeline;

import dev.videogen.transforms.JobRequest;
import dev.videogen.transforms.RenderSettings;
import dev.videogen.transforms.RenderVideos;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;

/** Builds and runs the pipeline for a list of jobs; the report is written to {@code reportUri}. */
public final class VideogenPipeline {
  private VideogenPipeline() {}

  public static RenderSettings settings(VideogenOptions options) {
    return new RenderSettings(options.getWorkLocation(), options.getChunkSeconds(), options.getEncoderThreads(),
        options.getMaxImagePixels(), (long) options.getSourceCacheMegabytes() << 20, options.getFaultInjection());
  }

  /** Adds the videogen graph to {@code pipeline}: jobs → videos → report. */
  public static void build(Pipeline pipeline, List<JobRequest> jobs, RenderSettings settings, String reportUri) {
    pipeline
        .apply("ReadJobs", Create.of(jobs).withCoder(SerializableCoder.of(JobRequest.class)))
        .apply("RenderVideos", RenderVideos.with(settings))
        .apply("WriteReport", new WriteReport(reportUri));
  }

  public static PipelineResult.State run(VideogenOptions options, List<JobRequest> jobs, String reportUri) {
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, jobs, settings(options), reportUri);
    return pipeline.run().waitUntilFinish();
  }
}
