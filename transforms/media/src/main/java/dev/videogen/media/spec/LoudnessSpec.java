package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * The job's {@code loudness}: every track is normalised to {@code target} LUFS integrated (ITU-R BS.1770-4),
 * and the mixed track's true peak is held at or below {@code truePeak} dBTP.
 */
public record LoudnessSpec(double target, double truePeak) implements Serializable {
  public static final double DEFAULT_TARGET = -14;
  public static final double DEFAULT_TRUE_PEAK = -1;
  public static final double MIN_TARGET = -70;
  public static final double MAX_TARGET = -5;
  public static final double MIN_TRUE_PEAK = -9;
  public static final double MAX_TRUE_PEAK = 0;
}
