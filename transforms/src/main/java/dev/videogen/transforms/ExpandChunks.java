package dev.videogen.transforms;

import dev.videogen.media.plan.ChunkPlanner;
import dev.videogen.media.plan.ChunkTask;
import dev.videogen.media.plan.JobPlan;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Splits each plan into contiguous chunk descriptors: frame ranges, no pixels. */
public final class ExpandChunks extends PTransform<PCollection<JobPlan>, PCollection<ChunkTask>> {
  private final RenderSettings settings;

  public ExpandChunks(RenderSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollection<ChunkTask> expand(PCollection<JobPlan> plans) {
    return plans.apply("Split", ParDo.of(new SplitFn(settings)));
  }

  static final class SplitFn extends DoFn<JobPlan, ChunkTask> {
    private final RenderSettings settings;

    SplitFn(RenderSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element JobPlan plan, OutputReceiver<ChunkTask> out) {
      ChunkPlanner.split(plan, settings.encoderSettings(plan), settings.chunkFrames(plan)).forEach(out::output);
    }
  }
}
