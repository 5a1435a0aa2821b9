package dev.videogen.transforms;

import dev.videogen.media.LocalFiles;
import dev.videogen.media.BadInputException;
import dev.videogen.media.codec.VideoChunkEncoder;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.plan.ChunkTask;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.FrameSink;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.render.SourceCache;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Renders and encodes chunks, each distinct one once: chunks are keyed by content (with reuse off, by job
 * and index, so every chunk is its own), one task per key is rendered — Ken Burns frames from the worker's
 * shared source cache straight into libx264, inside one DoFn call — and the encoded file is joined back to
 * every position with that key, in every job of the run. Chunk files carry their own time line (pts from
 * 0), so the same file serves any position; the assembler places it. A chunk's name is a function of its
 * key (shared) or of (job, spec hash, index), and the encoder is deterministic, so a retried bundle
 * rewrites the same bytes.
 */
public final class RenderChunks extends PTransform<PCollection<ChunkTask>, PCollectionTuple> {
  public static final TupleTag<KV<String, EncodedChunk>> RENDERED = new TupleTag<>() {};
  /** One per job with a chunk whose input turned out bad at render time. */
  public static final TupleTag<JobFailure> FAILED = new TupleTag<>() {};
  /** Render key → the rendered file (one per distinct chunk). */
  static final TupleTag<KV<String, RenderedChunk>> RENDERED_ONCE = new TupleTag<>() {};
  /** Render key → why it could not be rendered (for the job of the task that was rendered). */
  static final TupleTag<KV<String, JobFailure>> FAILED_ONCE = new TupleTag<>() {};

  private static final TupleTag<ChunkTask> POSITIONS = new TupleTag<>() {};
  private static final TupleTag<RenderedChunk> FILES = new TupleTag<>() {};
  private static final TupleTag<JobFailure> REASONS = new TupleTag<>() {};

  private final RenderSettings settings;
  private final String sharedFolder;

  /** @param sharedFolder where chunks shared by positions and jobs of this run go (see {@link RenderSettings#sharedChunkFolder}) */
  public RenderChunks(RenderSettings settings, String sharedFolder) {
    this.settings = settings;
    this.sharedFolder = sharedFolder;
  }

  /** One distinct rendered chunk file. */
  record RenderedChunk(String uri, long frames, boolean shared) implements Serializable {}

  @Override
  public PCollectionTuple expand(PCollection<ChunkTask> chunks) {
    PCollection<KV<String, ChunkTask>> keyed = chunks.apply("KeyByContent",
        WithKeys.of(new RenderKey(settings.reuseChunks())).withKeyType(TypeDescriptors.strings()));
    PCollectionTuple once = keyed
        .apply("OnePerKey", Combine.perKey(new FirstTask()))
        .apply("Tasks", Values.create())
        .apply("SpreadOverWorkers", Reshuffle.viaRandomKey())
        .apply("RenderAndEncode", ParDo.of(new RenderChunkFn(settings, sharedFolder))
            .withOutputTags(RENDERED_ONCE, TupleTagList.of(FAILED_ONCE)));
    return KeyedPCollectionTuple.of(POSITIONS, keyed)
        .and(FILES, once.get(RENDERED_ONCE))
        .and(REASONS, once.get(FAILED_ONCE))
        .apply("JoinBack", CoGroupByKey.create())
        .apply("PlaceChunks", ParDo.of(new PlaceFn()).withOutputTags(RENDERED, TupleTagList.of(FAILED)));
  }

  /** The content key, or with reuse off a key unique to the position. */
  static final class RenderKey implements SerializableFunction<ChunkTask, String> {
    private final boolean reuse;

    RenderKey(boolean reuse) {
      this.reuse = reuse;
    }

    @Override
    public String apply(ChunkTask task) {
      return reuse ? task.contentKey() : task.contentKey() + "/" + task.jobId() + "/" + task.index();
    }
  }

  /** The same task whichever copy of a key arrives first: the smallest (job, index). */
  static final class FirstTask implements SerializableFunction<Iterable<ChunkTask>, ChunkTask> {
    private static final Comparator<ChunkTask> ORDER =
        Comparator.comparing(ChunkTask::jobId).thenComparingInt(ChunkTask::index);

    @Override
    public ChunkTask apply(Iterable<ChunkTask> tasks) {
      return StreamSupport.stream(tasks.spliterator(), false).min(ORDER).orElseThrow();
    }
  }

  /** The chunk file of {@code task}: deterministic, so retries overwrite rather than duplicate. */
  static String chunkUri(RenderSettings settings, String sharedFolder, ChunkTask task) {
    if (settings.reuseChunks()) {
      return sharedFolder + "/" + task.contentKey() + ".vgp";
    }
    return settings.jobWorkFolder(task.jobId(), task.specHash()) + String.format("/video-%06d.vgp", task.index());
  }

