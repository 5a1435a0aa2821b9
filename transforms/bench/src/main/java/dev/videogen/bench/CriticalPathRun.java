package dev.videogen.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.videogen.media.audio.AacSegments;
import dev.videogen.media.audio.AudioTrackEncoder;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.spec.InputUris;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.transforms.PlanJobs;
import dev.videogen.transforms.RenderSettings;
import dev.videogen.transforms.RunTimings;
import dev.videogen.transforms.StageTimes;
import dev.videogen.transforms.VideogenMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code videogen bench --criticalPath=JOB.json[,JOB.json…] [--slots=1,2] [--predict=16,64] [--segmentedAudio=false]
 * [--predictHours=6] [--cycleMinutes=5] [--fromRuns]}: runs each job through the runnable jar with
 * {@code --targetParallelism=N --timings=…} for each N of {@code --slots}, models it as a graph of tasks with the
 * measured mean work per element ({@link JobModel}), and prints per run the critical path, the total work and
 * the makespan the model gives; cross-validates (each slot count predicted from every other run's timings);
 * then predicts a long 1080p job on the {@code --predict} slot counts from per-unit costs measured here, every
 * frame rendered and with a looped cycle. Writes docs/BENCHMARKS-critical-path.md. {@code --fromRuns} writes
 * the report again from the runs saved in the work folder, without running anything.
 */
final class CriticalPathRun {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Bench bench;
  private final List<Path> specs;
  private final List<Integer> slots;
  private final List<Integer> predict;
  private final boolean segmented;
  private final double hours;
  private final double cycleMinutes;

  /** What the job is: from its plan. */
  record JobFacts(String label, String spec, int width, int height, double fps, String preset, long frames,
      double audioSeconds, int chunkPositions) {
    String size() {
      return width + "×" + height;
    }
  }

  /** One run of one job on {@code slots} slots, as measured: the whole process, and its --timings. */
  record Measured(String job, int slots, double processSeconds, double cpuSeconds, long outputBytes,
      String timingsJson, double loadAtStart) {
    RunTimings timings() {
      return RunTimings.fromJson(timingsJson);
    }

    /** Outside the pipeline: JVM start to pipeline start, and after it (report, exit). */
    double fixedSeconds() {
      return processSeconds - timings().pipelineMs() / 1000.0;
    }

    /** The pipeline's time beyond the model's makespan on these slots: the runner and its shuffles. */
    double overheadSeconds() {
      return timings().pipelineMs() / 1000.0 - JobModel.measured(timings()).graph().makespan(slots);
    }

    /** The whole process, predicted for {@code n} slots from this run: its fixed time and overhead kept. */
    double predictSeconds(int n) {
      return fixedSeconds() + overheadSeconds() + JobModel.measured(timings()).graph().makespan(n);
    }
  }

  /** Saved runs: enough to write the report again. */
  record Saved(List<JobFacts> jobs, List<Measured> runs, String command, String machine) {}

  CriticalPathRun(Bench bench) {
    this.bench = bench;
    this.specs = Arrays.stream(bench.args.get("criticalPath").split(","))
        .map(spec -> Path.of(spec).toAbsolutePath().normalize()).toList();
    this.slots = ints(bench.args.getOrDefault("slots", "1,2"));
    this.predict = ints(bench.args.getOrDefault("predict", "16,64"));
    // As videogen's own default: segmented unless --segmentedAudio=false.
    this.segmented = !"false".equals(bench.args.getOrDefault("segmentedAudio", "true"));
    this.hours = Double.parseDouble(bench.args.getOrDefault("predictHours", "6"));
    this.cycleMinutes = Double.parseDouble(bench.args.getOrDefault("cycleMinutes", "5"));
  }

  private static List<Integer> ints(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt).toList();
  }

  void run() throws Exception {
    Path saved = bench.work.resolve("critical-path-runs.json");
    Saved state;
    if (bench.args.containsKey("fromRuns")) {
      state = JSON.readValue(saved.toFile(), new TypeReference<Saved>() {});
    } else {
      String machine = Machine.describe().summary();
      System.out.println("videogen bench --criticalPath on " + machine);
      List<JobFacts> jobs = new ArrayList<>();
      List<Measured> runs = new ArrayList<>();
      for (Path spec : specs) {
        JobFacts job = facts(spec);
        jobs.add(job);
        for (int n : slots) {
          Measured run = measure(job, spec, n);
          runs.add(run);
          System.out.printf(Locale.ROOT, "  %s on %d slot(s): %.1f s (pipeline %.1f s, CPU %.1f s)%n", job.label(), n,
              run.processSeconds(), run.timings().pipelineMs() / 1000.0, run.cpuSeconds());
        }
      }
      state = new Saved(jobs, runs, "./videogen bench " + bench.args.entrySet().stream()
          .filter(e -> !List.of("root", "fromRuns", "work", "docs").contains(e.getKey()))
          .map(e -> "--" + e.getKey() + (e.getValue().equals("true") ? "" : "=" + e.getValue()))
          .collect(Collectors.joining(" ")), machine);
      JSON.writeValue(saved.toFile(), state);
    }
    String md = report(state);
    Files.createDirectories(bench.docs);
    Files.writeString(bench.docs.resolve("BENCHMARKS-critical-path.md"), md);
    System.out.print(md);
  }

  private JobFacts facts(Path spec) throws java.io.IOException {
    String json = Files.readString(spec);
    JobPlan plan = PlanJobs.plan(JobSpecParser.parse(json, InputUris.folderOf(spec.toAbsolutePath().toString())),
        RenderSettings.defaults(bench.work.toString()));
    RenderSettings settings = RenderSettings.defaults(bench.work.toString());
    int positions = dev.videogen.media.plan.ChunkPlanner.split(plan, settings.encoderSettings(plan),
        settings.chunkFrames(plan)).size();
    String label = spec.getFileName().toString().replaceFirst("\\.json$", "");
    var video = plan.spec().video();
    return new JobFacts(label, spec.toString(), video.width(), video.height(), video.fps().value(), video.preset(),
        plan.frames(), plan.audioSamples() / (double) AudioTrackEncoder.SAMPLE_RATE, positions);
  }

  private Measured measure(JobFacts job, Path spec, int n) throws Exception {
    Path output = bench.work.resolve(job.label() + "-slots" + n + ".mp4");
    Path timings = bench.work.resolve(job.label() + "-slots" + n + ".timings.json");
    Files.deleteIfExists(timings);
    List<String> extra = new ArrayList<>(List.of("--output=" + output, "--targetParallelism=" + n,
        "--timings=" + timings));
    extra.add("--segmentedAudio=" + segmented);
    double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    System.out.printf(Locale.ROOT, "%s on %d slot(s) (load average %.2f) …%n", job.label(), n, load);
    Bench.Run run = bench.videogen(null, job.size(), job.preset(), 0, job.frames(), spec, extra, true);
    long bytes = Files.size(output);
    Files.deleteIfExists(output);
    return new Measured(job.label(), n, run.seconds(), run.cpuSeconds(), bytes, Files.readString(timings), load);
  }

  // ---------------------------------------------------------------------------------------------- the report

  private String report(Saved state) {
    StringBuilder md = new StringBuilder("# Critical path and makespan on N slots\n\n");
    md.append(String.format(Locale.ROOT, """
        Command: `%s` (machine: %s). Each run was made once; other work on the machine adds its noise (the \
        load average at each run's start is in the table, and *cores it got* says how much of the machine the \
        run had).

        Each job runs through the runnable jar on the DirectRunner with `--targetParallelism=N --timings=…`: \
        videogen records every stage's work per element (`work.plan`, `work.renderChunk`, `work.audioWhole`, \
        `work.audioSamples`, `work.audioSegment`, `work.audioJoin`, `work.assemble`; see `--timings` in \
        [CLI.md](CLI.md)). The model is the job as a graph of tasks with those mean times:

        ```
        plan ─┬─ renderChunk × distinct chunks ──────────────────────────┬─ assemble
              └─ audioWhole  |  audioSamples ─ audioSegment × n ─ audioJoin ┘
        ```

        Its makespan on N slots is found by list scheduling (a free slot takes the ready task with the longest \
        chain still ahead of it). The process's wall time is predicted as: time outside the pipeline (JVM start \
        to pipeline start, then the report and exit) + the runner's overhead (pipeline wall time minus the \
        model's makespan on the slots the run had: Beam's translation, the shuffles, waiting) + the model's \
        makespan on N slots. Both fixed terms come from the run the prediction is made from.

        """, state.command(), state.machine()));
    jobsTable(md, state);
    runsTable(md, state);
    validation(md, state);
    Sources from = Sources.of(state);
    Units wall = Units.of(state, from, 1, Clock.WALL);
    Units cpu = Units.of(state, from, 1, Clock.CPU);
    if (wall != null) {
      unitsTable(md, state, from);
      predictions(md, wall, cpu);
      serialSteps(md, wall, cpu);
    }
    assumptions(md);
    return md.toString();
  }

  private static void jobsTable(StringBuilder md, Saved state) {
    md.append("## The jobs\n\n| job | size, preset | frames | audio | chunks (positions) | output |\n"
        + "|---|---|---:|---:|---:|---:|\n");
    for (JobFacts job : state.jobs()) {
      Measured any = state.runs().stream().filter(r -> r.job().equals(job.label())).findFirst().orElseThrow();
      md.append(String.format(Locale.ROOT, "| %s | %s %s fps %s | %d | %.1f s | %d | %.1f MB (%.2f Mbit/s) |%n",
          job.label(), job.size(), fmt(job.fps()), job.preset(), job.frames(), job.audioSeconds(),
          job.chunkPositions(), any.outputBytes() / 1e6, any.outputBytes() * 8 / 1e6 / (job.frames() / job.fps())));
    }
    md.append('\n');
  }

  private static void runsTable(StringBuilder md, Saved state) {
    md.append("""
        ## Each run, and its critical path

        | job | slots | load before | wall (process) | CPU (process) | cores it got | startup | pipeline | total work (its CPU) | critical path | model on these slots | overhead |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
        """);
    for (Measured run : state.runs()) {
      RunTimings t = run.timings();
      TaskGraph graph = JobModel.measured(t).graph();
      double taskCpu = taskSeconds(run, Clock.CPU);
      md.append(String.format(Locale.ROOT,
          "| %s | %d | %.2f | %.1f s | %.1f s | %.2f | %.1f s | %.1f s | %.1f s (%.1f s) | %.1f s | %.1f s | %.1f s |%n",
          run.job(), run.slots(), run.loadAtStart(), run.processSeconds(), run.cpuSeconds(),
          run.cpuSeconds() / run.processSeconds(), t.startupMs() / 1000.0,
          t.pipelineMs() / 1000.0, graph.work(), taskCpu, graph.criticalSeconds(), graph.makespan(run.slots()),
          run.overheadSeconds()));
    }
    md.append("""

        *load before*: the machine's 1-minute load average as the run started (2 cores); *CPU (process)*: user + \
        system time of the whole JVM (`/usr/bin/time`); *cores it got*: CPU over wall; *startup*: JVM start to \
        pipeline start; *total work*: the sum of every task's wall time (the makespan on one slot), and in \
        brackets the CPU time of the threads that did it; *overhead*: pipeline minus the model on these slots.

        """);
    for (Measured run : state.runs()) {
      RunTimings t = run.timings();
      JobModel model = JobModel.measured(t);
      md.append(String.format(Locale.ROOT, "- **%s, %d slot(s)**: critical path %s. Parallel: %d chunks × %.2f s = %.1f s%s.%n",
          run.job(), run.slots(), chain(model.graph()), model.chunks(), model.chunkSeconds(),
          model.chunks() * model.chunkSeconds(), model.audio() instanceof JobModel.SegmentedAudio s
              ? String.format(Locale.ROOT, ", %d audio segments × %.2f s = %.1f s", s.segments(), s.segmentSeconds(),
                  s.segments() * s.segmentSeconds())
              : ""));
      md.append(String.format(Locale.ROOT, "  Stages (count, mean, shortest–longest): %s.%n", stages(t)));
    }
    md.append('\n');
  }

  /** The critical path as "plan 0.9 s → renderChunk 8.1 s → assemble 0.6 s = 9.6 s". */
  static String chain(TaskGraph graph) {
    List<TaskGraph.Task> path = graph.criticalPath();
    return path.stream().map(t -> String.format(Locale.ROOT, "%s %s", t.stage(), seconds(t.seconds())))
        .collect(Collectors.joining(" → ")) + " = " + seconds(path.stream().mapToDouble(TaskGraph.Task::seconds).sum());
  }

  private static String stages(RunTimings t) {
    return t.stages().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> String.format(Locale.ROOT, "`%s` %d, %s, %s–%s%s", e.getKey().substring(VideogenMetrics.WORK.length()),
            e.getValue().count(), seconds(e.getValue().meanMs() / 1000), seconds(e.getValue().minMs() / 1000.0),
            seconds(e.getValue().maxMs() / 1000.0), e.getValue().hasCpu()
                ? String.format(Locale.ROOT, " (CPU %s in all)", seconds(e.getValue().cpuMs() / 1000.0)) : ""))
        .collect(Collectors.joining("; "));
  }

  /** The stages the model is made of (the others are parts of these). */
  private static final List<String> MODEL_STAGES = List.of(VideogenMetrics.WORK_PLAN, VideogenMetrics.WORK_RENDER_CHUNK,
      VideogenMetrics.WORK_AUDIO_WHOLE, VideogenMetrics.WORK_AUDIO_SAMPLES, VideogenMetrics.WORK_AUDIO_SEGMENT,
      VideogenMetrics.WORK_AUDIO_JOIN, VideogenMetrics.WORK_ASSEMBLE);

  private static void validation(StringBuilder md, Saved state) {
    md.append("""
        ## Validation: each slot count predicted from the other runs

        | job | slots | cores it got | measured | predicted from the run on | predicted | error |
        |---|---:|---:|---:|---|---:|---:|
        """);
    for (Measured target : state.runs()) {
      for (Measured source : state.runs()) {
        if (source.job().equals(target.job()) && source.slots() != target.slots()) {
          double predicted = source.predictSeconds(target.slots());
          md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f s | %d slot(s) | %.1f s | %+.1f %% |%n",
              target.job(), target.slots(), target.cpuSeconds() / target.processSeconds(), target.processSeconds(),
              source.slots(), predicted,
              100 * (predicted - target.processSeconds()) / target.processSeconds()));
        }
      }
    }
    md.append('\n');
    for (Measured run : state.runs()) {
      double cores = run.cpuSeconds() / run.processSeconds();
      double wall = taskSeconds(run, Clock.WALL);
      double cpu = taskSeconds(run, Clock.CPU);
      if (run.slots() > 1 && cores < 0.75 * run.slots()) {
        md.append(String.format(Locale.ROOT, "- The %d-slot run of %s got %.2f cores (its CPU time over its wall "
            + "time): the other work on the machine held the rest, which the model (a core per slot) does not "
            + "know. Its tasks' wall time was %.1f× their threads' CPU time.%n", run.slots(), run.job(), cores,
            wall / cpu));
      }
    }
    // The model's premise: a task's work does not depend on how many slots run beside it.
    for (JobFacts job : state.jobs()) {
      Measured one = run(state, job, 1);
      for (Measured run : state.runs()) {
        if (one != null && run.job().equals(job.label()) && run.slots() > 1) {
          md.append(String.format(Locale.ROOT, "- %s: the tasks' CPU time on %d slots was %.1f s, on one slot "
              + "%.1f s (%+.1f %%).%n", job.label(), run.slots(), taskSeconds(run, Clock.CPU),
              taskSeconds(one, Clock.CPU), 100 * (taskSeconds(run, Clock.CPU) / taskSeconds(one, Clock.CPU) - 1)));
        }
      }
    }
    md.append('\n');
  }

  /** The sum of the model's tasks on one clock. */
  private static double taskSeconds(Measured run, Clock clock) {
    RunTimings t = run.timings();
    return MODEL_STAGES.stream().mapToDouble(stage -> clock.seconds(t, stage)).sum();
  }

  /** Which time of an element the per-unit costs are made of. */
  enum Clock {
    /** Wall time: what the element took, waiting included. */
    WALL,
    /** The CPU time of the thread that did it, where measured (else wall time): the work alone. */
    CPU;

    double seconds(RunTimings run, String stage) {
      StageTimes times = run.stage(stage);
      return (this == CPU && times.hasCpu() ? times.cpuMs() : times.sumMs()) / 1000.0;
    }
  }

  /** The jobs (and their one-slot runs) the per-unit costs come from. */
  record Sources(JobFacts video, JobFacts wholeAudio, JobFacts segmentedAudio, JobFacts longestAudio) {
    static Sources of(Saved state) {
      JobFacts video = state.jobs().stream().filter(j -> j.width() == 1920 && j.height() == 1080).findFirst()
          .orElse(state.jobs().stream().max(Comparator.comparingLong(j -> (long) j.width() * j.height())).orElseThrow());
      JobFacts longestAudio = state.jobs().stream().max(Comparator.comparingDouble(JobFacts::audioSeconds)).orElseThrow();
      return new Sources(video, longest(state, VideogenMetrics.WORK_AUDIO_WHOLE),
          longest(state, VideogenMetrics.WORK_AUDIO_SAMPLES), longestAudio);
    }

    /** The job with the longest audio among those whose one-slot run has the stage. */
    private static JobFacts longest(Saved state, String stage) {
      return state.jobs().stream()
          .filter(j -> j.audioSeconds() > 0 && run(state, j, 1) != null && run(state, j, 1).timings().stage(stage).count() > 0)
          .max(Comparator.comparingDouble(JobFacts::audioSeconds)).orElse(null);
    }
  }

  private static Measured run(Saved state, JobFacts job, int slots) {
    return job == null ? null : state.runs().stream()
        .filter(r -> r.job().equals(job.label()) && r.slots() == slots).findFirst().orElse(null);
  }

  /**
   * Per-unit costs in seconds, from the runs on {@code slots} slots: render + encode per frame and assembly per
   * frame (from the video job), planning per job and its audio decode per audio second, the audio per second
   * (whole, or the segmented steps), and the time outside the pipeline and the runner's overhead.
   */
  record Units(Sources from, double renderPerFrame, double planFixed, double planAudioPerSecond,
      double wholePerSecond, double samplesPerSecond, double segmentSeconds, double segmentAudioSeconds,
      double segmentPerEncodedFrame, double joinPerSecond, double assemblePerFrame, Map<String, Double> passPerFrame, double fixedSeconds,
      double overheadSeconds) {

    /** Null when the runs on {@code slots} slots lack the video job or a job with audio encoded whole. */
    static Units of(Saved state, Sources from, int slots, Clock clock) {
      Measured videoRun = run(state, from.video(), slots);
      Measured wholeRun = run(state, from.wholeAudio(), slots);
      if (videoRun == null || wholeRun == null) {
        return null;
      }
      RunTimings v = videoRun.timings();
      RunTimings a = run(state, from.longestAudio(), slots).timings();
      Map<String, Double> passes = new LinkedHashMap<>();
      for (String pass : PASSES) {
        passes.put(pass, clock.seconds(v, pass) / from.video().frames());
      }
      Measured splitRun = run(state, from.segmentedAudio(), slots);
      double samples = 0;
      double segment = 0;
      double segmentAudio = 0;
      double segmentFrame = 0;
      double join = 0;
      if (splitRun != null) {
        RunTimings s = splitRun.timings();
        double audio = from.segmentedAudio().audioSeconds();
        long segments = s.stage(VideogenMetrics.WORK_AUDIO_SEGMENT).count();
        samples = clock.seconds(s, VideogenMetrics.WORK_AUDIO_SAMPLES) / audio;
        segment = clock.seconds(s, VideogenMetrics.WORK_AUDIO_SEGMENT) / segments;
        segmentAudio = audio / segments;
        segmentFrame = clock.seconds(s, VideogenMetrics.WORK_AUDIO_SEGMENT)
            / AacSegments.of(Math.round(audio * AudioTrackEncoder.SAMPLE_RATE)).encodedFrames();
        join = clock.seconds(s, VideogenMetrics.WORK_AUDIO_JOIN) / audio;
      }
      return new Units(from,
          clock.seconds(v, VideogenMetrics.WORK_RENDER_CHUNK) / v.counter(VideogenMetrics.FRAMES_RENDERED),
          clock.seconds(v, VideogenMetrics.WORK_PLAN) - clock.seconds(v, VideogenMetrics.WORK_PLAN_AUDIO),
          clock.seconds(a, VideogenMetrics.WORK_PLAN_AUDIO) / from.longestAudio().audioSeconds(),
          clock.seconds(wholeRun.timings(), VideogenMetrics.WORK_AUDIO_WHOLE) / from.wholeAudio().audioSeconds(),
          samples, segment, segmentAudio, segmentFrame, join,
          clock.seconds(v, VideogenMetrics.WORK_ASSEMBLE) / from.video().frames(), passes,
          videoRun.fixedSeconds(), videoRun.overheadSeconds());
    }

    boolean segmented() {
      return from.segmentedAudio() != null && segmentSeconds > 0;
    }

    /**
     * A job of {@code seconds} at the video job's size and frame rate, {@code renderedSeconds} of it rendered
     * (all of it, or one cycle) in 10-s chunks, its audio as long as the video.
     */
    JobModel job(double seconds, double renderedSeconds, boolean segmentedAudio) {
      double fps = from.video().fps();
      long frames = Math.round(seconds * fps);
      long chunkFrames = Math.round(RenderSettings.DEFAULT_CHUNK_SECONDS * fps);
      int chunks = (int) Math.ceil(renderedSeconds * fps / chunkFrames);
      // The segments of this length's layout, each costing what the measured segments cost per frame their
      // encoders encoded, run-ins included (a long track's segments are longer than the measured job's).
      AacSegments layout = AacSegments.of(Math.round(seconds * AudioTrackEncoder.SAMPLE_RATE));
      int segments = layout.count();
      JobModel.Audio audio = segmentedAudio
          ? new JobModel.SegmentedAudio(seconds * samplesPerSecond, segments,
              segmentPerEncodedFrame * layout.encodedFrames() / segments, seconds * joinPerSecond)
          : new JobModel.WholeAudio(seconds * wholePerSecond);
      return new JobModel(planFixed + seconds * planAudioPerSecond, chunks, chunkFrames * renderPerFrame, audio,
          frames * assemblePerFrame);
    }
  }

  private static final List<String> PASSES = List.of(VideogenMetrics.WORK_ASSEMBLE_MUX,
      VideogenMetrics.WORK_ASSEMBLE_TRAILER, VideogenMetrics.WORK_ASSEMBLE_VERIFY, VideogenMetrics.WORK_ASSEMBLE_PUBLISH);

  /** The per-unit cost table: one column per slot count and clock. */
  private void unitsTable(StringBuilder md, Saved state, Sources from) {
    List<Units> columns = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    for (int n : slots) {
      for (Clock clock : Clock.values()) {
        Units units = Units.of(state, from, n, clock);
        if (units != null) {
          columns.add(units);
          heads.add(n + " slot(s), " + clock.name().toLowerCase(Locale.ROOT));
        }
      }
    }
    String video = from.video().size();
    md.append(String.format(Locale.ROOT, """
        ## Per-unit costs

        From the runs above: render + encode and assembly per frame from %s, planning's audio decode from %s, \
        the audio encoded whole from %s%s. *wall*: what each element took; *cpu*: the CPU time of the thread that \
        did it (where measured; the assembly's passes are wall time in both). Where wall exceeds CPU the element \
        waited, on this shared machine mostly for a core.

        | cost | %s |
        |---|%s
        """, from.video().label(), from.longestAudio().label(), from.wholeAudio().label(),
        from.segmentedAudio() == null ? "" : ", the segmented audio's steps from " + from.segmentedAudio().label(),
        String.join(" | ", heads), "---:|".repeat(heads.size())));
    row(md, "render + encode, ms per " + video + " frame", columns, u -> 1000 * u.renderPerFrame());
    row(md, "assembly, ms per " + video + " frame", columns, u -> 1000 * u.assemblePerFrame());
    for (String pass : PASSES) {
      row(md, "  of which " + pass.substring(VideogenMetrics.WORK_ASSEMBLE.length() + 1) + ", ms per frame", columns,
          u -> 1000 * u.passPerFrame().get(pass));
    }
    row(md, "planning without the audio, s per job", columns, Units::planFixed);
    row(md, "planning's audio decode, ms per audio second", columns, u -> 1000 * u.planAudioPerSecond());
    row(md, "audio encoded whole, ms per audio second", columns, u -> 1000 * u.wholePerSecond());
    if (from.segmentedAudio() != null) {
      row(md, "segmented: decode + mix + write, ms per audio second", columns, u -> 1000 * u.samplesPerSecond());
      row(md, "segmented: one segment (%.1f s of audio) encoded, ms".formatted(columns.get(0).segmentAudioSeconds()),
          columns, u -> 1000 * u.segmentSeconds());
      row(md, "segmented: join, ms per audio second", columns, u -> 1000 * u.joinPerSecond());
    }
    row(md, "outside the pipeline (startup, report, exit), s", columns, Units::fixedSeconds);
    row(md, "runner overhead (pipeline − model), s", columns, Units::overheadSeconds);
    md.append('\n');
  }

  private static void row(StringBuilder md, String name, List<Units> columns, java.util.function.ToDoubleFunction<Units> value) {
    md.append("| ").append(name);
    columns.forEach(u -> md.append(String.format(Locale.ROOT, " | %.3f", value.applyAsDouble(u))));
    md.append(" |\n");
  }

  private void predictions(StringBuilder md, Units wall, Units cpu) {
    double seconds = hours * 3600;
    JobFacts video = wall.from().video();
    md.append(String.format(Locale.ROOT, """
        ## Prediction: a %s-hour %d×%d job at %s fps on %s slots

        The seed's old system rendered a 6-hour video in ~33 min with FFmpeg's zoompan, and in ~5.4 min spread \
        over 16 CPU workers. Here the same length is modelled from the one-slot per-unit costs above (render + \
        encode per frame of %s, the audio per second, assembly per frame), in 10-s chunks, the audio as long as \
        the video. *Every frame rendered* is the seed's case (no reuse); *looped %s-min cycle* renders one cycle \
        and reuses it. *From wall times* takes each element's wall time on this shared machine; *from CPU \
        times* its thread's CPU time (assembly's passes stay wall time), closer to a core of its own. Both add \
        the one-slot run's %.1f s outside the pipeline and %.1f s of runner overhead.

        | case | audio | slots | chunks rendered | total work (CPU) | critical path (CPU times) | predicted: from wall times | from CPU times | bound (CPU): max(path, work/N) |
        |---|---|---:|---:|---:|---|---:|---:|---:|
        """, fmt(hours), video.width(), video.height(), fmt(video.fps()),
        predict.stream().map(String::valueOf).collect(Collectors.joining(" and ")), video.label(), fmt(cycleMinutes),
        cpu.fixedSeconds(), cpu.overheadSeconds()));
    double fixed = cpu.fixedSeconds() + cpu.overheadSeconds();
    for (boolean loop : List.of(false, true)) {
      for (boolean split : cpu.segmented() ? List.of(false, true) : List.of(false)) {
        double rendered = loop ? cycleMinutes * 60 : seconds;
        TaskGraph byWall = wall.job(seconds, rendered, split).graph();
        JobModel job = cpu.job(seconds, rendered, split);
        TaskGraph graph = job.graph();
        for (int n : predict) {
          double bound = Math.max(graph.criticalSeconds(), graph.work() / n);
          md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.0f s (%.1f h) | %s | %s | **%s** | %s |%n",
              loop ? "looped " + fmt(cycleMinutes) + "-min cycle" : "every frame rendered",
              split ? "segmented (" + ((JobModel.SegmentedAudio) job.audio()).segments() + " segments)" : "whole",
              n, job.chunks(), graph.work(), graph.work() / 3600, chain(graph),
              minutes(fixed + byWall.makespan(n)), minutes(fixed + graph.makespan(n)), minutes(fixed + bound)));
        }
      }
    }
    long frames = Math.round(seconds * video.fps());
    md.append(String.format(Locale.ROOT, """

        Render and encode alone, every frame: %d frames × %.1f ms = %.0f CPU-s, so %s on 16 cores and %s on 64 \
        (one core encodes %.0f frames/s of %s %s with x264 here). The seed's 5.4 min on 16 workers is %.0f \
        frames/s.

        """, frames, 1000 * cpu.renderPerFrame(), frames * cpu.renderPerFrame(),
        minutes(frames * cpu.renderPerFrame() / 16), minutes(frames * cpu.renderPerFrame() / 64),
        1 / cpu.renderPerFrame(), video.size(), video.preset(), frames / (5.4 * 60)));
  }

  private void serialSteps(StringBuilder md, Units wall, Units cpu) {
    JobFacts video = wall.from().video();
    double framesPerHour = 3600 * video.fps();
    md.append(String.format(Locale.ROOT, """
        ## What stays serial and grows with the length

        Seconds per hour of %d×%d video at %s fps (and an hour of audio), from the one-slot per-unit costs \
        (wall / CPU). Each runs on one core while the rest of the job waits for it, or (the audio) beside the \
        render:

        | step | serial? | s per hour (wall) | s per hour (CPU) |
        |---|---|---:|---:|
        """, video.width(), video.height(), fmt(video.fps())));
    serialRow(md, "planning: each audio track measured: decoded, or its packets read (MP3, FLAC, MP4 AAC-LC; `work.planAudio`)",
        "yes, before anything renders", 3600 * wall.planAudioPerSecond(), 3600 * cpu.planAudioPerSecond());
    serialRow(md, "audio encoded whole (`work.audioWhole`: tracks under 10 min, or `--segmentedAudio=false`)", "yes, beside the render",
        3600 * wall.wholePerSecond(), 3600 * cpu.wholePerSecond());
    if (cpu.segmented()) {
      serialRow(md, "segmented audio: decode, mix, write each segment's samples (`work.audioSamples`)", "yes",
          3600 * wall.samplesPerSecond(), 3600 * cpu.samplesPerSecond());
      serialRow(md, "segmented audio: the segments in all (`work.audioSegment`)", "no: parallel",
          3600 / wall.segmentAudioSeconds() * wall.segmentSeconds(), 3600 / cpu.segmentAudioSeconds() * cpu.segmentSeconds());
      serialRow(md, "segmented audio: join, every seam checked (`work.audioJoin`)", "yes",
          3600 * wall.joinPerSecond(), 3600 * cpu.joinPerSecond());
    }
    Map<String, String> names = Map.of(VideogenMetrics.WORK_ASSEMBLE_MUX, "assembly: mux, every packet copied",
        VideogenMetrics.WORK_ASSEMBLE_TRAILER, "assembly: trailer, the index written into its reserved room",
        VideogenMetrics.WORK_ASSEMBLE_VERIFY, "assembly: verify, the index read back and checked against the file",
        VideogenMetrics.WORK_ASSEMBLE_PUBLISH, "assembly: publish (here a local rename; an upload is not measured)");
    for (String pass : PASSES) {
      serialRow(md, names.get(pass) + " (`" + pass + "`)", "yes, after everything",
          framesPerHour * wall.passPerFrame().get(pass), Double.NaN);
    }
    serialRow(md, "assembly in all (`work.assemble`)", "yes, after everything", framesPerHour * wall.assemblePerFrame(),
        framesPerHour * cpu.assemblePerFrame());
    md.append("""

        Passes over the data: each audio track is decoded once to encode, and once more to plan unless it is an \
        MP3, a FLAC or AAC-LC in an MP4 (its packets tell its length) or a track played before in the job; the video's bytes are read \
        or written twice after the chunks are rendered (mux: chunks read, MP4 written with room for its index \
        before the media, which the trailer fills; publish: a rename here, a copy or upload to object storage), \
        and verify reads the MP4's index only. All of it is serial per job today; only the chunks and the segments are parallel.

        """);
  }

  private static void serialRow(StringBuilder md, String step, String serial, double wall, double cpu) {
    md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |%n", step, serial, wall,
        Double.isNaN(cpu) ? "–" : String.format(Locale.ROOT, "%.1f", cpu)));
  }

  private void assumptions(StringBuilder md) {
    md.append("""
        ## What the model assumes

        - Each slot is a core of its own, and a task takes as long on N slots as it did when measured (x264 \
        with one thread per chunk, as on a cluster); memory, disk and the runner's threads never slow it down. \
        On this 2-core machine the two-slot runs break this a little: the JVM's JIT and GC threads, the \
        DirectRunner's own threads and the other engineers' work share the cores.
        - Every chunk takes the mean of the measured chunks; every segment the mean of the measured segments.
        - Planning, the whole-track audio encode (or the segmented audio's decode-and-mix and its join) and \
        assembly are serial, and each grows with the length (per audio second or per frame, as measured). \
        Assembly's cost per frame is measured at the predicted size and bitrate.
        - No network or storage costs: chunk files, audio and the output stay on one machine's disk (on a \
        cluster, object storage adds an upload per chunk, a download of every chunk for assembly and the \
        output's upload, all O(length)). Upload of the output is not measured (the output is a local rename).
        - The runner's fixed time and overhead are the DirectRunner's on the measured job, unchanged for a long \
        job; a cluster's job submission and Flink's scheduling are not modelled.
        - The scheduler is list scheduling, longest chain first: the DirectRunner does not order its work that \
        way, so a run can be slower than the model when the long audio task starts late.
        """);
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, s >= 100 ? "%.0f s" : s >= 10 ? "%.1f s" : "%.2f s", s);
  }

  static String minutes(double s) {
    return String.format(Locale.ROOT, "%.1f min", s / 60);
  }

  static String fmt(double value) {
    return Bench.fmt(value);
  }
}
