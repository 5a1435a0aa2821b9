package dev.videogen.transforms;

import java.io.Serializable;

/**
 * What a run's {@link StageTimer} recorded for one stage, over all its elements (and all attempts):
 * {@code count} elements, {@code sumMs} milliseconds of work in all, the shortest and the longest.
 */
public record StageTimes(long count, long sumMs, long minMs, long maxMs) implements Serializable {
  /** The mean work per element in milliseconds (0 without elements). */
  public double meanMs() {
    return count == 0 ? 0 : (double) sumMs / count;
  }

  /** Both stages' elements together (the same stage reported by several steps). */
  StageTimes plus(StageTimes other) {
    return new StageTimes(count + other.count, sumMs + other.sumMs, Math.min(minMs, other.minMs),
        Math.max(maxMs, other.maxMs));
  }
}
