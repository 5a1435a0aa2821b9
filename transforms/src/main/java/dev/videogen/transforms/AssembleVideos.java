package dev.videogen.transforms;

import dev.videogen.media.BadInputException;
import dev.videogen.media.LocalFiles;
import dev.videogen.media.captions.CueWriter;
import dev.videogen.media.chapters.YouTubeChapters;
import dev.videogen.media.mux.AssembledVideo;
import dev.videogen.media.mux.TimedText;
import dev.videogen.media.mux.VideoAssembler;
import dev.videogen.media.plan.ChunkPlanner;
import dev.videogen.media.plan.ChunkTask;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.PlannedExtras;
import dev.videogen.media.preview.Thumbnail;
import dev.videogen.media.spec.CaptionsSpec;
import dev.videogen.media.spec.SideFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Turns each job's grouped chunks and audio into its MP4: checks the chunks are exactly the planned ones,
 * places them by packet copy (each chunk file re-timed to its position; one file may fill several), muxes
 * the audio, verifies the result and publishes it atomically; then removes the job's own intermediate files
 * (chunks shared with other positions or jobs are removed by {@link RenderVideos} after the whole run). A job with a failed chunk or audio is reported failed, and nothing is
 * written at its output path.
 *
 * <p>A job's chapters and captions go into the MP4; its side files ({@link SideFiles}: chapters text, SRT
 * and WebVTT captions, thumbnail decoded from the finished MP4) are made beside it in the same temporary
 * folder and published before it, each atomically; if any publish fails, those already published are
 * deleted and the job fails. So a job that fails leaves none of them, and an output that exists has its side
 * files.
 */
public final class AssembleVideos extends PTransform<PCollection<KV<String, CoGbkResult>>, PCollection<JobResult>> {
  public static final TupleTag<JobPlan> PLAN = new TupleTag<>() {};
  public static final TupleTag<EncodedChunk> CHUNKS = new TupleTag<>() {};
  public static final TupleTag<EncodedAudioTrack> AUDIO = new TupleTag<>() {};
  public static final TupleTag<JobFailure> FAILURES = new TupleTag<>() {};
  /** The MP4 tag carrying the spec hash, so a later run can tell an output was made from the same spec. */
  public static final String SPEC_HASH_TAG = "videogen_spec_sha256";

  private final RenderSettings settings;

