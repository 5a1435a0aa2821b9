package dev.videogen.transforms;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The pipeline's Beam counters, named in one place: the steps that count and the readers (the progress line,
 * tests) use these names. All live in one namespace, {@value #NAMESPACE}.
 */
public final class VideogenMetrics {
  public static final String NAMESPACE = "videogen";

  public static final String FRAMES_PLANNED = "framesPlanned";
  public static final String FRAMES_RENDERED = "framesRendered";
  public static final String FRAMES_REUSED = "framesReused";
  public static final String CHUNKS_RENDERED = "chunksRendered";
  public static final String CHUNKS_REUSED = "chunksReused";
  /** Segments of long audio tracks encoded (with segmented audio), each an element of its own. */
  public static final String AUDIO_SEGMENTS_ENCODED = "audioSegmentsEncoded";
  public static final String JOBS_SUCCEEDED = "jobsSucceeded";
  /** Jobs that failed after planning (a chunk, the audio, assembly or publishing). */
  public static final String JOBS_FAILED = "jobsFailed";
  public static final String JOBS_FAILED_PLANNING = "jobsFailedPlanning";
  /** Jobs refused before planning: their id is not unique in the batch. */
  public static final String JOBS_REJECTED = "jobsRejected";
  public static final String JOBS_SKIPPED = "jobsSkipped";

  private VideogenMetrics() {}

  static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }
}
