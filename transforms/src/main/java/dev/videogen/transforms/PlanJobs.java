package dev.videogen.transforms;

import dev.videogen.media.Sha256;
import dev.videogen.media.BadInputException;
import dev.videogen.media.audio.AudioProbe;
import dev.videogen.media.audio.AudioTrackInfo;
import dev.videogen.media.captions.Cue;
import dev.videogen.media.captions.CueParser;
import dev.videogen.media.audio.LoudnessNormaliser;
import dev.videogen.media.image.ImageDecoder;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.overlay.FontFace;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.spec.AudioTrackSpec;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.media.spec.OverlaySpec;
import dev.videogen.media.spec.SlideSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Validates each job and fixes its plan: parses the spec, probes every image (slides and overlay pictures:
 * header and structure) and every audio track (decoded, sample-exact), and places the slides and overlays on
 * the frame grid. A bad job becomes a {@link JobFailure} on {@link #FAILED}, never an exception that kills the
 * batch.
 */
public final class PlanJobs extends PTransform<PCollection<JobRequest>, PCollectionTuple> {
  public static final TupleTag<JobPlan> PLANNED = new TupleTag<>() {};
  public static final TupleTag<JobFailure> FAILED = new TupleTag<>() {};

  private final RenderSettings settings;

  public PlanJobs(RenderSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<JobRequest> requests) {
    return requests.apply("Plan", ParDo.of(new PlanJobFn(settings)).withOutputTags(PLANNED, TupleTagList.of(FAILED)));
  }

  static final class PlanJobFn extends DoFn<JobRequest, JobPlan> {
    private final RenderSettings settings;
    private final Counter failed = VideogenMetrics.counter(VideogenMetrics.JOBS_FAILED_PLANNING);
    private final Counter framesPlanned = VideogenMetrics.counter(VideogenMetrics.FRAMES_PLANNED);
    private final StageTimer work = StageTimer.of(VideogenMetrics.WORK_PLAN);
    private final StageTimer audioProbes = StageTimer.of(VideogenMetrics.WORK_PLAN_AUDIO);

    PlanJobFn(RenderSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element JobRequest request, MultiOutputReceiver out) {
      String output = request.outputOverride();
      try (StageTimer.Lap lap = work.start()) {
        JobSpec spec = request.spec();
        output = spec.output();
        refuseFolderOutput(output);
        JobPlan plan = plan(spec, settings, audioProbes);
        framesPlanned.inc(plan.frames());
        out.get(PLANNED).output(plan);
      } catch (BadInputException e) {
        failed.inc();
        String id = JobSpecParser.peekId(request.specJson());
        out.get(FAILED).output(JobFailure.of(id != null ? id : request.source(), output, JobFailure.Stage.PLAN, e));
      }
    }
  }

  /**
   * A local output path naming an existing folder is refused before anything is probed or rendered: the
   * publish at the end would fail (a file cannot replace a folder) after all the work.
   */
  static void refuseFolderOutput(String output) {
    Path local = output == null ? null : Storage.localPath(output);
    if (local != null && Files.isDirectory(local)) {
      throw new BadInputException(output, "is an existing folder: the output must be a file path (such as "
          + local.resolve("video.mp4") + ")");
    }
  }

  /**
   * Probes the spec's inputs through FileSystems and plans the job: the one planning path, also taken by
   * {@code videogen preview} so its frames are the render's.
   */
  public static JobPlan plan(JobSpec spec, RenderSettings settings) {
    return plan(spec, settings, StageTimer.OFF);
  }

  /** As {@link #plan(JobSpec, RenderSettings)}, the audio probes (each a full decode) timed by {@code audioProbes}. */
  static JobPlan plan(JobSpec spec, RenderSettings settings, StageTimer audioProbes) {
    Map<String, ImageInfo> images = new LinkedHashMap<>();
    Map<String, String> digests = new LinkedHashMap<>();
    for (SlideSpec slide : spec.slides()) {
      if (!images.containsKey(slide.image())) {
        byte[] bytes = Storage.readBytes(slide.image());
        images.put(slide.image(), ImageDecoder.probe(slide.image(), bytes, settings.maxImagePixels()));
        digests.put(slide.image(), Sha256.hex(bytes));
      }
    }
    for (OverlaySpec overlay : spec.overlays()) {
      if (overlay.isImage() && !digests.containsKey(overlay.image())) {
        // Checked like a slide's image (format, completeness, pixel limit); its digest keys the chunks it shows in.
        byte[] bytes = Storage.readBytes(overlay.image());
        images.put(overlay.image(), ImageDecoder.probe(overlay.image(), bytes, settings.maxImagePixels()));
        digests.put(overlay.image(), Sha256.hex(bytes));
      }
      String font = overlay.isImage() ? null : overlay.style().font();
      if (font != null && !digests.containsKey(font)) {
        byte[] bytes = Storage.readBytes(font);
        FontFace.read(bytes, font); // a file that is no usable TrueType font fails the job here, naming it
        digests.put(font, Sha256.hex(bytes));
      }
    }
    List<AudioTrackInfo> audio = new ArrayList<>();
    // A track played more than once (a short piece repeated to fill hours) is measured once.
    Map<AudioSource, AudioTrackInfo> measured = new HashMap<>();
    for (AudioTrackSpec track : spec.audio()) {
      audio.add(measured.computeIfAbsent(new AudioSource(track.uri(), track.stream()),
          source -> measureAudio(spec, track, audioProbes)));
    }
    List<Cue> captions = spec.captions() == null ? List.of()
        : CueParser.parse(spec.captions().uri(), Storage.readBytes(spec.captions().uri()));
    return JobPlanner.plan(spec, images, digests, audio, captions, settings.bytesKey());
  }

  /** One track's length, rate and tags (and loudness, when the job normalises), timed by {@code audioProbes}. */
  private static AudioTrackInfo measureAudio(JobSpec spec, AudioTrackSpec track, StageTimer audioProbes) {
    try (StageTimer.Lap lap = audioProbes.start();
        Storage.LocalFile local = Storage.openLocal(track.uri(), ".audio")) {
      // With normalisation the probe's decode pass also measures the loudness.
      return spec.loudness() != null
          ? LoudnessNormaliser.probe(track.uri(), local.path(), track.stream(), spec.loudness().target(),
              spec.loudness().truePeak())
          : AudioProbe.probe(track.uri(), local.path(), track.stream());
    }
  }

  /** One audio stream of one file: what a probe measures. */
  private record AudioSource(String uri, int stream) {}
}
