package dev.videogen.bench;

import dev.videogen.transforms.RunTimings;
import dev.videogen.transforms.StageTimes;
import dev.videogen.transforms.VideogenMetrics;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One job as the critical-path model sees it, in seconds: planning (serial), the distinct chunks (parallel,
 * each the stage's mean), the audio beside them (one task when encoded whole; with segmented audio a serial
 * decode-and-mix, parallel segments, a serial join) and assembly (serial, after everything):
 *
 * <pre>
 * plan ─┬─ renderChunk × chunks ──────────────────────────────────┬─ assemble
 *       └─ audioWhole  |  audioSamples ─ audioSegment × n ─ audioJoin ┘
 * </pre>
 */
record JobModel(double plan, int chunks, double chunkSeconds, Audio audio, double assemble) {
  /** The audio branch. */
  sealed interface Audio permits WholeAudio, SegmentedAudio {}

  /** One encoder over the whole track. */
  record WholeAudio(double seconds) implements Audio {}

  /** Decoded and mixed once, {@code segments} encoded in parallel, joined. */
  record SegmentedAudio(double samples, int segments, double segmentSeconds, double join) implements Audio {}

  /** The model of a measured run of one job: each stage's mean work per element. */
  static JobModel measured(RunTimings run) {
    StageTimes chunks = run.stage(VideogenMetrics.WORK_RENDER_CHUNK);
    StageTimes samples = run.stage(VideogenMetrics.WORK_AUDIO_SAMPLES);
    Audio audio = samples.count() > 0
        ? new SegmentedAudio(seconds(samples.sumMs()), (int) run.stage(VideogenMetrics.WORK_AUDIO_SEGMENT).count(),
            run.stage(VideogenMetrics.WORK_AUDIO_SEGMENT).meanMs() / 1000,
            seconds(run.stage(VideogenMetrics.WORK_AUDIO_JOIN).sumMs()))
        : new WholeAudio(seconds(run.stage(VideogenMetrics.WORK_AUDIO_WHOLE).sumMs()));
    return new JobModel(seconds(run.stage(VideogenMetrics.WORK_PLAN).sumMs()), (int) chunks.count(),
        chunks.meanMs() / 1000, audio, seconds(run.stage(VideogenMetrics.WORK_ASSEMBLE).sumMs()));
  }

  private static double seconds(long ms) {
    return ms / 1000.0;
  }

  TaskGraph graph() {
    TaskGraph graph = new TaskGraph();
    int planned = graph.add("plan", plan);
    int[] rendered = graph.addEach("renderChunk", chunks, chunkSeconds, planned);
    int audioDone;
    if (audio instanceof SegmentedAudio segmented) {
      int written = graph.add("audioSamples", segmented.samples(), planned);
      int[] encoded = graph.addEach("audioSegment", segmented.segments(), segmented.segmentSeconds(), written);
      audioDone = graph.add("audioJoin", segmented.join(), encoded);
    } else {
      audioDone = graph.add("audioWhole", ((WholeAudio) audio).seconds(), planned);
    }
    graph.add("assemble", assemble, IntStream.concat(Arrays.stream(rendered), IntStream.of(audioDone)).toArray());
    return graph;
  }
}
