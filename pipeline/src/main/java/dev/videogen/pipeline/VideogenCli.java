package dev.videogen.pipeline;

import dev.videogen.media.BadInputException;
import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.spec.InputUris;
import dev.videogen.transforms.JobRequest;
import dev.videogen.transforms.JobResult;
import dev.videogen.transforms.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The command line (contract):
 *
 * <pre>
 * videogen render SPEC.json [--output=URI] [beam options…]
 * videogen probe VIDEO.mp4
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
        videogen probe VIDEO.mp4                                   frames, duration, streams, as JSON
        videogen --help

      render options (besides Beam's own, e.g. --runner=DirectRunner, --targetParallelism=N):
        --output=URI           where to write the MP4 (a path, s3:// or gs:// URI); overrides the spec
        --chunkSeconds=S       length of a render chunk (default 10)
        --encoderThreads=N     libx264 threads per chunk (default 1; part of the output's identity)
        --workLocation=URI     folder for intermediate files (default: the system temporary folder)
        --maxImagePixels=N     refuse larger images before decoding (default 150000000)
        --sourceCacheMegabytes=N  per-worker image cache budget (default 1024)

      exit status: 0 ok, 2 bad command line, 3 a job failed (the message says which file or field, and why)
      """;

  private final PrintStream out;
  private final PrintStream err;

  VideogenCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new VideogenCli(System.out, System.err).run(args));
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
        case "probe" -> probe(rest);
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
    String report = options.getReport();
    Path localReport = null;
    try {
      if (report == null) {
        localReport = Files.createTempFile("videogen-report-", ".jsonl");
        report = localReport.toString();
      }
      long started = System.nanoTime();
      PipelineResult.State state = VideogenPipeline.run(options, List.of(job), report);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (state != PipelineResult.State.DONE) {
        err.println("videogen: pipeline ended " + state);
        return JOBS_FAILED;
      }
      return summarise(readReport(report), seconds);
    } catch (IOException e) {
      err.println("videogen: " + e.getMessage());
      return JOBS_FAILED;
    } finally {
      Storage.deleteQuietly(localReport);
    }
  }

  private int summarise(List<JobResult> results, double seconds) {
    boolean allOk = !results.isEmpty();
    for (JobResult result : results) {
      switch (result.status()) {
        case OK -> out.printf("job %s ok: %s (%d frames, %.2f s of video) in %.1f s, %.1f frames/s%n",
            result.id(), result.output(), result.frames(), result.seconds(), seconds, result.frames() / seconds);
        case SKIPPED -> out.printf("job %s skipped: %s is up to date%n", result.id(), result.output());
        case FAILED -> {
          allOk = false;
          err.printf("job %s failed: %s%n", result.id(), result.error());
        }
      }
    }
    return allOk ? OK : JOBS_FAILED;
  }

  private int probe(String[] args) {
    if (args.length != 1) {
      throw new UsageException("probe needs exactly one video: videogen probe VIDEO.mp4");
    }
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    String uri = args[0];
    Path local = null;
    try {
      // A local file is probed where it is; object storage is copied first (FFmpeg never opens a URI).
      if (InputUris.schemeOf(uri) == null) {
        out.println(MediaProbe.probe(Path.of(uri)).toJson());
      } else {
        local = Storage.copyToLocal(uri, ".mp4");
        out.println(MediaProbe.probe(local).toJson());
      }
      return OK;
    } catch (BadInputException e) {
      err.println("videogen: " + e.getMessage());
      return JOBS_FAILED;
    } finally {
      Storage.deleteQuietly(local);
    }
  }

  private VideogenOptions parseOptions(String[] args) {
    try {
      VideogenOptions options = PipelineOptionsFactory.fromArgs(RunnerPresets.apply(args, err)).withValidation().as(VideogenOptions.class);
      FileSystems.setDefaultPipelineOptions(options);
      return options;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static String readSpec(String uri) {
    try {
      return new String(Storage.readBytes(uri), StandardCharsets.UTF_8);
    } catch (BadInputException e) {
      throw new UsageException("cannot read the spec " + e.getMessage());
    }
  }

  private static List<JobResult> readReport(String uri) {
    return new String(Storage.readBytes(uri), StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isBlank())
        .map(JobResult::fromJson)
        .toList();
  }
}
