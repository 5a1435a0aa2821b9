package dev.videogen.transforms;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;

/**
 * The work time of one stage per element, in milliseconds, as a Beam distribution in the videogen namespace
 * (count, sum, min, max: what the bench's critical-path model is built from), and beside it the CPU time of
 * the thread that did the work, summed in a counter ({@link VideogenMetrics#cpuOf}): where the two differ, the
 * element waited (for a core, the disk, the network). A DoFn keeps one as a field and times each element with
 * try-with-resources:
 *
 * <pre>
 * try (StageTimer.Lap lap = timer.start()) { … the element's work … }
 * </pre>
 *
 * An element that fails is recorded too: its attempt took that time.
 */
final class StageTimer implements Serializable {
  /** Records nothing: for code that also runs outside a pipeline (Beam would log a missing metrics container). */
  static final StageTimer OFF = new StageTimer(null, null);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Distribution millis;
  private final Counter cpuMillis;

  private StageTimer(Distribution millis, Counter cpuMillis) {
    this.millis = millis;
    this.cpuMillis = cpuMillis;
  }

  /** A timer for the stage named {@code name} (one of the {@code WORK_*} names of {@link VideogenMetrics}). */
  static StageTimer of(String name) {
    return new StageTimer(VideogenMetrics.distribution(name), VideogenMetrics.counter(VideogenMetrics.cpuOf(name)));
  }

  /** Starts timing one element on this thread; closing the lap (on the same thread) records it. */
  Lap start() {
    long started = System.nanoTime();
    long cpuStarted = THREADS.getCurrentThreadCpuTime();
    return () -> {
      record(Duration.ofNanos(System.nanoTime() - started));
      if (cpuMillis != null && cpuStarted >= 0) {
        cpuMillis.inc(Math.round((THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e6));
      }
    };
  }

  /** Records one element's time measured elsewhere (its CPU time is not known). */
  void record(Duration time) {
    if (millis != null) {
      millis.update(Math.round(time.toNanos() / 1e6));
    }
  }

  /** One element being timed. */
  interface Lap extends AutoCloseable {
    @Override
    void close();
  }
}
