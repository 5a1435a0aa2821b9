package dev.videogen.bench;

import dev.videogen.media.Sha256;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.transforms.JobResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./videogen bench [--quick] [--photos=DIR] [--reps=N] …}: one run, same inputs, same encoder settings,
 * side by side — FFmpeg zoompan (naive and upscaled), encode-only (the ffmpeg program on raw frames in RAM,
 * and videogen's own chunked encoders fed from RAM), the render kernels (JMH, one thread), videogen end to
 * end on the DirectRunner (and embedded Flink when the jar has it), and render-once reuse on a looped job.
 * Repetitions are interleaved; medians are reported. Writes docs/BENCHMARKS.md and docs/benchmarks.svg.
 */
public final class Bench {
  static final String ZOOMPAN = "zoompan";
  static final String ZOOMPAN_UP = "zoompan + scale=8000";
  static final String ENCODE_FFMPEG = "encode only (ffmpeg, x264 threads auto)";
  static final String ENCODE_CHUNKED = "encode only (videogen chunks, 1 thread each)";
  static final String VIDEOGEN = "videogen DirectRunner";
  static final String VIDEOGEN_FLINK = "videogen embedded Flink";
  /**
   * The same slides for 0.2 s each: nearly all of a job's fixed cost (start, planning, decoding and pre-scaling
   * every photo, chunk set-up, audio, assembly) and few frames. The difference to the full job is the steady
   * state: what each further frame costs.
   */
  static final String VIDEOGEN_FIXED = "videogen DirectRunner, same slides 0.2 s each";
  /*
   * The long job: the same slides looped --longCycles times, so the per-job fixed costs (JVM, Beam, planning,
   * preparing the photos) weigh as little as they do in the hour-long videos videogen is for. Encode-only is fed
   * the very same frames (the one-cycle frames, looped).
   */
  static final String ENCODE_LONG = "long job: encode only (ffmpeg, x264 threads auto)";
  static final String VIDEOGEN_LONG = "long job: videogen DirectRunner, reuse off";
  static final String VIDEOGEN_LONG_REUSE = "long job: videogen DirectRunner, reuse on (default)";

  final Map<String, String> args = new LinkedHashMap<>();
  final boolean quick;
  final Path work;
  final Path docs;
  final Path jar;
  final String ffmpeg = Workloads.ffmpegProgram();
  final int reps;
  final int slides;
  final double secondsPerSlide;
  final int zoompanSlides;
  final int parallelism;
  final int longCycles;
  final List<String> longSizes;
  final List<String> sizes;
  final List<String> presets;
  final List<Sample> samples = new ArrayList<>();
  final Map<String, Double> kernels = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  final List<String> commands = new ArrayList<>();
  Reuse reuse;
  final boolean flink;
  List<Path> photos;

  record Sample(String method, String size, String preset, int rep, long frames, double seconds, long peakRssKb,
      double cpuSeconds) {
    double fps() {
      return frames / seconds;
    }
  }

  record Reuse(String label, long frames, long cycleFrames, double secondsOn, double secondsOff, boolean identical,
      long rssOnKb, long rssOffKb) {}

  Bench(String[] argv) throws IOException {
    for (String a : argv) {
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + a);
      }
      int eq = a.indexOf('=');
      args.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
    }
    quick = Boolean.parseBoolean(args.getOrDefault("quick", "false"));
    Path root = Path.of(args.getOrDefault("root", ".")).toAbsolutePath().normalize();
    work = Files.createDirectories(Path.of(args.getOrDefault("work",
        root.resolve("transforms/bench/target/bench-work").toString())));
    docs = Path.of(args.getOrDefault("docs", root.resolve(quick ? "transforms/bench/target" : "docs").toString()));
    jar = Path.of(args.getOrDefault("jar", root.resolve("runners/target/videogen.jar").toString()));
    reps = Integer.parseInt(args.getOrDefault("reps", quick ? "1" : "3"));
    slides = Integer.parseInt(args.getOrDefault("slides", quick ? "3" : "10"));
    // The reference workload: 10 photographs × 6 s = 1800 frames.
    secondsPerSlide = Double.parseDouble(args.getOrDefault("secondsPerSlide", quick ? "2" : "6"));
    longCycles = Integer.parseInt(args.getOrDefault("longCycles", quick ? "0" : "3"));
    longSizes = List.of(args.getOrDefault("longSizes", "1280x720").split(","));
    zoompanSlides = Integer.parseInt(args.getOrDefault("zoompanSlides", quick ? "1" : "2"));
    parallelism = Integer.parseInt(args.getOrDefault("parallelism",
        Integer.toString(Runtime.getRuntime().availableProcessors())));
    sizes = List.of(args.getOrDefault("sizes", quick ? "1280x720" : "1280x720,1920x1080").split(","));
    presets = List.of(args.getOrDefault("presets", quick ? "ultrafast" : "veryfast,ultrafast").split(","));
    flink = hasFlink(jar);
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length > 0 && (argv[0].equals("--help") || argv[0].equals("-h"))) {
      System.out.println("""
          usage: videogen bench [--quick] [--photos=DIR] [--reps=N] [--sizes=1280x720,1920x1080]
                                [--presets=veryfast,ultrafast] [--slides=N] [--secondsPerSlide=S] [--parallelism=N]
                                [--longCycles=N] [--longSizes=1280x720] [--no-jmh] [--no-reuse]
                                [--loopMinutes=M --cycleSeconds=S] [--memory]
                                [--reuseOnly | --audioOnly] [--loopMinutes=M --cycleSeconds=S --cycleSlides=N --loopAudio]
                                [--audioSeams=LABEL:FILE_OR_DIR,… [--seamMinutes=20] [--seamLimiter]]
                                [--criticalPath=JOB.json,… [--slots=1,2] [--predict=16,64] [--segmentedAudio]
                                 [--predictHours=6] [--cycleMinutes=5] [--fromRuns]]
          Writes docs/BENCHMARKS.md and docs/benchmarks.svg (--quick: under transforms/bench/target).""");
      return;
    }
    for (String a : argv) {
      if (a.startsWith("--fromResults=")) {
        String root = Arrays.stream(argv).filter(x -> x.startsWith("--root=")).map(x -> x.substring(7)).findFirst()
            .orElse(".");
        fromResults(Path.of(a.substring("--fromResults=".length())), root);
        return;
      }
    }
    Bench bench = new Bench(argv);
    if (bench.args.containsKey("memory")) {
      new MemoryRun(bench).run();
      return;
    }
    if (bench.args.containsKey("reuseOnly")) {
      bench.reuseOnly();
      return;
    }
    if (bench.args.containsKey("audioSeams")) {
      AudioSeamEvidence.run(bench);
      return;
    }
    if (bench.args.containsKey("audioOnly")) {
      bench.audioOnly();
      return;
    }
    if (bench.args.containsKey("criticalPath")) {
      new CriticalPathRun(bench).run();
      return;
    }
    bench.run();
  }

  void run() throws Exception {
    long started = System.nanoTime();
    Machine machine = Machine.describe();
    System.out.println("videogen bench on " + machine.summary());
    photos = photos();
    List<Path> zoompanPhotos = photos.subList(0, Math.min(zoompanSlides, photos.size()));
    int framesPerSlide = (int) Math.round(secondsPerSlide * Workloads.FPS);
    Map<String, Path> raw = new LinkedHashMap<>();
    Map<String, JobPlan> plans = new LinkedHashMap<>();
    Map<String, Path> specs = new LinkedHashMap<>();
    Map<String, Path> fixedSpecs = new LinkedHashMap<>();
    Map<String, Path> longSpecs = new LinkedHashMap<>();
    for (String size : sizes) {
      int[] wh = wh(size);
      for (String preset : presets) {
        String id = "bench-" + size + "-" + preset;
        String json = Workloads.spec(id, work.resolve(id + ".mp4").toString(), photos, wh[0], wh[1], preset, secondsPerSlide);
        Path spec = work.resolve(id + ".json");
        Files.writeString(spec, json);
        specs.put(size + " " + preset, spec);
        Path fixedSpec = work.resolve(id + "-fixed.json");
        Files.writeString(fixedSpec, Workloads.spec(id + "-fixed", work.resolve(id + "-fixed.mp4").toString(), photos,
            wh[0], wh[1], preset, 0.2));
        fixedSpecs.put(size + " " + preset, fixedSpec);
        if (longCycles > 1 && longSizes.contains(size)) {
          Path longSpec = work.resolve(id + "-long.json");
          Files.writeString(longSpec, Workloads.spec(id + "-long", work.resolve(id + "-long.mp4").toString(), photos,
              wh[0], wh[1], preset, secondsPerSlide, longCycles));
          longSpecs.put(size + " " + preset, longSpec);
        }
        plans.put(size + " " + preset, Workloads.plan(json, work));
      }
      Path frames = Path.of("/dev/shm").toFile().isDirectory() ? Path.of("/dev/shm", "videogen-bench-" + size + ".yuv")
          : work.resolve("frames-" + size + ".yuv");
      System.out.printf("pre-rendering %d frames of %s into %s (for encode-only) …%n",
          plans.get(size + " " + presets.get(0)).frames(), size, frames);
      Workloads.preRender(plans.get(size + " " + presets.get(0)), frames);
      raw.put(size, frames);
    }
    commands.add("./videogen bench " + String.join(" ", args.entrySet().stream()
        .map(e -> "--" + e.getKey() + (e.getValue().equals("true") ? "" : "=" + e.getValue())).toList()));
    try {
      for (int rep = 1; rep <= reps; rep++) {
        for (String size : sizes) {
          int[] wh = wh(size);
          for (String preset : presets) {
            String key = size + " " + preset;
            JobPlan plan = plans.get(key);
            System.out.printf("rep %d/%d, %s %s%n", rep, reps, size, preset);
            Path out = work.resolve("out.mp4");
            time(ENCODE_FFMPEG, size, preset, rep, plan.frames(),
                Workloads.encodeRaw(ffmpeg, raw.get(size), wh[0], wh[1], preset, out), rep == 1);
            double[] chunked = Workloads.encodeChunked(plan, raw.get(size), parallelism, 10L * Workloads.FPS, work);
            record(new Sample(ENCODE_CHUNKED, size, preset, rep, plan.frames(), chunked[0], 0, chunked[1]));
            videogen(VIDEOGEN, size, preset, rep, plan.frames(), specs.get(key), List.of(), rep == 1);
            if (!args.containsKey("no-steady")) {
              videogen(VIDEOGEN_FIXED, size, preset, rep, Math.round(0.2 * Workloads.FPS) * photos.size(),
                  fixedSpecs.get(key), List.of(), rep == 1);
            }
            Path longSpec = longSpecs.get(key);
            if (longSpec != null) {
              long longFrames = plan.frames() * longCycles;
              time(ENCODE_LONG, size, preset, rep, longFrames,
                  Workloads.encodeRaw(ffmpeg, raw.get(size), wh[0], wh[1], preset, longCycles, out), rep == 1);
              videogen(VIDEOGEN_LONG, size, preset, rep, longFrames, longSpec, List.of("--reuseChunks=false"), rep == 1);
              videogen(VIDEOGEN_LONG_REUSE, size, preset, rep, longFrames, longSpec, List.of(), rep == 1);
            }
            if (flink) {
              videogen(VIDEOGEN_FLINK, size, preset, rep, plan.frames(), specs.get(key),
                  List.of("--runner=FlinkRunner", "--flinkMaster=[local]"), rep == 1);
            }
            long zoompanFrames = (long) framesPerSlide * zoompanPhotos.size();
            if (zoompanPhotos.isEmpty() || rep > Integer.parseInt(args.getOrDefault("zoompanReps", "1"))) {
              Files.deleteIfExists(out);
              continue;
            }
            time(ZOOMPAN, size, preset, rep, zoompanFrames, Workloads.zoompan(ffmpeg, zoompanPhotos, framesPerSlide,
                wh[0], wh[1], preset, false, out), rep == 1);
            time(ZOOMPAN_UP, size, preset, rep, zoompanFrames, Workloads.zoompan(ffmpeg, zoompanPhotos, framesPerSlide,
                wh[0], wh[1], preset, true, out), rep == 1);
            Files.deleteIfExists(out);
          }
        }
      }
    } finally {
      for (Path frames : raw.values()) {
        Files.deleteIfExists(frames);
      }
    }
    if (!args.containsKey("no-jmh")) {
      kernels();
    }
    if (!args.containsKey("no-reuse")) {
      reuse = reuse();
    }
    notes.add("videogen end to end is timed as a whole process, as a user waits for it and as the ffmpeg rows are: "
        + "JVM start, planning (reading and probing every photo), decoding and pre-scaling the photos, the "
        + "(silent) audio track, assembly and its index check, and exit; its JSON report must say the job is ok "
        + "with the planned frames. The encode-only rows include none of that, which is why short jobs fall "
        + "further below the limit. (Before 2026-12-05 the time was videogen's own, without JVM start, about a "
        + "second.)");
    notes.add("Encode-only, two ways: the ffmpeg program shipped in the bytedeco artifact reading raw yuv420p "
        + "frames (videogen's own renders) from a file in /dev/shm, x264 choosing its threads; and in process, "
        + "videogen's chunk plan and encoder (1 x264 thread per chunk, " + parallelism + " chunks at a time) fed the "
        + "same frames from memory. The ratio uses the faster of the two.");
    notes.add(flink ? "Embedded Flink: `--runner=FlinkRunner --flinkMaster=[local]` with the same jar."
        : "Embedded Flink: not measured — the runnable jar of this build has no Flink runner (the row appears when "
            + "runners/ ships it).");
    notes.add("Load average at the end: " + Machine.describe().load() + ". This machine is shared: other "
        + "processes' load slows every method alike within a round, which is why rounds are interleaved.");
    double minutes = (System.nanoTime() - started) / 60e9;
    Results results = new Results(machine, minutes, args, photos.size(), samples, kernels, reuse, notes, commands);
    Files.createDirectories(docs);
    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValue(docs.resolve("benchmark-results.json").toFile(), results);
    writeReport(machine, minutes);
  }

  /** Everything a report is made from, kept beside it (docs/benchmark-results.json) so it can be rebuilt. */
  record Results(Machine machine, double minutes, Map<String, String> args, int photoCount, List<Sample> samples,
      Map<String, Double> kernels, Reuse reuse, List<String> notes, List<String> commands) {}

  void writeReport(Machine machine, double minutes) throws Exception {
    Report report = new Report(this, machine, minutes);
    System.out.println();
    System.out.println(report.table());
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("benchmarks.svg"), report.svg());
    Files.writeString(docs.resolve("BENCHMARKS.md"), report.markdown());
    System.out.println("wrote " + docs.resolve("BENCHMARKS.md") + " and " + docs.resolve("benchmarks.svg")
        + String.format(Locale.ROOT, " (%.1f min)", minutes));
  }

  /** {@code --fromResults=FILE}: the report again from a run's saved results (e.g. after improving the report). */
  static void fromResults(Path file, String root) throws Exception {
    Results results = new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Results.class);
    List<String> argv = new ArrayList<>();
    results.args().forEach((k, v) -> argv.add("--" + k + "=" + v));
    argv.add("--root=" + root);
    Bench bench = new Bench(argv.toArray(String[]::new));
    bench.samples.addAll(results.samples());
    bench.kernels.putAll(results.kernels());
    bench.reuse = results.reuse();
    bench.notes.addAll(results.notes());
    bench.commands.addAll(results.commands());
    bench.photos = new ArrayList<>();
    for (int k = 0; k < results.photoCount(); k++) {
      bench.photos.add(Path.of("photo-" + k));
    }
    bench.writeReport(results.machine(), results.minutes());
  }

  private List<Path> photos() throws IOException {
    String dir = args.get("photos");
    if (dir == null) {
      System.out.println("generating " + slides + " high-detail photos (" + Photos.WIDTH + "x" + Photos.HEIGHT
          + ", once, cached under " + work + ") …");
      return Photos.generate(work, slides);
    }
    List<Path> found;
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      found = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|webp)"))
          .sorted().toList();
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no .jpg/.png/.webp photos in " + dir);
    }
    List<Path> chosen = new ArrayList<>();
    for (int k = 0; k < slides; k++) {
      chosen.add(found.get(k % found.size()));
    }
    return chosen;
  }

  void record(Sample sample) {
    samples.add(sample);
    System.out.printf(Locale.ROOT, "  %-46s %7.1f fps  (%d frames in %.2f s, CPU %.1f s%s)%n", sample.method(),
        sample.fps(), sample.frames(), sample.seconds(), sample.cpuSeconds(),
        sample.peakRssKb() > 0 ? ", peak RSS " + sample.peakRssKb() / 1024 + " MB" : "");
  }

  private void time(String method, String size, String preset, int rep, long frames, List<String> command,
      boolean show) throws Exception {
    if (show) {
      commands.add(shell(command));
    }
    Run run = Run.of(command, work);
    if (run.exit() != 0) {
      throw new IllegalStateException(method + " failed (" + run.exit() + "): " + run.output());
    }
    record(new Sample(method, size, preset, rep, frames, run.seconds(), run.peakRssKb(), run.cpuSeconds()));
  }

  /**
   * The JVM flags the launcher starts videogen with (it exports them; its MALLOC_ARENA_MAX reaches the child
   * through the environment too). Started without the launcher, only the module and the heap: the figures then
   * miss the launcher's JIT flags.
   */
  static List<String> launcherJvmFlags() {
    String flags = System.getenv("VIDEOGEN_JVM_FLAGS");
    if (flags == null || flags.isBlank()) {
      return List.of("--add-modules", "jdk.incubator.vector", "-Xmx" + System.getenv().getOrDefault("VIDEOGEN_HEAP", "2g"));
    }
    return List.of(flags.trim().split("\\s+"));
  }

  /**
   * videogen end to end as a user runs it, timed as a whole process (JVM start to exit, as FFmpeg is); its
   * report (JSON Lines, not the command's human text) must say the job is ok with the planned frame count.
   */
  Run videogen(String method, String size, String preset, int rep, long frames, Path spec, List<String> extra,
      boolean show) throws Exception {
    Path report = Files.createTempFile(work, "report-", ".jsonl");
    try {
      List<String> command = new ArrayList<>(List.of(javaBin()));
      command.addAll(launcherJvmFlags());
      command.addAll(List.of("-jar", jar.toString(), "render", spec.toString(),
          "--workLocation=" + work.resolve("videogen-work")));
      if (extra.stream().noneMatch(arg -> arg.startsWith("--targetParallelism="))) {
        command.add("--targetParallelism=" + parallelism);
      }
      command.addAll(extra);
      if (show) {
        commands.add(shell(command).replace(jar.toString(), "runners/target/videogen.jar"));
      }
      command.add("--report=" + report);
      Run run = Run.of(command, work);
      List<JobResult> results = run.exit() == 0 ? readReport(report) : List.of();
      if (results.size() != 1 || results.get(0).status() != JobResult.Status.OK || results.get(0).frames() != frames) {
        throw new IllegalStateException((method == null ? spec.toString() : method) + " failed (exit " + run.exit()
            + ", report " + results + ", " + frames + " frames planned): " + run.output());
      }
      if (method != null) {
        record(new Sample(method, size, preset, rep, frames, run.seconds(), run.peakRssKb(), run.cpuSeconds()));
      }
      return run;
    } finally {
      Files.deleteIfExists(report);
    }
  }

  private static List<JobResult> readReport(Path report) throws IOException {
    return Files.readAllLines(report).stream().filter(line -> !line.isBlank()).map(JobResult::fromJson).toList();
  }

  /** JMH: frames/s of one render thread, per kernel and size. */
  private void kernels() throws Exception {
    System.out.println("JMH: render kernels, one thread …");
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(KernelBenchmark.class.getName())
        .param("photo", photos.get(0).toString())
        .param("size", sizes.toArray(String[]::new))
        .forks(1)
        .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx2g")
        .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 2))
        .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2));
    commands.add("(JMH) " + KernelBenchmark.class.getName() + " photo=" + photos.get(0).getFileName()
        + ", forks 1, warmup " + (quick ? "1×1 s" : "3×2 s") + ", measurement " + (quick ? "2×1 s" : "5×2 s"));
    for (RunResult result : new Runner(options.build()).run()) {
      var params = result.getParams();
      kernels.put(params.getParam("size") + " " + params.getParam("kernel"), result.getPrimaryResult().getScore());
    }
  }

  /**
   * {@code --reuseOnly [--loopMinutes=60 --cycleSeconds=300 --cycleSlides=10 --loopAudio]}: just the reuse
   * comparison, e.g. the "1 hour looping a 5-minute cycle", written to docs/BENCHMARKS-reuse.md (which
   * the main report includes).
   */
  void reuseOnly() throws Exception {
    System.out.println("videogen bench --reuseOnly on " + Machine.describe().summary());
    photos = photos();
    Reuse result = reuse();
    String md = Report.reuseMarkdown(result, "## Render once, reuse: " + result.label() + "\n\n") + String.format(
        Locale.ROOT, "Command: `./videogen bench %s` (machine: %s).%n%n", commandLine(), Machine.describe().summary());
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("BENCHMARKS-reuse.md"), md);
    System.out.print(md);
  }

  /** A looped job (by default a scaled version of "1 hour looping a 5-minute cycle"), with reuse on and off. */
  private Reuse reuse() throws Exception {
    LoopJob job = loopJob(args.containsKey("loopAudio"), quick ? "1" : "3");
    System.out.println("reuse: " + job.label() + " …");
    Path on = work.resolve("loop-on.mp4");
    Path off = work.resolve("loop-off.mp4");
    Run withReuse = videogen(null, job.size(), job.preset(), 0, job.frames(), job.spec(), List.of("--output=" + on), true);
    Run without = videogen(null, job.size(), job.preset(), 0, job.frames(), job.spec(),
        List.of("--output=" + off, "--reuseChunks=false"), true);
    boolean identical = Sha256.hex(on).equals(Sha256.hex(off));
    System.out.printf(Locale.ROOT, "  reuse on %.1f s, off %.1f s: %.1f× faster, outputs %s%n", withReuse.seconds(),
        without.seconds(), without.seconds() / withReuse.seconds(), identical ? "byte-identical" : "DIFFERENT");
    Files.deleteIfExists(on);
    Files.deleteIfExists(off);
    return new Reuse(job.label(), job.frames(), job.cycleFrames(), withReuse.seconds(), without.seconds(), identical,
        withReuse.peakRssKb(), without.peakRssKb());
  }

  /**
   * {@code --audioOnly [--loopMinutes=180 --cycleSeconds=300 --cycleSlides=10 --reps=2]}: a long looped job with
   * a WAV track as long as the video, rendered with reuse on (so the audio is most of the work) and with
   * segmented audio on and off, interleaved. Writes {@code BENCHMARKS-audio.md}.
   */
  void audioOnly() throws Exception {
    System.out.println("videogen bench --audioOnly on " + Machine.describe().summary());
    photos = photos();
    LoopJob job = loopJob(true, "180");
    System.out.println("segmented audio: " + job.label() + " …");
    List<Double> segmented = new ArrayList<>();
    List<Double> whole = new ArrayList<>();
    List<Double> segmentedCpu = new ArrayList<>();
    List<Double> wholeCpu = new ArrayList<>();
    Path out = work.resolve("audio-bench.mp4");
    for (int rep = 0; rep < reps; rep++) {
      for (boolean on : List.of(true, false)) {
        Run run = videogen(null, job.size(), job.preset(), rep, job.frames(), job.spec(),
            List.of("--output=" + out, "--segmentedAudio=" + on), rep == 0);
        (on ? segmented : whole).add(run.seconds());
        (on ? segmentedCpu : wholeCpu).add(run.cpuSeconds());
        System.out.printf(Locale.ROOT, "  segmented audio %s: %.1f s (CPU %.1f s, peak RSS %d MB)%n", on ? "on " : "off",
            run.seconds(), run.cpuSeconds(), run.peakRssKb() / 1024);
      }
    }
    Files.deleteIfExists(out);
    double on = Report.median(segmented);
    double off = Report.median(whole);
    String md = String.format(Locale.ROOT, "## Audio in segments: %s%n%nRender once, reuse leaves one cycle of video "
        + "to render, so the audio (%s of WAV to AAC) is most of the work. videogen with `--segmentedAudio` "
        + "took **%.1f s**, with `--segmentedAudio=false` (one AAC encoder) **%.1f s**: **%s** (medians of "
        + "%d interleaved rounds: on %s, off %s; CPU seconds of the whole process: on %s, off %s).%n%n"
        + "Command: `./videogen bench %s` (machine: %s).%n%n",
        job.label(), job.label().replaceAll(" min.*", " min"), on, off,
        off >= on ? String.format(Locale.ROOT, "%.2f× faster", off / on)
            : String.format(Locale.ROOT, "%.2f× slower", on / off), reps, secondsList(segmented),
        secondsList(whole), secondsList(segmentedCpu), secondsList(wholeCpu), commandLine(),
        Machine.describe().summary());
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("BENCHMARKS-audio.md"), md);
    System.out.print(md);
  }

  private static String secondsList(List<Double> seconds) {
    return seconds.stream().map(s -> String.format(Locale.ROOT, "%.1f", s)).collect(Collectors.joining(", "));
  }

  private String commandLine() {
    return String.join(" ", args.entrySet().stream().filter(e -> !e.getKey().equals("root"))
        .map(e -> "--" + e.getKey() + (e.getValue().equals("true") ? "" : "=" + e.getValue())).toList());
  }

  /** A looped job's spec, written under the work folder, and what it is. */
  record LoopJob(String label, Path spec, String size, String preset, long frames, long cycleFrames) {}

  private LoopJob loopJob(boolean withAudio, String defaultMinutes) throws Exception {
    double minutes = Double.parseDouble(args.getOrDefault("loopMinutes", defaultMinutes));
    double cycle = Double.parseDouble(args.getOrDefault("cycleSeconds", quick ? "5" : "15"));
    String size = args.getOrDefault("loopSize", quick ? "640x360" : "1280x720");
    String preset = args.getOrDefault("loopPreset", "veryfast");
    int[] wh = wh(size);
    List<Path> cyclePhotos = photos.subList(0, Math.min(Integer.parseInt(args.getOrDefault("cycleSlides", "3")),
        photos.size()));
    double perSlide = cycle / cyclePhotos.size();
    String label = String.format(Locale.ROOT, "%s min looping a %s s cycle (%d slides × %s s), %s %s%s",
        fmt(minutes), fmt(cycle), cyclePhotos.size(), fmt(perSlide), size, preset,
        withAudio ? ", with a WAV track as long as the video" : ", no audio (a silent AAC track)");
    StringBuilder slidesJson = new StringBuilder();
    for (int k = 0; k < cyclePhotos.size(); k++) {
      slidesJson.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"image\":\"%s\",\"seconds\":%s,\"from\":{\"zoom\":%s,\"x\":0.5,\"y\":0.5},\"to\":{\"zoom\":%s,\"x\":%s,\"y\":0.5}}",
          cyclePhotos.get(k).toAbsolutePath(), perSlide, 1 + 0.02 * k, 1.3 - 0.02 * k, 0.4 + 0.02 * k));
    }
    String audio = "";
    if (withAudio) {
      Path wav = work.resolve("loop-" + fmt(minutes) + "min.wav");
      MemoryRun.writeNoiseWav(wav, minutes * 60);
      audio = "\"audio\":[{\"uri\":\"" + wav + "\"}],";
    }
    String json = String.format(Locale.ROOT, "{\"id\":\"loop\",\"output\":\"%s\",\"video\":{\"width\":%d,\"height\":%d,"
        + "\"fps\":30,\"preset\":\"%s\"},%s\"duration\":%s,\"loop\":true,\"slides\":[%s]}",
        work.resolve("loop.mp4"), wh[0], wh[1], preset, audio, minutes * 60, slidesJson);
    Path spec = work.resolve("loop.json");
    Files.writeString(spec, json);
    return new LoopJob(label, spec, size, preset, Math.round(minutes * 60 * Workloads.FPS),
        Math.round(cycle * Workloads.FPS));
  }

  static String fmt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  static int[] wh(String size) {
    String[] parts = size.split("x");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static boolean hasFlink(Path jar) {
    try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
      return zip.getEntry("org/apache/beam/runners/flink/FlinkRunner.class") != null;
    } catch (IOException e) {
      return false;
    }
  }

  static String shell(List<String> command) {
    StringBuilder out = new StringBuilder();
    for (String part : command) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(part.matches("[A-Za-z0-9_./:=,+-]+") ? part : "'" + part.replace("'", "'\\''") + "'");
    }
    return out.toString();
  }

  /** One process run: exit code, merged output, wall seconds and (with /usr/bin/time) peak RSS and CPU. */
  record Run(int exit, String output, double seconds, long peakRssKb, double cpuSeconds) {
    static Run of(List<String> command, Path dir) throws Exception {
      List<String> full = new ArrayList<>();
      Path timeFile = null;
      if (Files.isExecutable(Path.of("/usr/bin/time"))) {
        timeFile = Files.createTempFile(dir, "time-", ".txt");
        full.addAll(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%M %U %S"));
      }
      full.addAll(command);
      long start = System.nanoTime();
      Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      long rss = 0;
      double cpu = 0;
      if (timeFile != null) {
        String text = Files.readString(timeFile).strip();
        String[] lines = text.split("\n");
        try {
          String[] fields = lines[lines.length - 1].strip().split(" ");
          rss = Long.parseLong(fields[0]);
          cpu = Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]);
        } catch (RuntimeException ignored) {
          // a failed command: /usr/bin/time wrote a status line instead
        }
        Files.deleteIfExists(timeFile);
      }
      return new Run(exit, output, seconds, rss, cpu);
    }
  }

  static Instant now() {
    return Instant.now();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
