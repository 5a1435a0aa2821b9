package dev.videogen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogen.testing.TestMedia;
import dev.videogen.transforms.RunTimings;
import dev.videogen.transforms.StageTimes;
import dev.videogen.transforms.VideogenMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --timings=PATH}: a real render on the DirectRunner writes where its time went, one work time per element
 * of each stage: as many chunk times as distinct chunks rendered, one plan, one audio encode, one assembly.
 */
class TimingsOptionTest {
  @TempDir Path dir;

  @Test
  void eachStageRecordsOneWorkTimePerElement() throws IOException {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.png"), 80, 80, 200);
    TestMedia.sineWav(dir.resolve("tone.wav"), 48000, 2, 2 * 48000); // 2 s
    // 10 fps, chunks of 0.5 s: each 1-s slide is two chunks, all four distinct.
    Path spec = Files.writeString(dir.resolve("job.json"), """
        {"id":"timed","output":"out/timed.mp4","video":{"width":64,"height":36,"fps":10,"preset":"ultrafast"},
         "audio":[{"uri":"tone.wav"}],
         "slides":[{"image":"a.png","seconds":1},{"image":"b.png","seconds":1,"to":{"zoom":1.6,"x":0.4,"y":0.5}}]}""");
    Path timings = dir.resolve("timings/run.json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new VideogenCli(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false).run(new String[] {"render", spec.toString(),
            "--workLocation=" + dir.resolve("work"), "--chunkSeconds=0.5", "--timings=" + timings});
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

    RunTimings run = RunTimings.fromJson(Files.readString(timings));
    assertEquals("DirectRunner", run.runner());
    assertEquals(4, run.counter(VideogenMetrics.CHUNKS_RENDERED));
    assertEquals(20, run.counter(VideogenMetrics.FRAMES_RENDERED));
    assertEquals(4, run.stage(VideogenMetrics.WORK_RENDER_CHUNK).count());
    for (String once : List.of(VideogenMetrics.WORK_PLAN, VideogenMetrics.WORK_PLAN_AUDIO,
        VideogenMetrics.WORK_AUDIO_WHOLE, VideogenMetrics.WORK_ASSEMBLE, VideogenMetrics.WORK_ASSEMBLE_MUX,
        VideogenMetrics.WORK_ASSEMBLE_TRAILER, VideogenMetrics.WORK_ASSEMBLE_VERIFY,
        VideogenMetrics.WORK_ASSEMBLE_PUBLISH)) {
      assertEquals(1, run.stage(once).count(), once);
    }
    // A 2-s track is encoded whole: no segment stages at all.
    assertEquals(Set.of(VideogenMetrics.WORK_PLAN, VideogenMetrics.WORK_PLAN_AUDIO, VideogenMetrics.WORK_RENDER_CHUNK,
        VideogenMetrics.WORK_AUDIO_WHOLE, VideogenMetrics.WORK_ASSEMBLE, VideogenMetrics.WORK_ASSEMBLE_MUX,
        VideogenMetrics.WORK_ASSEMBLE_TRAILER, VideogenMetrics.WORK_ASSEMBLE_VERIFY,
        VideogenMetrics.WORK_ASSEMBLE_PUBLISH), run.stages().keySet());
    for (StageTimes times : run.stages().values()) {
      assertTrue(times.minMs() >= 0 && times.minMs() <= times.maxMs() && times.maxMs() <= times.sumMs(),
          times::toString);
    }
    // The threads' CPU time beside the wall time, where the work was timed in the DoFn; not for the assembly's
    // passes (timed inside the media core); never among the counters.
    assertTrue(run.stage(VideogenMetrics.WORK_RENDER_CHUNK).hasCpu());
    assertTrue(run.stage(VideogenMetrics.WORK_ASSEMBLE).hasCpu());
    assertFalse(run.stage(VideogenMetrics.WORK_ASSEMBLE_MUX).hasCpu());
    assertTrue(run.counters().keySet().stream().noneMatch(name -> name.startsWith(VideogenMetrics.CPU)),
        run.counters()::toString);
    StageTimes plan = run.stage(VideogenMetrics.WORK_PLAN);
    assertEquals(plan.minMs(), plan.maxMs(), "one element: its time is the min, the max and the sum");
    assertEquals(plan.sumMs(), plan.maxMs());

    // The file as documented, field by field.
    JsonNode json = new ObjectMapper().readTree(timings.toFile());
    assertEquals(run.startupMs(), json.get("startupMs").asLong());
    assertEquals(run.pipelineMs(), json.get("pipelineMs").asLong());
    assertTrue(run.startupMs() > 0 && run.pipelineMs() > 0, json::toString);
    JsonNode chunks = json.at("/stages/work.renderChunk");
    List<String> fields = new ArrayList<>();
    chunks.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("count", "sumMs", "minMs", "maxMs", "cpuMs"), fields);
    assertEquals(4, chunks.get("count").asLong());
    assertEquals(4, json.at("/counters/chunksRendered").asLong());
  }
}
