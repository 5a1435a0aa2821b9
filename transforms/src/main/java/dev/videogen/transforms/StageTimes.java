package dev.videogen.transforms;

import java.io.Serializable;

/**
 * What a run's {@link StageTimer} recorded for one stage, over all its elements (and all attempts):
 * {@code count} elements, {@code sumMs} milliseconds of work in all (wall time), the shortest and the longest,
 * and {@code cpuMs} the CPU time of the threads that did it ({@link #NO_CPU} where not measured: the assembly's
 * passes are timed inside the media core).
 */
public record StageTimes(long count, long sumMs, long minMs, long maxMs, long cpuMs) implements Serializable {
  public static final long NO_CPU = -1;

  public boolean hasCpu() {
    return cpuMs != NO_CPU;
  }

  StageTimes withCpuMs(long cpuMs) {
    return new StageTimes(count, sumMs, minMs, maxMs, cpuMs);
  }

  /** The mean work per element in milliseconds (0 without elements). */
  public double meanMs() {
    return count == 0 ? 0 : (double) sumMs / count;
  }

  /** Both stages' elements together (the same stage reported by several steps; the CPU time is added after). */
  StageTimes plus(StageTimes other) {
    return new StageTimes(count + other.count, sumMs + other.sumMs, Math.min(minMs, other.minMs),
        Math.max(maxMs, other.maxMs), NO_CPU);
  }
}
