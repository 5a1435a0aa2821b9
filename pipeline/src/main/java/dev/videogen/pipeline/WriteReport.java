package dev.videogen.pipeline;

import dev.videogen.transforms.JobResult;
import dev.videogen.transforms.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/** Writes all results as one JSON Lines file, sorted by job id, published atomically. */
final class WriteReport extends PTransform<PCollection<JobResult>, PDone> {
  private final String uri;

  WriteReport(String uri) {
    this.uri = uri;
  }

  @Override
  public PDone expand(PCollection<JobResult> results) {
    results
        .apply("CollectAll", Combine.globally(new CollectResults()))
        .apply("Publish", ParDo.of(new PublishFn(uri)));
    return PDone.in(results.getPipeline());
  }

  /** All results in one list (an empty list when there are none, so an empty batch still gets a report). */
  static final class CollectResults extends Combine.CombineFn<JobResult, List<JobResult>, List<JobResult>> {
    @Override
    public List<JobResult> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<JobResult> addInput(List<JobResult> accumulator, JobResult result) {
      accumulator.add(result);
      return accumulator;
    }

    @Override
    public List<JobResult> mergeAccumulators(Iterable<List<JobResult>> accumulators) {
      List<JobResult> merged = new ArrayList<>();
      accumulators.forEach(merged::addAll);
      return merged;
    }

    @Override
    public List<JobResult> extractOutput(List<JobResult> accumulator) {
      return accumulator;
    }
  }

  static final class PublishFn extends DoFn<List<JobResult>, Void> {
    private final String uri;

    PublishFn(String uri) {
      this.uri = uri;
    }

    @ProcessElement
    public void process(@Element List<JobResult> results) throws IOException {
      List<JobResult> sorted = new ArrayList<>(results);
      sorted.sort(Comparator.comparing(JobResult::id));
      StringBuilder lines = new StringBuilder();
      sorted.forEach(result -> lines.append(result.toJson()).append('\n'));
      Storage.publishText(lines, uri);
    }
  }
}
