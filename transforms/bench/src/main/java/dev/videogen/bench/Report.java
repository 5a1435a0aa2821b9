package dev.videogen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table (stdout and Markdown) and the chart (SVG). */
final class Report {
  private final Bench bench;
  private final Machine machine;
  private final double minutes;
  private final List<String> methods = new ArrayList<>();
  private final List<String> columns = new ArrayList<>();

  Report(Bench bench, Machine machine, double minutes) {
    this.bench = bench;
    this.machine = machine;
    this.minutes = minutes;
    for (Bench.Sample s : bench.samples) {
      if (!methods.contains(s.method())) {
        methods.add(s.method());
      }
      String column = s.size() + " " + s.preset();
      if (!columns.contains(column)) {
        columns.add(column);
      }
    }
    List<String> order = List.of(Bench.ZOOMPAN, Bench.ZOOMPAN_UP, Bench.ENCODE_FFMPEG, Bench.ENCODE_CHUNKED,
        Bench.VIDEOGEN, Bench.VIDEOGEN_FIXED, Bench.VIDEOGEN_FLINK, Bench.ENCODE_LONG, Bench.VIDEOGEN_LONG,
        Bench.VIDEOGEN_LONG_REUSE);
    methods.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
  }

  List<Double> fps(String method, String column) {
    List<Double> out = new ArrayList<>();
    for (Bench.Sample s : bench.samples) {
      if (s.method().equals(method) && column.equals(s.size() + " " + s.preset())) {
        out.add(s.fps());
      }
    }
    return out;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double median(String method, String column) {
    return median(fps(method, column));
  }

  private List<Bench.Sample> samples(String method, String column) {
    return bench.samples.stream().filter(s -> s.method().equals(method) && column.equals(s.size() + " " + s.preset()))
        .toList();
  }

  /** Median CPU seconds (all threads, all cores) per 1000 frames. */
  double cpuPerKiloframe(String method, String column) {
    return median(samples(method, column).stream().map(s -> 1000 * s.cpuSeconds() / s.frames()).toList());
  }

  /** videogen's CPU seconds per 1000 frames in the steady state: what the full job costs beyond the 0.2 s one. */
  double cpuSteadyPerKiloframe(String column) {
    return 1000 * extraPerFrame(column, Bench.Sample::cpuSeconds);
  }

  /** Encoder CPU per frame over render-kernel CPU per frame (one thread): how many times cheaper the render is. */
  double encoderOverKernel(String column) {
    Double k = kernel(column.split(" ")[0], "yuv-vector");
    return k == null ? Double.NaN : cpuPerKiloframe(Bench.ENCODE_CHUNKED, column) / 1000 * k;
  }

  /**
   * videogen's steady state: the frames the full job has beyond the 0.2-s one over the extra time it takes
   * (medians), so the per-job fixed costs (start, planning, decoding the photos) cancel out.
   */
  double steadyState(String column) {
    return 1 / extraPerFrame(column, Bench.Sample::seconds);
  }

  /**
   * What each frame the full job has beyond the 0.2-s one adds to {@code metric} (medians of both), so that the
   * per-job fixed costs cancel out; NaN unless both were measured.
   */
  private double extraPerFrame(String column, java.util.function.ToDoubleFunction<Bench.Sample> metric) {
    List<Bench.Sample> once = samples(Bench.VIDEOGEN, column);
    List<Bench.Sample> fixed = samples(Bench.VIDEOGEN_FIXED, column);
    if (once.isEmpty() || fixed.isEmpty()) {
      return Double.NaN;
    }
    double full = median(once.stream().map(metric::applyAsDouble).toList());
    double small = median(fixed.stream().map(metric::applyAsDouble).toList());
    return (full - small) / (once.get(0).frames() - fixed.get(0).frames());
  }

  /** The encoder limit: the faster of the two encode-only ways. */
  double limit(String column) {
    return Math.max(nz(median(Bench.ENCODE_FFMPEG, column)), nz(median(Bench.ENCODE_CHUNKED, column)));
  }

  private static double nz(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  /** A long-job method's median frames/s over encode-only's on the same (looped) frames. */
  double longRatio(String method, String column) {
    return median(method, column) / median(Bench.ENCODE_LONG, column);
  }

  private static String cell(double value, boolean bold) {
    if (Double.isNaN(value)) {
      return " – |";
    }
    return String.format(Locale.ROOT, bold ? " **%.2f** |" : " %.2f |", value);
  }

  Double kernel(String size, String kernel) {
    return bench.kernels.get(size + " " + kernel);
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-46s", "frames/s (median of " + bench.reps + ")"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20s", c)));
    out.append('\n');
    for (String method : methods) {
      out.append(String.format(Locale.ROOT, "%-46s", method));
      for (String c : columns) {
        double v = median(method, c);
        out.append(Double.isNaN(v) ? String.format(Locale.ROOT, " %20s", "–") : String.format(Locale.ROOT, " %20.1f", v));
      }
      out.append('\n');
    }
    out.append(String.format(Locale.ROOT, "%-46s", "videogen / encode-only limit"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20.2f", median(Bench.VIDEOGEN, c) / limit(c))));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-46s", "long job, reuse off / encode only (same frames)"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20.2f", longRatio(Bench.VIDEOGEN_LONG, c))));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-46s", "long job, reuse on / encode only (same frames)"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20.2f", longRatio(Bench.VIDEOGEN_LONG_REUSE, c))));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-46s", "videogen steady state / encode-only limit"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20.2f", steadyState(c) / limit(c))));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-46s", "CPU: encode only (chunks) / videogen"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20.2f",
        cpuPerKiloframe(Bench.ENCODE_CHUNKED, c) / cpuPerKiloframe(Bench.VIDEOGEN, c))));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-46s", "CPU: encode only (chunks) / videogen steady"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20.2f",
        cpuPerKiloframe(Bench.ENCODE_CHUNKED, c) / cpuSteadyPerKiloframe(c))));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-46s", "CPU: encoder per frame / render kernel"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20.1f", encoderOverKernel(c))));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-46s", "render kernel (1 thread) / encode-only limit"));
    for (String c : columns) {
      Double k = kernel(c.split(" ")[0], "yuv-vector");
      out.append(String.format(Locale.ROOT, " %20s", k == null ? "-" : String.format(Locale.ROOT, "%.1f", k / limit(c))));
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-46s", "videogen / zoompan"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %20.2f", median(Bench.VIDEOGEN, c) / median(Bench.ZOOMPAN, c))));
    out.append('\n');
    if (!bench.kernels.isEmpty()) {
      out.append("\nrender kernels, one thread (JMH, frames/s):\n");
      bench.kernels.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-32s %8.1f%n", k, v)));
    }
    if (bench.reuse != null) {
      Bench.Reuse r = bench.reuse;
      out.append(String.format(Locale.ROOT, "%nreuse: %s: on %.1f s, off %.1f s → %.1f× faster; outputs %s%n", r.label(),
          r.secondsOn(), r.secondsOff(), r.secondsOff() / r.secondsOn(), r.identical() ? "byte-identical" : "DIFFERENT"));
    }
    return out.toString();
  }

  String markdown() throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Generated by `./videogen bench` (source: `transforms/bench/`). Everything below was measured in **one run** "
        + "on the same inputs with the same encoder settings (libx264, crf 23, High profile, 30 fps); repetitions are "
        + "interleaved (every method once per round) and the figures are medians, so load from other processes on a "
        + "shared machine hits every method alike. Absolute figures drift with the machine's load; the ratios are what "
        + "to compare.\n\n");
    md.append("![frames per second by method](benchmarks.svg)\n\n");
    md.append("## Machine\n\n").append(machine.summary()).append(String.format(Locale.ROOT,
        ". The run took %.1f minutes.%n%n", minutes));
    md.append("## Inputs\n\n");
    md.append(String.format(Locale.ROOT, "%d photographs (%s), each shown %s s (%d frames at 30 fps) zooming 1 → %s about its "
            + "centre: %d frames per video. The zoompan runs use the first %d photographs (fps is what is compared). "
            + "Encoder: libx264 crf 23, preset as in the column, keyframe interval 150, closed GOP; videogen and its "
            + "chunked encode-only use 1 x264 thread per chunk (the setting that makes output independent of the machine) "
            + "and %d chunks at a time; the ffmpeg program lets x264 pick its threads.%n%n",
        bench.photos.size(), bench.args.containsKey("photos") ? "from " + bench.args.get("photos")
            : "generated, high-detail, " + Photos.WIDTH + "×" + Photos.HEIGHT + " JPEG",
        Bench.fmt(bench.secondsPerSlide), Math.round(bench.secondsPerSlide * 30), Bench.fmt(Workloads.ZOOM_TO),
        Math.round(bench.secondsPerSlide * 30) * bench.photos.size(), Math.min(bench.zoompanSlides, bench.photos.size()),
        bench.parallelism));
    if (bench.longCycles > 1) {
      md.append(String.format(Locale.ROOT, "The **long job** (%s only) is the same slide list looped %d times (%d frames): "
              + "videogen renders every frame with `--reuseChunks=false`, and encode-only is fed exactly the same frames "
              + "(the one-cycle frames, `-stream_loop`), so per-job fixed costs weigh %d× less, as they do (and less "
              + "still) in the hour-long videos videogen is for. The same job with reuse on shows what render-once "
              + "reuse adds on top.%n%n", String.join(", ", bench.longSizes), bench.longCycles,
          Math.round(bench.secondsPerSlide * 30) * bench.photos.size() * bench.longCycles, bench.longCycles));
    }
    md.append("## Frames per second\n\n| method (median of ").append(bench.reps).append(") |");
    columns.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append("\n|---|");
    columns.forEach(c -> md.append("---:|"));
    md.append('\n');
    for (String method : methods) {
      md.append("| ").append(method).append(" |");
      for (String c : columns) {
        List<Double> runs = fps(method, c);
        if (runs.isEmpty()) {
          md.append(" – |");
          continue;
        }
        md.append(String.format(Locale.ROOT, " **%.1f** <sub>(%s)</sub> |", median(runs),
            String.join(", ", runs.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList())));
      }
      md.append('\n');
    }
    md.append("\n## Ratios (targets: videogen ≥ 0.9 × encode-only; render kernel ≥ 5 × encoder)\n\n| ratio |");
    columns.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append("\n|---|");
    columns.forEach(c -> md.append("---:|"));
    md.append("\n| encode-only limit (faster of the two), frames/s |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", limit(c))));
    md.append("\n| **videogen DirectRunner / encode-only limit** |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " **%.2f** |", median(Bench.VIDEOGEN, c) / limit(c))));
    if (bench.longCycles > 1) {
      md.append(String.format(Locale.ROOT, "%n| **long job (%d× the frames, looped): videogen, reuse off / encode only on the same frames** |",
          bench.longCycles));
      columns.forEach(c -> md.append(cell(longRatio(Bench.VIDEOGEN_LONG, c), true)));
      md.append("\n| long job: videogen, reuse on (default) / encode only on the same frames |");
      columns.forEach(c -> md.append(cell(longRatio(Bench.VIDEOGEN_LONG_REUSE, c), false)));
      md.append("\n| long job: CPU, encode only ÷ videogen reuse off (whole JVM) |");
      columns.forEach(c -> md.append(cell(cpuPerKiloframe(Bench.ENCODE_LONG, c)
          / cpuPerKiloframe(Bench.VIDEOGEN_LONG, c), false)));
    }
    md.append("\n| videogen steady state ((frames − frames of the 0.2-s job) ÷ (time − its time)), frames/s |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", steadyState(c))));
    md.append("\n| **videogen steady state / encode-only limit** |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " **%.2f** |", steadyState(c) / limit(c))));
    md.append("\n| CPU seconds per 1000 frames: encode only (ffmpeg program) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", cpuPerKiloframe(Bench.ENCODE_FFMPEG, c))));
    md.append("\n| CPU seconds per 1000 frames: encode only (videogen chunks) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", cpuPerKiloframe(Bench.ENCODE_CHUNKED, c))));
    md.append("\n| CPU seconds per 1000 frames: videogen (whole JVM) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", cpuPerKiloframe(Bench.VIDEOGEN, c))));
    md.append("\n| CPU seconds per 1000 frames: videogen, same slides 0.2 s each (mostly fixed cost) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", cpuPerKiloframe(Bench.VIDEOGEN_FIXED, c))));
    md.append("\n| CPU seconds per 1000 frames: videogen steady state (beyond the 0.2-s job) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", cpuSteadyPerKiloframe(c))));
    md.append("\n| **CPU: encode only ÷ videogen steady state** (1.0 = the encoder is the only cost) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " **%.2f** |",
        cpuPerKiloframe(Bench.ENCODE_CHUNKED, c) / cpuSteadyPerKiloframe(c))));
    md.append("\n| CPU: encode only ÷ videogen whole job (with its fixed costs) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.2f |",
        cpuPerKiloframe(Bench.ENCODE_CHUNKED, c) / cpuPerKiloframe(Bench.VIDEOGEN, c))));
    md.append("\n| **CPU: encoder per frame ÷ render kernel per frame** (target ≥ 5) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " **%.1f** |", encoderOverKernel(c))));
    md.append("\n| videogen / encode only (ffmpeg program) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.2f |", median(Bench.VIDEOGEN, c) / median(Bench.ENCODE_FFMPEG, c))));
    md.append("\n| videogen / encode only (videogen chunks) |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.2f |", median(Bench.VIDEOGEN, c) / median(Bench.ENCODE_CHUNKED, c))));
    md.append("\n| **render kernel, 1 thread / encode-only limit** |");
    for (String c : columns) {
      Double k = kernel(c.split(" ")[0], "yuv-vector");
      md.append(k == null ? " – |" : String.format(Locale.ROOT, " **%.1f** |", k / limit(c)));
    }
    md.append("\n| videogen / zoompan |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", median(Bench.VIDEOGEN, c) / median(Bench.ZOOMPAN, c))));
    md.append("\n| videogen / zoompan + scale=8000 |");
    columns.forEach(c -> md.append(String.format(Locale.ROOT, " %.1f |", median(Bench.VIDEOGEN, c) / median(Bench.ZOOMPAN_UP, c))));
    md.append("\n\n");
    if (!bench.kernels.isEmpty()) {
      md.append("## Render kernels (JMH, one thread, frames/s)\n\nOne complete frame per operation: `yuv-vector` and "
          + "`yuv-scalar` are videogen's separable kernel writing all three yuv420p planes, ready for the encoder "
          + "(Vector API and plain Java, bit-identical output); `bgr-warpaffine` is the previous approach, OpenCV "
          + "warpAffine into a BGR frame (colour conversion to yuv420p not included).\n\n| size | kernel | frames/s |\n|---|---|---:|\n");
      bench.kernels.forEach((k, v) -> {
        String[] p = k.split(" ");
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f |%n", p[0], p[1], v));
      });
      md.append('\n');
    }
    if (bench.reuse != null) {
      md.append(reuseMarkdown(bench.reuse, "## Render once, reuse\n\n"));
    }
    Path longReuse = bench.docs.resolve("BENCHMARKS-reuse.md");
    if (Files.exists(longReuse)) {
      md.append(Files.readString(longReuse)).append('\n');
    }
    Path audio = bench.docs.resolve("BENCHMARKS-audio.md");
    if (Files.exists(audio)) {
      md.append(Files.readString(audio)).append('\n');
    }
    Path memory = bench.docs.resolve("BENCHMARKS-memory.md");
    if (Files.exists(memory)) {
      md.append(Files.readString(memory)).append('\n');
    }
    md.append("## Commands\n\n```\n");
    bench.commands.forEach(c -> md.append(c).append('\n'));
    md.append("```\n");
    if (!bench.notes.isEmpty()) {
      md.append("\n## Notes\n\n");
      bench.notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  static String reuseMarkdown(Bench.Reuse r, String heading) {
    return heading + String.format(Locale.ROOT,
        "A looped job, %s: %d frames, of which one cycle (%d frames) is distinct. videogen with reuse on (default) "
            + "took **%.1f s**, with `--reuseChunks=false` **%.1f s**: **%.1f×** faster; the two MP4s are %s. "
            + "Peak RSS %d MB (on) and %d MB (off).%n%n",
        r.label(), r.frames(), r.cycleFrames(), r.secondsOn(), r.secondsOff(), r.secondsOff() / r.secondsOn(),
        r.identical() ? "**byte-identical** (SHA-256 compared)" : "**different** (a bug)", r.rssOnKb() / 1024,
        r.rssOffKb() / 1024);
  }

  /** One colour per method, in the order of {@link #methods}: FFmpeg reds, encode-only greys, videogen blues. */
  private static final String[] COLOURS = {"#c0504d", "#e8a33d", "#7f7f7f", "#a5a5a5", "#2e75b6", "#5b9bd5",
      "#7030a0", "#595959", "#1f4e79", "#00b050"};

  String svg() {
    int barHeight = 16;
    int gap = 4;
    int groupGap = 26;
    int left = 370;
    int width = 980;
    int chartWidth = width - left - 80;
    double max = 0;
    for (String m : methods) {
      for (String c : columns) {
        max = Math.max(max, nz(median(m, c)));
      }
    }
    int y = 56;
    StringBuilder body = new StringBuilder();
    for (String c : columns) {
      body.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y + 12, c));
      y += 18;
      for (int i = 0; i < methods.size(); i++) {
        double v = median(methods.get(i), c);
        if (Double.isNaN(v)) {
          continue;
        }
        int w = (int) Math.round(v / max * chartWidth);
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\">%.0f</text>%n",
            left - 8, y + 12, esc(methods.get(i)), left, y, Math.max(1, w), barHeight, COLOURS[i % COLOURS.length],
            left + w + 6, y + 12, v));
        y += barHeight + gap;
      }
      y += groupGap;
    }
    // the render kernel against the encoder limit, per size
    if (!bench.kernels.isEmpty()) {
      body.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">render kernel, one thread "
          + "(JMH), vs the encoder limit on all cores</text>%n", y + 12));
      y += 22;
      double kmax = bench.kernels.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
      for (Map.Entry<String, Double> e : new LinkedHashMap<>(bench.kernels).entrySet()) {
        int w = (int) Math.round(e.getValue() / kmax * chartWidth);
        String colour = e.getKey().endsWith("yuv-vector") ? "#2e75b6" : e.getKey().endsWith("yuv-scalar") ? "#5b9bd5" : "#a5a5a5";
        body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%.0f</text>%n",
            left - 8, y + 12, esc(e.getKey()), left, y, Math.max(1, w), barHeight, colour, left + w + 6, y + 12, e.getValue()));
        y += barHeight + gap;
      }
      for (String c : columns) {
        double limit = limit(c);
        int x = left + (int) Math.round(limit / kmax * chartWidth);
        body.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c00000\" "
            + "stroke-dasharray=\"3,2\"/><text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#c00000\">encoder %s</text>%n",
            x, y - (barHeight + gap) * bench.kernels.size() - 4, x, y, x + 2, y + 10 + 11 * columns.indexOf(c), esc(c)));
      }
      y += 12 * columns.size() + 10;
    }
    return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
        + "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">Ken Burns slideshow, frames per second "
        + "(higher is better; medians)</text>%n<text x=\"10\" y=\"42\" fill=\"#555\">%s</text>%n%s</svg>%n",
        width, y + 10, esc(machine.cpu() + ", " + machine.cores() + " cores; libx264 crf 23"), body);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
