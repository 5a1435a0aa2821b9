package dev.videogen.pipeline;

import dev.videogen.transforms.VideogenMetrics;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * A live progress line on a terminal — frames done / planned, frames/s, ETA, jobs done — read from the
 * pipeline's Beam metrics once a second. Runners that report metrics only at the end show nothing live.
 */
final class ProgressLine implements AutoCloseable {
  private final PipelineResult result;
  private final int jobs;
  private final PrintStream terminal;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "videogen-progress");
    thread.setDaemon(true);
    return thread;
  });
  private boolean printed;

  private ProgressLine(PipelineResult result, int jobs, PrintStream terminal) {
    this.result = result;
    this.jobs = jobs;
    this.terminal = terminal;
  }

  /** Starts printing to {@code terminal} when there is one (quiet when output is redirected). */
  static ProgressLine start(PipelineResult result, int jobs, PrintStream terminal, boolean interactive) {
    ProgressLine line = new ProgressLine(result, jobs, terminal);
    if (interactive) {
      line.timer.scheduleAtFixedRate(line::print, 1, 1, TimeUnit.SECONDS);
    }
    return line;
  }

  private void print() {
    try {
      MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
          .addNameFilter(MetricNameFilter.inNamespace(VideogenMetrics.NAMESPACE))
          .build());
      long planned = counter(metrics, VideogenMetrics.FRAMES_PLANNED);
      long rendered = counter(metrics, VideogenMetrics.FRAMES_RENDERED);
      long done = counter(metrics, VideogenMetrics.JOBS_SUCCEEDED) + counter(metrics, VideogenMetrics.JOBS_FAILED)
          + counter(metrics, VideogenMetrics.JOBS_FAILED_PLANNING) + counter(metrics, VideogenMetrics.JOBS_SKIPPED)
          + counter(metrics, VideogenMetrics.JOBS_REJECTED);
      double seconds = (System.nanoTime() - started) / 1e9;
      double rate = rendered / seconds;
      String eta = rate > 0 && planned > rendered ? duration((planned - rendered) / rate) : "--:--";
      synchronized (terminal) {
        terminal.printf("\r%,d/%,d frames  %.1f frames/s  ETA %s  jobs %d/%d done   ", rendered, planned, rate, eta,
            Math.min(done, jobs), jobs);
        terminal.flush();
        printed = true;
      }
    } catch (RuntimeException e) {
      // metrics are best effort: a runner that cannot report them mid-run simply shows no progress
    }
  }

  private static long counter(MetricQueryResults metrics, String name) {
    long sum = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      if (counter.getName().getName().equals(name)) {
        sum += counter.getAttempted();
      }
    }
    return sum;
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (terminal) {
      if (printed) {
        terminal.println();
      }
    }
  }
}
