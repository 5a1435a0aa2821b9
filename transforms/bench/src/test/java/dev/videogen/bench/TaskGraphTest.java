package dev.videogen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.transforms.RunTimings;
import dev.videogen.transforms.StageTimes;
import dev.videogen.transforms.VideogenMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The critical-path model: longest chains, total work and list-scheduled makespans, by hand. */
class TaskGraphTest {
  /** plan 1 s; 4 chunks of 3 s; audio 5 s; assemble 2 s. */
  private static TaskGraph job() {
    return new JobModel(1, 4, 3, new JobModel.WholeAudio(5), 2).graph();
  }

  @Test
  void oneSlotDoesAllTheWorkInTurn() {
    assertEquals(1 + 4 * 3 + 5 + 2, job().work(), 1e-9);
    assertEquals(20, job().makespan(1), 1e-9);
  }

  @Test
  void theCriticalPathIsTheLongestChain() {
    TaskGraph graph = job();
    assertEquals(List.of("plan", "audioWhole", "assemble"),
        graph.criticalPath().stream().map(TaskGraph.Task::stage).toList());
    assertEquals(8, graph.criticalSeconds(), 1e-9);
    assertEquals("plan 1.00 s → audioWhole 5.00 s → assemble 2.00 s = 8.00 s", CriticalPathRun.chain(graph));
    // Enough slots for every task at once: the makespan is the critical path.
    assertEquals(8, graph.makespan(5), 1e-9);
    assertEquals(8, graph.makespan(64), 1e-9);
  }

  @Test
  void theLongestChainStartsFirst() {
    // Two slots from t = 1: audio (chain 7) on one, 1–6, then a chunk 6–9; chunks on the other 1–4, 4–7, 7–10;
    // assemble 10–12.
    assertEquals(12, job().makespan(2), 1e-9);
    // Three slots: audio 1–6 and two chunks 1–4, two chunks 4–7; assemble 7–9.
    assertEquals(9, job().makespan(3), 1e-9);
  }

  @Test
  void segmentedAudioIsASerialStepParallelSegmentsAndASerialJoin() {
    TaskGraph graph = new JobModel(1, 2, 3, new JobModel.SegmentedAudio(2, 6, 1, 0.5), 2).graph();
    assertEquals(1 + 6 + 2 + 6 + 0.5 + 2, graph.work(), 1e-9);
    assertEquals(List.of("plan", "audioSamples", "audioSegment", "audioJoin", "assemble"),
        graph.criticalPath().stream().map(TaskGraph.Task::stage).toList());
    assertEquals(1 + 2 + 1 + 0.5 + 2, graph.criticalSeconds(), 1e-9);
    assertEquals(6.5, graph.makespan(8), 1e-9);
    // Two slots from t = 1: samples (chain 5.5) 1–3 and a chunk (chain 5) 1–4. At 3 the other chunk (chain 5)
    // before the segments (chain 3.5): 3–6. Segments 4–5, 5–6, then two at a time 6–7, 7–8; join 8–8.5,
    // assemble 8.5–10.5.
    assertEquals(10.5, graph.makespan(2), 1e-9);
  }

  @Test
  void aMeasuredRunBecomesTheModelOfItsMeans() {
    RunTimings run = new RunTimings(900, 30_000, "DirectRunner", Map.of(
        VideogenMetrics.WORK_PLAN, new StageTimes(1, 1200, 1200, 1200, StageTimes.NO_CPU),
        VideogenMetrics.WORK_RENDER_CHUNK, new StageTimes(6, 18_000, 2500, 3500, StageTimes.NO_CPU),
        VideogenMetrics.WORK_AUDIO_WHOLE, new StageTimes(1, 4000, 4000, 4000, StageTimes.NO_CPU),
        VideogenMetrics.WORK_ASSEMBLE, new StageTimes(1, 800, 800, 800, StageTimes.NO_CPU)), Map.of());
    assertEquals(new JobModel(1.2, 6, 3, new JobModel.WholeAudio(4), 0.8), JobModel.measured(run));
  }

  @Test
  void aTaskWaitsOnlyForTasksAlreadyThere() {
    TaskGraph graph = new TaskGraph();
    assertThrows(IllegalArgumentException.class, () -> graph.add("x", 1, 0));
    assertThrows(IllegalArgumentException.class, () -> graph.add("x", -1));
    assertThrows(IllegalArgumentException.class, () -> job().makespan(0));
  }
}
