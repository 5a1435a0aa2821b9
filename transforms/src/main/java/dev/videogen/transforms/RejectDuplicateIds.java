package dev.videogen.transforms;

import dev.videogen.media.spec.JobSpecParser;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Ids must be unique within a batch: every job sharing an id with another is reported failed (naming where
 * the others came from) rather than silently overwriting one output with another. Jobs without a readable
 * id pass through, to be reported by planning.
 */
public final class RejectDuplicateIds extends PTransform<PCollection<JobRequest>, PCollectionTuple> {
  public static final TupleTag<JobRequest> UNIQUE = new TupleTag<>() {};
  public static final TupleTag<JobFailure> DUPLICATES = new TupleTag<>() {};

  @Override
  public PCollectionTuple expand(PCollection<JobRequest> requests) {
    return requests
        .apply("KeyById", WithKeys.of(RejectDuplicateIds::key).withKeyType(TypeDescriptors.strings()))
        .apply("GroupById", GroupByKey.create())
        .apply("Check", ParDo.of(new CheckFn()).withOutputTags(UNIQUE, TupleTagList.of(DUPLICATES)));
  }

  /** The id, or (for a spec without a valid id) its source, which is unique by construction. */
  private static String key(JobRequest request) {
    String id = JobSpecParser.peekId(request.specJson());
    return id != null ? "id:" + id : "source:" + request.source();
  }

  static final class CheckFn extends DoFn<KV<String, Iterable<JobRequest>>, JobRequest> {
    private final Counter rejected = VideogenMetrics.counter(VideogenMetrics.JOBS_REJECTED);

    @ProcessElement
    public void process(@Element KV<String, Iterable<JobRequest>> group, MultiOutputReceiver out) {
      List<JobRequest> requests = new ArrayList<>();
      group.getValue().forEach(requests::add);
      if (requests.size() == 1) {
        out.get(UNIQUE).output(requests.get(0));
        return;
      }
      List<String> sources = requests.stream().map(JobRequest::source).sorted().toList();
      String id = group.getKey().substring("id:".length());
      for (JobRequest request : requests) {
        rejected.inc();
        out.get(DUPLICATES).output(new JobFailure(id, null, JobFailure.Stage.BATCH, "id",
            "duplicate id '" + id + "' in " + String.join(", ", sources) + " (ids must be unique in a batch)"));
      }
    }
  }
}
