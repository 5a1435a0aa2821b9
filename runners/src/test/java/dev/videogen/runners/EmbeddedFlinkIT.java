package dev.videogen.runners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The FlinkRunner's embedded cluster (--flinkMaster=[local]) through the shaded jar's command line. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedFlinkIT {
  @Test
  void rendersByteIdenticalToTheDirectRunnerAndRetriesAFailedChunk() throws IOException {
    byte[] reference = Files.readAllBytes(ItSupport.reference());
    Path work = ItSupport.workLocation("embedded");
    Path output = ItSupport.WORK.resolve("out/embedded.mp4");
    Processes.Result result = ItSupport.videogen(Duration.ofMinutes(4), "render", ItSupport.spec().toString(),
        "--output=" + output, "--runner=FlinkRunner", "--flinkMaster=[local]", "--workLocation=" + work,
        "--faultInjection=failOnce:9");
    assertEquals(0, result.exitCode(), result.output());
    // The presets gave the embedded cluster a restart strategy: without one Flink would not retry.
    assertTrue(result.output().contains("restart: failure-rate"), result.output());
    // The marker is written just before chunk 9's first attempt throws: the video exists only thanks to a retry.
    try (var markers = Files.list(work.resolve("_faults"))) {
      assertEquals(1, markers.count());
    }
    ItSupport.assertMeetsTheOutputContract(output);
    assertArrayEquals(reference, Files.readAllBytes(output), "byte-identical to the DirectRunner's output");
    assertEquals(List.of(), ItSupport.leftovers(work));
  }
}