  static final class RenderChunkFn extends DoFn<ChunkTask, KV<String, RenderedChunk>> {
    private final RenderSettings settings;
    private final String sharedFolder;
    private final Counter framesRendered = VideogenMetrics.counter(VideogenMetrics.FRAMES_RENDERED);
    private final Counter chunksRendered = VideogenMetrics.counter(VideogenMetrics.CHUNKS_RENDERED);
    private final StageTimer work = StageTimer.of(VideogenMetrics.WORK_RENDER_CHUNK);
    private transient SourceCache sources;
    private transient ChunkRenderer renderer;

    RenderChunkFn(RenderSettings settings, String sharedFolder) {
      this.settings = settings;
      this.sharedFolder = sharedFolder;
    }

    @Setup
    public void setup() {
      sources = SharedSourceCache.acquire(settings);
    }

    @ProcessElement
    public void process(@Element ChunkTask task, MultiOutputReceiver out) throws IOException {
      try (StageTimer.Lap lap = work.start()) {
        renderAndPublish(task, out);
      }
    }

    private void renderAndPublish(ChunkTask task, MultiOutputReceiver out) throws IOException {
      FaultInjection.parse(settings.faultInjection()).beforeChunk(task, settings); // no-op unless --faultInjection
      String key = new RenderKey(settings.reuseChunks()).apply(task);
      VideoEncoderSettings encoder = task.encoder();
      ChunkRenderer chunkRenderer = rendererFor(encoder.width(), encoder.height());
      String uri = chunkUri(settings, sharedFolder, task);
      Path local = Files.createTempFile("videogen-chunk-", ".vgp");
      try {
        long frames;
        // The chunk's own time line starts at 0: the same file can sit at any position.
        try (VideoChunkEncoder chunkEncoder = new VideoChunkEncoder(encoder, local, 0)) {
          chunkRenderer.render(task, counted(chunkEncoder.asSink()));
          frames = chunkEncoder.finish();
        }
        if (frames != task.frames()) {
          throw new IllegalStateException("chunk " + task.index() + " of job " + task.jobId() + " encoded "
              + frames + " frames, planned " + task.frames());
        }
        Storage.publish(local, uri);
        chunksRendered.inc();
        out.get(RENDERED_ONCE).output(KV.of(key, new RenderedChunk(uri, frames, settings.reuseChunks())));
      } catch (BadInputException e) {
        out.get(FAILED_ONCE).output(KV.of(key, JobFailure.of(task.jobId(), null, JobFailure.Stage.RENDER, e)));
      } finally {
        LocalFiles.deleteQuietly(local);
      }
    }

    /** Counts frames as they are encoded, so progress moves within a chunk (attempts, on a retry). */
    private FrameSink counted(FrameSink sink) {
      return new FrameSink() {
        @Override
        public YuvPlanes frame() {
          return sink.frame();
        }

        @Override
        public void accept(long frameIndex) {
          sink.accept(frameIndex);
          framesRendered.inc();
        }
      };
    }

    /** One renderer per DoFn instance, rebuilt only when a batch moves to another output size. */
    private ChunkRenderer rendererFor(int width, int height) {
      if (renderer != null && (renderer.width() != width || renderer.height() != height)) {
        renderer.close();
        renderer = null;
      }
      if (renderer == null) {
        renderer = new ChunkRenderer(width, height, sources);
      }
      return renderer;
    }

    @Teardown
    public void teardown() {
      if (renderer != null) {
        renderer.close();
        renderer = null;
      }
      if (sources != null) {
        sources = null;
        SharedSourceCache.release();
      }
    }
  }

  /** Every position of a key gets the key's one file (or its failure). */
  static final class PlaceFn extends DoFn<KV<String, CoGbkResult>, KV<String, EncodedChunk>> {
    private final Counter chunksReused = VideogenMetrics.counter(VideogenMetrics.CHUNKS_REUSED);
    private final Counter framesReused = VideogenMetrics.counter(VideogenMetrics.FRAMES_REUSED);

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      CoGbkResult parts = group.getValue();
      RenderedChunk file = parts.getOnly(FILES, null);
      List<JobFailure> reasons = StreamSupport.stream(parts.getAll(REASONS).spliterator(), false).toList();
      long positions = 0;
      java.util.Set<String> failedJobs = new java.util.HashSet<>();
      for (ChunkTask task : parts.getAll(POSITIONS)) {
        positions++;
        if (file != null) {
          out.get(RENDERED).output(KV.of(task.jobId(),
              new EncodedChunk(task.jobId(), task.index(), file.uri(), task.firstFrame(), file.frames(), file.shared())));
        } else if (!reasons.isEmpty()) {
          if (failedJobs.add(task.jobId())) {
            out.get(FAILED).output(reasons.get(0).forJob(task.jobId()));
          }
        } else {
          throw new IllegalStateException("chunk " + group.getKey() + " was neither rendered nor failed");
        }
        if (file != null && positions > 1) {
          chunksReused.inc();
          framesReused.inc(task.frames());
        }
      }
    }
  }
}
