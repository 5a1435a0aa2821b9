package dev.videogen.transforms;

import dev.videogen.media.BadInputException;
import dev.videogen.media.codec.VideoChunkEncoder;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.plan.ChunkTask;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.SourceCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Renders and encodes each chunk inside one DoFn call: Ken Burns frames from the worker's shared source
 * cache straight into libx264, one chunk file per task. The chunk's name is a function of (job, spec hash,
 * index) and the encoder is deterministic, so a retried bundle rewrites the same bytes.
 */
public final class RenderChunks extends PTransform<PCollection<ChunkTask>, PCollectionTuple> {
  public static final TupleTag<KV<String, EncodedChunk>> RENDERED = new TupleTag<>() {};
  /** Job id → reason, for a chunk whose input turned out bad at render time. */
  public static final TupleTag<KV<String, String>> FAILED = new TupleTag<>() {};

  private final RenderSettings settings;

  public RenderChunks(RenderSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<ChunkTask> chunks) {
    return chunks
        .apply("SpreadOverWorkers", Reshuffle.viaRandomKey())
        .apply("RenderAndEncode", ParDo.of(new RenderChunkFn(settings)).withOutputTags(RENDERED, TupleTagList.of(FAILED)));
  }

  /** The chunk file of {@code task}: deterministic, so retries overwrite rather than duplicate. */
  static String chunkUri(RenderSettings settings, ChunkTask task) {
    return settings.jobWorkFolder(task.jobId(), task.specHash()) + String.format("/video-%06d.vgp", task.index());
  }

  static final class RenderChunkFn extends DoFn<ChunkTask, KV<String, EncodedChunk>> {
    private final RenderSettings settings;
    private final Counter framesRendered = Metrics.counter(RenderChunks.class, "framesRendered");
    private final Counter chunksRendered = Metrics.counter(RenderChunks.class, "chunksRendered");
    private transient SourceCache sources;
    private transient ChunkRenderer renderer;

    RenderChunkFn(RenderSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      sources = SharedSourceCache.acquire(settings);
    }

    @ProcessElement
    public void process(@Element ChunkTask task, MultiOutputReceiver out) throws IOException {
      VideoEncoderSettings encoder = task.encoder();
      ChunkRenderer chunkRenderer = rendererFor(encoder.width(), encoder.height());
      String uri = chunkUri(settings, task);
      Path local = Files.createTempFile("videogen-chunk-", ".vgp");
      try {
        long frames;
        try (VideoChunkEncoder chunkEncoder = new VideoChunkEncoder(encoder, local, task.firstFrame())) {
          chunkRenderer.render(task.segments(), task.firstFrame(), task.endFrame(), chunkEncoder.asSink());
          frames = chunkEncoder.finish();
        }
        if (frames != task.frames()) {
          throw new IllegalStateException("chunk " + task.index() + " of job " + task.jobId() + " encoded "
              + frames + " frames, planned " + task.frames());
        }
        Storage.publish(local, uri);
        framesRendered.inc(frames);
        chunksRendered.inc();
        out.get(RENDERED).output(KV.of(task.jobId(), new EncodedChunk(task.jobId(), task.index(), uri, task.firstFrame(), frames)));
      } catch (BadInputException e) {
        out.get(FAILED).output(KV.of(task.jobId(), Failures.describe(e)));
      } finally {
        Storage.deleteQuietly(local);
      }
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
}