  public AssembleVideos(RenderSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollection<JobResult> expand(PCollection<KV<String, CoGbkResult>> grouped) {
    return grouped.apply("ConcatMuxPublish", ParDo.of(new AssembleFn(settings)));
  }

  static final class AssembleFn extends DoFn<KV<String, CoGbkResult>, JobResult> {
    private final RenderSettings settings;
    private final Counter jobsOk = VideogenMetrics.counter(VideogenMetrics.JOBS_SUCCEEDED);
    private final Counter jobsFailed = VideogenMetrics.counter(VideogenMetrics.JOBS_FAILED);
    private final StageTimer work = StageTimer.of(VideogenMetrics.WORK_ASSEMBLE);
    private final StageTimer mux = StageTimer.of(VideogenMetrics.WORK_ASSEMBLE_MUX);
    private final StageTimer trailer = StageTimer.of(VideogenMetrics.WORK_ASSEMBLE_TRAILER);
    private final StageTimer verify = StageTimer.of(VideogenMetrics.WORK_ASSEMBLE_VERIFY);
    private final StageTimer publishing = StageTimer.of(VideogenMetrics.WORK_ASSEMBLE_PUBLISH);

    AssembleFn(RenderSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> job, OutputReceiver<JobResult> out) throws IOException {
      try (StageTimer.Lap lap = work.start()) {
        assembleAndPublish(job, out);
      }
    }

    private void assembleAndPublish(KV<String, CoGbkResult> job, OutputReceiver<JobResult> out) throws IOException {
      CoGbkResult parts = job.getValue();
      JobPlan plan = parts.getOnly(PLAN, null);
      if (plan == null) {
        return; // failed at planning: already reported
      }
      Map<Integer, EncodedChunk> chunks = new TreeMap<>();
      parts.getAll(CHUNKS).forEach(chunk -> chunks.put(chunk.index(), chunk));
      EncodedAudioTrack audio = parts.getOnly(AUDIO, null);
      // Shared chunks may serve other positions and jobs: they are removed after the whole run.
      List<String> intermediates = new ArrayList<>();
      chunks.values().stream().filter(chunk -> !chunk.shared()).forEach(chunk -> intermediates.add(chunk.uri()));
      if (audio != null) {
        intermediates.add(audio.uri());
      }
      List<JobFailure> failures = new ArrayList<>();
      parts.getAll(FAILURES).forEach(failures::add);
      String output = plan.spec().output();
      JobFailure.Stage stage = JobFailure.Stage.ASSEMBLE;
      Path folder = Files.createTempDirectory("videogen-assemble-");
      try {
        if (!failures.isEmpty()) {
          failures.sort(JobFailure.FIRST_TO_TELL);
          String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "";
          jobsFailed.inc();
          out.output(JobResult.failed(failures.get(0).withOutput(output).withReasonSuffix(more)));
          return;
        }
        checkComplete(plan, chunks);
        if (audio == null) {
          throw new IllegalStateException("job " + plan.id() + " has no encoded audio");
        }
        Path mp4 = folder.resolve(plan.id() + ".mp4");
        AssembledVideo video = assemble(plan, chunks, audio, mp4);
        mux.record(video.passes().mux());
        trailer.record(video.passes().trailer());
        verify.record(video.passes().verify());
        Map<String, Path> sideFiles = writeSideFiles(plan, mp4, folder);
        stage = JobFailure.Stage.PUBLISH;
        try (StageTimer.Lap lap = publishing.start()) {
          publish(sideFiles, mp4, output);
        }
        jobsOk.inc();
        out.output(JobResult.ok(plan.id(), output, video.frames(), video.videoSeconds(),
            SideFiles.of(plan.spec()).all(), plan.extras().warnings()));
      } catch (BadInputException e) {
        jobsFailed.inc();
        out.output(JobResult.failed(JobFailure.of(plan.id(), output, stage, e)));
      } finally {
        Storage.delete(intermediates);
        try (Stream<Path> files = Files.list(folder)) {
          files.forEach(LocalFiles::deleteQuietly);
        }
        LocalFiles.deleteQuietly(folder);
      }
    }

    /** The chunks must be exactly the planned ones: same indices, same frame ranges. */
    private void checkComplete(JobPlan plan, Map<Integer, EncodedChunk> chunks) {
      List<ChunkTask> planned = ChunkPlanner.split(plan, settings.encoderSettings(plan), settings.chunkFrames(plan));
      if (planned.size() != chunks.size()) {
        throw new IllegalStateException("job " + plan.id() + ": " + chunks.size() + " chunks arrived, "
            + planned.size() + " planned");
      }
      for (ChunkTask task : planned) {
        EncodedChunk chunk = chunks.get(task.index());
        if (chunk == null || chunk.firstFrame() != task.firstFrame() || chunk.frames() != task.frames()) {
          throw new IllegalStateException("job " + plan.id() + ": chunk " + task.index() + " is " + chunk
              + ", planned frames [" + task.firstFrame() + ", " + task.endFrame() + ")");
        }
      }
    }

    /** Joins the chunks (one local file per distinct chunk, however many positions it fills) and the audio. */
    private static AssembledVideo assemble(JobPlan plan, Map<Integer, EncodedChunk> chunks, EncodedAudioTrack audio,
        Path mp4) {
      Map<String, Storage.LocalFile> locals = new HashMap<>();
      try {
        List<VideoAssembler.Placement> placements = new ArrayList<>();
        for (EncodedChunk chunk : chunks.values()) {
          Storage.LocalFile local = locals.get(chunk.uri());
          if (local == null) {
            local = Storage.openLocal(chunk.uri(), ".vgp");
            locals.put(chunk.uri(), local);
          }
          placements.add(new VideoAssembler.Placement(local.path(), chunk.firstFrame()));
        }
        Storage.LocalFile localAudio = Storage.openLocal(audio.uri(), ".vgp");
        locals.put(audio.uri(), localAudio);
        return VideoAssembler.assemblePlaced(placements, plan.frames(), localAudio.path(), mp4,
            Map.of(SPEC_HASH_TAG, plan.specHash()), timedText(plan));
      } finally {
        locals.values().forEach(Storage.LocalFile::close);
      }
    }
  }

  /**
   * Publishes the side files, then the video; if any fails, the side files already published are deleted,
   * so a failed job leaves nothing beside its output either.
   */
  static void publish(Map<String, Path> sideFiles, Path mp4, String output) {
    List<String> published = new ArrayList<>();
    String publishing = null;
    try {
      for (Map.Entry<String, Path> side : sideFiles.entrySet()) {
        publishing = side.getKey();
        Storage.publish(side.getValue(), side.getKey());
        published.add(side.getKey());
      }
      publishing = output;
      Storage.publish(mp4, output);
    } catch (IOException e) {
      published.forEach(uri -> Storage.deleteQuietly(Storage.resource(uri)));
      throw new BadInputException(publishing, "cannot write the output: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      published.forEach(uri -> Storage.deleteQuietly(Storage.resource(uri)));
      throw e;
    }
  }

  /** The chapters and captions the MP4 carries. */
  static TimedText timedText(JobPlan plan) {
    PlannedExtras extras = plan.extras();
    if (extras.chapters().isEmpty() && extras.captions().isEmpty()) {
      return TimedText.NONE;
    }
    String language = plan.spec().captions() == null ? CaptionsSpec.UNDETERMINED : plan.spec().captions().language();
    return new TimedText(extras.chapters(), extras.captions(), language);
  }

  /** Writes the job's side files into {@code folder}; returns them by the URI each is published to, in order. */
  static Map<String, Path> writeSideFiles(JobPlan plan, Path mp4, Path folder) throws IOException {
    SideFiles names = SideFiles.of(plan.spec());
    Map<String, Path> files = new LinkedHashMap<>();
    if (names.chapters() != null) {
      files.put(names.chapters(), Files.writeString(folder.resolve("chapters.txt"),
          YouTubeChapters.text(plan.extras().chapters()), StandardCharsets.UTF_8));
    }
    if (names.srt() != null) {
      files.put(names.srt(), Files.writeString(folder.resolve("captions.srt"),
          CueWriter.srt(plan.extras().captions()), StandardCharsets.UTF_8));
      files.put(names.vtt(), Files.writeString(folder.resolve("captions.vtt"),
          CueWriter.vtt(plan.extras().captions()), StandardCharsets.UTF_8));
    }
    if (names.thumbnail() != null) {
      files.put(names.thumbnail(), Files.write(folder.resolve("thumbnail"),
          Thumbnail.of(mp4, plan.fps(), plan.extras().thumbnailFrame(), plan.spec().thumbnail().format())));
    }
    return files;
  }
}
