package dev.videogen.transforms;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The pipeline's Beam counters and work-time distributions, named in one place: the steps that count and the
 * readers (the progress line, {@code --timings}, tests) use these names. All live in one namespace,
 * {@value #NAMESPACE}.
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


  /*
   * Work time per element of each stage, in milliseconds (distributions, see StageTimer): the serial steps and
   * the parallel tasks of a job, from which the bench models its critical path.
   */
  /** Every work-time distribution's name starts with this. */
  public static final String WORK = "work.";
  /** The counter of a stage's thread CPU time, in milliseconds, is named this followed by the stage's name. */
  public static final String CPU = "cpu.";
  /** Planning one job: spec, image probes, audio probes (included: {@link #WORK_PLAN_AUDIO}), frame grid. */
  public static final String WORK_PLAN = "work.plan";
  /** Within planning: each audio track decoded to count its samples (and measure its loudness). */
  public static final String WORK_PLAN_AUDIO = "work.planAudio";
  /** Rendering and encoding one distinct chunk, and publishing its file. */
  public static final String WORK_RENDER_CHUNK = "work.renderChunk";
  /** One job's audio encoded by one AAC encoder, start to end. */
  public static final String WORK_AUDIO_WHOLE = "work.audioWhole";
  /** Segmented audio: a job's long audio (all its tracks) decoded and mixed once, each segment's samples written. */
  public static final String WORK_AUDIO_SAMPLES = "work.audioSamples";
  /** Segmented audio: one segment encoded. */
  public static final String WORK_AUDIO_SEGMENT = "work.audioSegment";
  /** Segmented audio: one track's segments joined in order, seams checked. */
  public static final String WORK_AUDIO_JOIN = "work.audioJoin";
  /** Assembling one job: all of it, from the grouped chunks to the published MP4 and its side files. */
  public static final String WORK_ASSEMBLE = "work.assemble";
  /** Within assembly: every chunk's packets and the audio copied into the MP4 (the first pass). */
  public static final String WORK_ASSEMBLE_MUX = "work.assemble.mux";
  /**
   * Within assembly: the trailer, which writes the index into the room reserved for it before the media (or,
   * when it did not fit, moves it to the front: a second pass over the whole file).
   */
  public static final String WORK_ASSEMBLE_TRAILER = "work.assemble.trailer";
  /** Within assembly: the finished file's index read back and checked against the file. */
  public static final String WORK_ASSEMBLE_VERIFY = "work.assemble.verify";
  /** Within assembly: the side files and the MP4 published (a rename locally, an upload to object storage). */
  public static final String WORK_ASSEMBLE_PUBLISH = "work.assemble.publish";

  private VideogenMetrics() {}

  static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  static Distribution distribution(String name) {
    return Metrics.distribution(NAMESPACE, name);
  }

  /** The name of the counter of a stage's thread CPU milliseconds ("cpu.work.renderChunk"). */
  public static String cpuOf(String stage) {
    return CPU + stage;
  }

  /**
   * The work times a run recorded (all attempts), by name, each merged over the steps that reported it, with
   * the thread CPU time where it was measured.
   */
  public static Map<String, StageTimes> workTimes(MetricResults metrics) {
    Map<String, Long> cpu = allCounters(metrics);
    Map<String, StageTimes> times = new TreeMap<>();
    for (MetricResult<DistributionResult> result : metrics.queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build()).getDistributions()) {
      String name = result.getName().getName();
      DistributionResult d = result.getAttempted();
      if (name.startsWith(WORK) && d.getCount() > 0) {
        times.merge(name, new StageTimes(d.getCount(), d.getSum(), d.getMin(), d.getMax(), StageTimes.NO_CPU),
            StageTimes::plus);
      }
    }
    times.replaceAll((name, stage) -> cpu.containsKey(cpuOf(name)) ? stage.withCpuMs(cpu.get(cpuOf(name))) : stage);
    return times;
  }

  /** The counters a run recorded (all attempts), by name, summed over the steps that reported them. */
  public static Map<String, Long> counters(MetricResults metrics) {
    Map<String, Long> counters = allCounters(metrics);
    counters.keySet().removeIf(name -> name.startsWith(CPU));
    return counters;
  }

  private static Map<String, Long> allCounters(MetricResults metrics) {
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> result : metrics.queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build()).getCounters()) {
      counters.merge(result.getName().getName(), result.getAttempted(), Long::sum);
    }
    return counters;
  }
}
