package dev.videogen.transforms;

import dev.videogen.media.plan.JobPlan;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The whole videogen graph: jobs in, one {@link JobResult} per job out.
 *
 * <pre>
 * RejectDuplicateIds → [SkipFinishedJobs] →
 * PlanJobs → ExpandChunks → RenderChunks (distinct by content, render + encode, join back) ─┐
 *          → EncodeAudio ───────────────────────────────────────────────┼→ GroupByJob → AssembleVideos
 *          (render and audio failures, by job) ─────────────────────────┘
 * duplicate ids and planning failures go straight to the report; every stage fails a job with a JobFailure
 * (with reuse: shared chunk files deleted after every job is assembled)
 * </pre>
 */
public final class RenderVideos extends PTransform<PCollection<JobRequest>, PCollection<JobResult>> {
  private final RenderSettings settings;
  private final boolean resume;

  private RenderVideos(RenderSettings settings, boolean resume) {
    this.settings = settings;
    this.resume = resume;
  }

  public static RenderVideos with(RenderSettings settings) {
    return new RenderVideos(settings, false);
  }

  /** With resume, jobs whose output was already rendered from the same spec are skipped. */
  public RenderVideos withResume(boolean resume) {
    return new RenderVideos(settings, resume);
  }

  @Override
  public PCollection<JobResult> expand(PCollection<JobRequest> requests) {
    PCollectionTuple unique = requests.apply("RejectDuplicateIds", new RejectDuplicateIds());
    PCollection<JobRequest> toRender = unique.get(RejectDuplicateIds.UNIQUE);
    PCollectionList<JobResult> results = PCollectionList.empty(requests.getPipeline());
    if (resume) {
      PCollectionTuple checked = toRender.apply("SkipFinishedJobs", new SkipFinishedJobs(settings));
      toRender = checked.get(SkipFinishedJobs.TO_RENDER);
      results = results.and(checked.get(SkipFinishedJobs.SKIPPED));
    }

    PCollectionTuple planned = toRender.apply("PlanJobs", new PlanJobs(settings));
    PCollection<JobPlan> plans = planned.get(PlanJobs.PLANNED);

    // Chunks shared between positions and jobs live in a folder of this run, removed after assembly.
    String sharedFolder = settings.sharedChunkFolder(java.util.UUID.randomUUID().toString());
    PCollectionTuple rendered = plans
        .apply("ExpandChunks", new ExpandChunks(settings))
        .apply("RenderChunks", new RenderChunks(settings, sharedFolder));
    PCollectionTuple audio = plans.apply("EncodeAudio", new EncodeAudio(settings));

    PCollection<KV<String, JobFailure>> renderFailures = PCollectionList.of(rendered.get(RenderChunks.FAILED))
        .and(audio.get(EncodeAudio.FAILED))
        .apply("FlattenRenderFailures", Flatten.pCollections())
        .apply("KeyFailures", WithKeys.of(JobFailure::jobId).withKeyType(TypeDescriptors.strings()));

    PCollection<JobResult> assembled = KeyedPCollectionTuple
        .of(AssembleVideos.PLAN, plans.apply("KeyPlans", WithKeys.of(JobPlan::id).withKeyType(TypeDescriptors.strings())))
        .and(AssembleVideos.CHUNKS, rendered.get(RenderChunks.RENDERED))
        .and(AssembleVideos.AUDIO, audio.get(EncodeAudio.ENCODED))
        .and(AssembleVideos.FAILURES, renderFailures)
        .apply("GroupByJob", CoGroupByKey.create())
        .apply("AssembleVideos", new AssembleVideos(settings));

    if (settings.reuseChunks()) {
      rendered.get(RenderChunks.RENDERED)
          .apply("SharedChunkFiles", MapElements.into(TypeDescriptors.strings()).via(chunk -> chunk.getValue().uri()))
          .apply("EachFileOnce", Distinct.create())
          .apply("AfterAssembly", Wait.on(assembled))
          .apply("DeleteSharedChunks", ParDo.of(new DeleteFn()));
    }

    // Jobs that never reach assembly: reported from their failure records here.
    PCollection<JobResult> unassembled = PCollectionList.of(unique.get(RejectDuplicateIds.DUPLICATES))
        .and(planned.get(PlanJobs.FAILED))
        .apply("FlattenEarlyFailures", Flatten.pCollections())
        .apply("ReportEarlyFailures", MapElements.into(TypeDescriptor.of(JobResult.class)).via(JobResult::failed));
    return results.and(unassembled).and(assembled)
        .apply("Report", Flatten.pCollections());
  }

  /** Deletes a shared chunk file once every job of the run has been assembled. */
  static final class DeleteFn extends DoFn<String, Void> {
    @ProcessElement
    public void process(@Element String uri) throws java.io.IOException {
      Storage.delete(java.util.List.of(uri));
    }
  }
}
