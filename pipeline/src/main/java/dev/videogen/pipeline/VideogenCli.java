package dev.videogen.pipeline;

import dev.videogen.media.LocalFiles;
import dev.videogen.media.BadInputException;
import dev.videogen.media.preview.ContactSheet;
import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.spec.InputUris;
import dev.videogen.transforms.JobRequest;
import dev.videogen.transforms.JobResult;
import dev.videogen.transforms.RenderSettings;
import dev.videogen.transforms.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The command line (contract):
 *
 * <pre>
 * videogen render SPEC.json [--output=URI] [beam options…]
 * videogen probe VIDEO.mp4
 * videogen preview SPEC.json [--output=DIR] [--video]
 * </pre>
 *
 * Exit status: 0 all jobs ok; 2 bad command line; 3 one or more jobs failed.
 */
public final class VideogenCli {
  public static final int OK = 0;
  public static final int USAGE = 2;
  public static final int JOBS_FAILED = 3;

  static final String USAGE_TEXT = """
      usage:
        videogen render SPEC.json [--output=URI] [beam options…]   render one video
        videogen batch MANIFEST --report=URI [--resume] [beam options…]
                 MANIFEST: a .jsonl file (one spec per line), a folder of .json specs, or a glob
        videogen probe VIDEO.mp4 [object storage options]          frames, duration, streams, as JSON
        videogen preview SPEC.json [--output=DIR] [--video] [--cellWidth=%1$d] [--previewFps=%2$s]
                 [--previewScale=%3$s] [object storage options]    contact sheet (and small video) in seconds
        videogen --help

      options (besides Beam's own, e.g. --runner=DirectRunner, --targetParallelism=N):
        --output=URI           render: where to write the MP4 (a path, s3:// or gs:// URI); overrides the spec
        --report=URI           batch: where to write the JSON Lines report (required)
        --resume               batch: skip jobs whose output exists and was rendered from the same spec
        preview: --output=DIR  where DIR/<id>-contact.png (and DIR/<id>-preview.mp4) go; default: the spec's
                               output without .mp4, plus .preview (out/x.mp4 -> out/x.preview/)
                 --video       also render the whole job small and fast: --previewScale of the size (%3$s,
                               even, at least 16 px), at most --previewFps frames/s (%2$s), ultrafast, crf 30
                 --cellWidth=N width of a contact sheet cell in pixels (%1$d; at most the video's width)
        --chunkSeconds=S       length of a render chunk (default %4$s)
        --encoderThreads=N     libx264 threads per chunk (default %5$d; part of the output's identity)
        --reuseChunks=false    render repeated chunks again instead of once (same bytes either way)
        --segmentedAudio=false encode every audio track with one AAC encoder (default: a track of 10 min or more
                               is encoded in 87-s segments spread over the workers, each seam checked)
        --workLocation=URI     folder for intermediate files (default: the system temporary folder)
        --maxImagePixels=N     refuse larger images before decoding (default %6$d)
        --sourceCacheMegabytes=N  per-worker image cache budget (default %7$d)
        --timings=PATH         after the run, write where the time went as JSON: JVM start to pipeline start,
                               the pipeline's wall time, each stage's work per element (count/sum/min/max ms)

      object storage: paths may be s3://bucket/key or gs://bucket/key. S3 takes Beam's --endpoint=URL,
        --awsRegion=REGION, --awsCredentialsProvider=JSON (default: the standard AWS chain), and
        --s3PathStyleAccess=true for S3-compatible stores (MinIO, Supabase Storage, s3proxy).

      exit status: 0 ok, 2 bad command line, 3 a job failed (the message says which file or field, and why)
      """.formatted(ContactSheet.DEFAULT_CELL_WIDTH, number(PreviewOptions.DEFAULT_FPS),
      number(PreviewOptions.DEFAULT_SCALE), number(RenderSettings.DEFAULT_CHUNK_SECONDS),
      RenderSettings.DEFAULT_ENCODER_THREADS, RenderSettings.DEFAULT_MAX_IMAGE_PIXELS,
      RenderSettings.DEFAULT_SOURCE_CACHE_MEGABYTES);

  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  VideogenCli(PrintStream out, PrintStream err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  public static void main(String[] args) {
    System.exit(new VideogenCli(System.out, System.err, System.console() != null).run(args));
  }

  int run(String[] args) {
    try {
      if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
        out.print(USAGE_TEXT);
        return args.length == 0 ? USAGE : OK;
      }
      String command = args[0];
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      return switch (command) {
        case "render" -> render(rest);
        case "batch" -> batch(rest);
        case "probe" -> probe(rest);
        case "preview" -> preview(rest);
        default -> throw new UsageException("unknown command '" + command + "'");
      };
    } catch (UsageException e) {
      err.println("videogen: " + e.getMessage());
      err.println("run 'videogen --help' for usage");
      return USAGE;
    }
  }

