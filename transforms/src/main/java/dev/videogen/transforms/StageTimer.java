package dev.videogen.transforms;

import java.io.Serializable;
import java.time.Duration;
import org.apache.beam.sdk.metrics.Distribution;

/**
 * The work time of one stage per element, in milliseconds, as a Beam distribution in the videogen namespace
 * (count, sum, min, max: what the bench's critical-path model is built from). A DoFn keeps one as a field and
 * times each element with try-with-resources:
 *
 * <pre>
 * try (StageTimer.Lap lap = timer.start()) { … the element's work … }
 * </pre>
 *
 * An element that fails is recorded too: its attempt took that time.
 */
final class StageTimer implements Serializable {
  /** Records nothing: for code that also runs outside a pipeline (Beam would log a missing metrics container). */
  static final StageTimer OFF = new StageTimer(null);

  private final Distribution millis;

  private StageTimer(Distribution millis) {
    this.millis = millis;
  }

  /** A timer for the stage named {@code name} (one of the {@code WORK_*} names of {@link VideogenMetrics}). */
  static StageTimer of(String name) {
    return new StageTimer(VideogenMetrics.distribution(name));
  }

  /** Starts timing one element; closing the lap records it. */
  Lap start() {
    long started = System.nanoTime();
    return () -> record(Duration.ofNanos(System.nanoTime() - started));
  }

  /** Records one element's time measured elsewhere. */
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
