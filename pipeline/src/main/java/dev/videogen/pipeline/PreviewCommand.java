package dev.videogen.pipeline;

import dev.videogen.media.LocalFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.preview.ContactSheet;
import dev.videogen.media.preview.PlanFrames;
import dev.videogen.media.preview.SheetLayout;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.media.spec.VideoSettings;
import dev.videogen.transforms.JobRequest;
import dev.videogen.transforms.JobResult;
import dev.videogen.transforms.PlanJobs;
import dev.videogen.transforms.RenderSettings;
import dev.videogen.transforms.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code videogen preview SPEC [--output=DIR] [--video] …}: checks framing and motion in seconds, before the
 * full render. Plans the job exactly as the pipeline does ({@link PlanJobs#plan}), draws the contact sheet
 * from the real renderer ({@link PlanFrames}) and publishes it atomically as {@code DIR/<id>-contact.png};
 * with {@code --video}, renders a small, fast version of the whole job through the real pipeline as
 * {@code DIR/<id>-preview.mp4}. DIR defaults to the spec's output without {@code .mp4}, plus {@code .preview}.
 */
final class PreviewCommand {
  /** Settings of the preview video: fast to encode, good enough to judge motion. */
  static final int VIDEO_CRF = 30;
  static final String VIDEO_PRESET = "ultrafast";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Refuses preview options out of their range, naming the option (Beam's parser has checked their types). */
  static void checkRanges(PreviewOptions options) {
    checkRange("--cellWidth", options.getCellWidth(), 16, 3840);
    checkRange("--previewFps", options.getPreviewFps(), 1, 240);
    try {
      FrameRate.of(options.getPreviewFps());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--previewFps " + e.getMessage());
    }
    checkRange("--previewScale", options.getPreviewScale(), 0.01, 1);
  }

  private static void checkRange(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new UsageException(name + " must be from " + format(min) + " to " + format(max) + ", was " + format(value));
    }
  }

  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  PreviewCommand(PrintStream out, PrintStream err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  int run(PreviewOptions options, JobRequest request) {
    String id = JobSpecParser.peekId(request.specJson());
    String name = id != null ? id : request.source();
    long started = System.nanoTime();
    JobSpec spec;
    String contactUri;
    String videoUri;
    JobPlan plan;
    try {
      spec = request.spec();
      String folder = options.getOutput() != null ? options.getOutput() : defaultFolder(spec.output());
      String base = folder.replaceAll("/+$", "") + "/" + spec.id();
      contactUri = base + "-contact.png";
      videoUri = base + "-preview.mp4";
      if (spec.output() == null) {
        spec = spec.withOutput(videoUri); // planning wants an output; the preview never writes to it
      }
      RenderSettings settings = VideogenPipeline.settings(options);
      // Frames do not depend on loudness; measuring it would decode every track again (more for peaky ones).
      plan = PlanJobs.plan(spec.withLoudness(null), settings);
      int rows = writeContactSheet(plan, settings, options.getCellWidth(), contactUri);
      out.printf("contact sheet: %s (%d row%s of first/middle/last frames) in %.1f s%n", contactUri, rows,
          rows == 1 ? "" : "s", (System.nanoTime() - started) / 1e9);
    } catch (BadInputException e) {
      return failed(name, request, e.getMessage());
    } catch (IOException e) {
      return failed(name, request, "cannot write the contact sheet: " + e.getMessage());
    }
    if (!options.getVideo()) {
      return VideogenCli.OK;
    }
    return renderVideo(options, request, spec.video(), videoUri, name);
  }

  private int failed(String name, JobRequest request, String reason) {
    err.printf("job %s failed: %s (spec %s)%n", name, reason, request.source());
    return VideogenCli.JOBS_FAILED;
  }

  /** Draws and publishes the sheet; returns its number of rows. */
  private static int writeContactSheet(JobPlan plan, RenderSettings settings, int cellWidth, String uri)
      throws IOException {
    Path local = Files.createTempFile("videogen-contact-", ".png");
    try {
      try (SourceCache sources = new SourceCache(settings.sourceCacheBytes(), settings.maxImagePixels(),
              Storage::readBytes);
          PlanFrames frames = new PlanFrames(plan.spec().video().width(), plan.spec().video().height(), sources);
          Mat sheet = ContactSheet.draw(plan, frames, cellWidth)) {
        Files.write(local, ContactSheet.png(sheet));
      }
      Storage.publish(local, uri);
      return SheetLayout.rows(plan).size();
    } finally {
      LocalFiles.deleteQuietly(local);
    }
  }

  private int renderVideo(PreviewOptions options, JobRequest request, VideoSettings video, String videoUri,
      String name) {
    long started = System.nanoTime();
    Path report = null;
    try {
      JobRequest small = new JobRequest(request.source(), request.baseFolder(),
          previewSpecJson(request.specJson(), video, options.getPreviewFps(), options.getPreviewScale()), videoUri);
      report = Files.createTempFile("videogen-preview-report-", ".jsonl");
      PipelineResult.State state = VideogenPipeline.run(options, List.of(small), report.toString(), err, interactive);
      if (state != PipelineResult.State.DONE) {
        err.println("videogen: pipeline ended " + state);
        return VideogenCli.JOBS_FAILED;
      }
      List<JobResult> results = VideogenCli.readReport(report.toString());
      if (results.size() != 1 || results.get(0).status() != JobResult.Status.OK) {
        String reason = results.isEmpty() ? "no result" : results.get(0).error();
        return failed(name, request, "preview video: " + reason);
      }
      JobResult result = results.get(0);
      VideoSettings shown = JobSpecParser.parse(small.specJson(), small.baseFolder()).video();
      out.printf("preview video: %s (%d frames, %dx%d at %s fps, %.2f s) in %.1f s%n", result.output(),
          result.frames(), shown.width(), shown.height(), shown.fps(), result.seconds(),
          (System.nanoTime() - started) / 1e9);
      return VideogenCli.OK;
    } catch (IOException e) {
      err.println("videogen: " + e.getMessage());
      return VideogenCli.JOBS_FAILED;
    } finally {
      LocalFiles.deleteQuietly(report);
    }
  }

  /**
   * The spec of the preview video: the same slides, cameras, timing and audio, at {@code scale} of the size
   * (rounded to even), at most {@code fps} frames per second, with a fast encoder setting. Its frame grid is
   * round(duration × fps'), so its frames are not a subset of the full render's, but its timing is the same.
   */
  static String previewSpecJson(String specJson, VideoSettings video, double fps, double scale) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(specJson);
      ObjectNode settings = root.putObject("video");
      settings.put("width", even(video.width() * scale));
      settings.put("height", even(video.height() * scale));
      if (fps < video.fps().value()) {
        if (fps == Math.rint(fps)) {
          settings.put("fps", (int) fps);
        } else {
          settings.put("fps", fps);
        }
      } else if (video.fps().den() == 1) {
        settings.put("fps", video.fps().num());
      } else {
        settings.put("fps", video.fps().value());
      }
      settings.put("crf", VIDEO_CRF);
      settings.put("preset", VIDEO_PRESET);
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("a validated spec could not be re-read: " + e.getMessage(), e);
    }
  }

  /** The nearest even whole number, at least 16 (the smallest size a spec may ask for). */
  static int even(double size) {
    return (int) Math.max(16, 2 * Math.round(size / 2));
  }

  /** The spec's output without {@code .mp4}, plus {@code .preview}: the previews sit beside the video. */
  static String defaultFolder(String output) {
    if (output == null) {
      throw new BadInputException("output", "missing: set it in the spec or pass --output=DIR");
    }
    String stem = output.toLowerCase(Locale.ROOT).endsWith(".mp4") ? output.substring(0, output.length() - 4) : output;
    return stem + ".preview";
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