  private int render(String[] args) {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new UsageException("render needs a spec file: videogen render SPEC.json [--output=URI]");
    }
    String specUri = args[0];
    VideogenOptions options = parseOptions(Arrays.copyOfRange(args, 1, args.length));
    String specJson = readSpec(specUri);
    JobRequest job = new JobRequest(specUri, InputUris.folderOf(specUri), specJson, options.getOutput());
    return runJobs(options, List.of(job), false);
  }

  private int batch(String[] args) {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new UsageException("batch needs a manifest: videogen batch MANIFEST --report=URI [--resume]");
    }
    VideogenOptions options = parseOptions(Arrays.copyOfRange(args, 1, args.length));
    if (options.getReport() == null) {
      throw new UsageException("batch needs --report=URI");
    }
    if (options.getOutput() != null) {
      throw new UsageException("--output is for render; in a batch each spec names its output");
    }
    List<JobRequest> jobs;
    try {
      jobs = JobSources.read(args[0], null);
    } catch (BadInputException e) {
      throw new UsageException("cannot read the manifest " + e.getMessage());
    }
    if (jobs.isEmpty()) {
      throw new UsageException("no jobs in " + args[0]);
    }
    return runJobs(options, jobs, true);
  }

  /** Runs the jobs, then prints what became of each and returns the exit status. */
  private int runJobs(VideogenOptions options, List<JobRequest> jobs, boolean summary) {
    String report = options.getReport();
    Path localReport = null;
    try {
      if (report == null) {
        localReport = Files.createTempFile("videogen-report-", ".jsonl");
        report = localReport.toString();
      }
      long started = System.nanoTime();
      PipelineResult.State state = VideogenPipeline.run(options, jobs, report, err, interactive);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (state != PipelineResult.State.DONE) {
        err.println("videogen: pipeline ended " + state);
        return JOBS_FAILED;
      }
      List<JobResult> results = readReport(report);
      printResults(results, seconds);
      if (summary) {
        printSummary(results, seconds, report);
      }
      boolean allOk = !results.isEmpty() && results.stream().noneMatch(r -> r.status() == JobResult.Status.FAILED);
      return allOk ? OK : JOBS_FAILED;
    } catch (IOException e) {
      err.println("videogen: " + e.getMessage());
      return JOBS_FAILED;
    } finally {
      LocalFiles.deleteQuietly(localReport);
    }
  }

  private void printResults(List<JobResult> results, double seconds) {
    for (JobResult result : results) {
      switch (result.status()) {
        case OK -> {
          out.printf("job %s ok: %s (%d frames, %.2f s of video)%n",
              result.id(), result.output(), result.frames(), result.seconds());
          result.files().forEach(file -> out.printf("  beside it: %s%n", file));
          result.warnings().forEach(warning -> err.printf("job %s warning: %s%n", result.id(), warning));
        }
        case SKIPPED -> out.printf("job %s skipped: %s was already rendered from this spec%n", result.id(), result.output());
        case FAILED -> err.printf("job %s failed while %s: %s%n", result.id(), result.stage().doing(), result.error());
      }
    }
    long frames = results.stream().filter(r -> r.status() == JobResult.Status.OK).mapToLong(JobResult::frames).sum();
    out.printf("rendered %d frames in %.1f s (%.1f frames/s)%n", frames, seconds, frames / seconds);
  }

  private void printSummary(List<JobResult> results, double seconds, String report) {
    long ok = results.stream().filter(r -> r.status() == JobResult.Status.OK).count();
    long failed = results.stream().filter(r -> r.status() == JobResult.Status.FAILED).count();
    long skipped = results.stream().filter(r -> r.status() == JobResult.Status.SKIPPED).count();
    out.printf("batch: %d jobs: %d ok, %d failed, %d skipped; wall time %.1f s; report %s%n",
        results.size(), ok, failed, skipped, seconds, report);
  }

  private int preview(String[] args) {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new UsageException("preview needs a spec file: videogen preview SPEC.json [--output=DIR] [--video]");
    }
    String specUri = args[0];
    PipelineOptionsFactory.register(PreviewOptions.class);
    PreviewOptions options = parseOptions(Arrays.copyOfRange(args, 1, args.length)).as(PreviewOptions.class);
    PreviewCommand.checkRanges(options);
    String specJson = readSpec(specUri);
    JobRequest job = new JobRequest(specUri, InputUris.folderOf(specUri), specJson, null);
    return new PreviewCommand(out, err, interactive).run(options, job);
  }

  private int probe(String[] args) {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new UsageException("probe needs a video: videogen probe VIDEO.mp4 [object storage options]");
    }
    parseOptions(Arrays.copyOfRange(args, 1, args.length)); // e.g. the S3 endpoint of an s3:// video
    String uri = args[0];
    // A local file is probed where it is; object storage is copied first (FFmpeg never opens a URI).
    try (Storage.LocalFile local = Storage.openLocal(uri, ".mp4")) {
      out.println(MediaProbe.probe(local.path()).toJson());
      return OK;
    } catch (BadInputException e) {
      err.println("videogen: " + e.getMessage());
      return JOBS_FAILED;
    }
  }

  private VideogenOptions parseOptions(String[] args) {
    try {
      VideogenOptions options = PipelineOptionsFactory
          .fromArgs(withDirectRunnerDefaults(RunnerPresets.apply(args, err)))
          .withValidation()
          .as(VideogenOptions.class);
      if (options.getS3ClientFactoryClass() == DefaultS3ClientBuilderFactory.class) {
        options.setS3ClientFactoryClass(PathStyleS3ClientBuilderFactory.class);
      }
      if (RunnerPresets.value(args, "awsRegion").isEmpty()) {
        // Beam resolves its default region when the S3 file system is registered, in every run, S3 or not, by a
        // chain that ends in the EC2 instance metadata service: an HTTP call to 169.254.169.254 that cost ~1 s per
        // run here. Left unset, the S3 client resolves it by the same chain when first built: only in a run that
        // reads or writes s3://.
        options.setAwsRegion(null);
      }
      FileSystems.setDefaultPipelineOptions(options);
      if (RunnerPresets.value(args, "audioThreads").isPresent()) {
        err.println("videogen: --audioThreads is ignored: a segmented track's segments are spread over the "
            + "runner's workers");
      }
      return options;
    } catch (IllegalArgumentException e) {
      throw new UsageException(badArgument(args).map(arg -> arg + ": ").orElse("") + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /**
   * The argument Beam's parser failed on, found by parsing each alone: Beam's message for a value of the wrong
   * type (Jackson's "Cannot deserialize value of type `int` from String …") does not name the option.
   */
  private static java.util.Optional<String> badArgument(String[] args) {
    for (String arg : args) {
      try {
        PipelineOptionsFactory.fromArgs(arg).as(VideogenOptions.class);
      } catch (IllegalArgumentException e) {
        return java.util.Optional.of(arg);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The DirectRunner as videogen runs it, each option unless the command line sets it:
   * <ul>
   *   <li>one bundle per core ({@code --targetParallelism}). Beam's default, max(cores, 3), leaves a pool thread
   *       free while every core already encodes a chunk, and the runner's monitor spins on any free thread:
   *       measured here on 2 cores, a third of the machine went to it;
   *   <li>no immutability or encodability checks ({@code --enforceImmutability=false
   *       --enforceEncodability=false}). They encode and compare every element to catch a DoFn that mutates its
   *       input or an element its coder cannot carry: checks for development, which the tests keep (TestPipeline
   *       runs with them on, and the Flink tests really encode every element). In a render they cost Java
   *       serialisation and its compilation: ~1.6 CPU-s of a 20-minute looped job's 12 (docs/PERFORMANCE.md).
   * </ul>
   */
  static String[] withDirectRunnerDefaults(String[] args) {
    boolean direct = PipelineOptionsFactory.getRegisteredOptions().stream()
        .anyMatch(type -> type.getName().equals("org.apache.beam.runners.direct.DirectOptions"));
    if (!direct) {
      return args;
    }
    List<String> out = new ArrayList<>(Arrays.asList(args));
    for (String option : List.of("--targetParallelism=" + Runtime.getRuntime().availableProcessors(),
        "--enforceImmutability=false", "--enforceEncodability=false")) {
      if (RunnerPresets.value(args, option.substring(2, option.indexOf('='))).isEmpty()) {
        out.add(option);
      }
    }
    return out.toArray(String[]::new);
  }

  private static String readSpec(String uri) {
    try {
      return new String(Storage.readBytes(uri), StandardCharsets.UTF_8);
    } catch (BadInputException e) {
      throw new UsageException("cannot read the spec " + e.getMessage());
    }
  }

  /** A default as the usage text shows it: 10, not 10.0. */
  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  static List<JobResult> readReport(String uri) {
    return new String(Storage.readBytes(uri), StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isBlank())
        .map(JobResult::fromJson)
        .toList();
  }
}
