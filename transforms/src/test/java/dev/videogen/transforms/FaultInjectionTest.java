package dev.videogen.transforms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.plan.ChunkTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault-injection policies: which chunk, only the first attempt, the marker, and the default no-op. */
class FaultInjectionTest {
  @TempDir Path work;
  private final List<Long> slept = new ArrayList<>();

  private RenderSettings settings(String policy) {
    return RenderSettings.defaults(work.toString()).withChunkSeconds(1).withMaxImagePixels(1_000_000)
        .withSourceCacheBytes(1 << 20).withFaultInjection(policy);
  }

  private static ChunkTask chunk(int index) {
    VideoEncoderSettings encoder = new VideoEncoderSettings(64, 36, FrameRate.of(30), 23, "ultrafast", 1, 150);
    return new ChunkTask("job-7", "0123456789abcdef0123456789abcdef", index, index * 30L, index * 30L + 30, encoder,
        List.of(), "content-key-" + index);
  }

  private FaultInjection policy(String spec) {
    return FaultInjection.parse(spec, slept::add);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.walk(work)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void noneIsTheDefaultAndDoesNothing() throws IOException {
    RenderSettings settings = RenderSettings.defaults(work.toString()).withChunkSeconds(1).withMaxImagePixels(1_000_000)
        .withSourceCacheBytes(1 << 20);
    assertEquals(FaultInjection.NONE, settings.faultInjection());
    for (String spec : new String[] {null, "", " none "}) {
      FaultInjection none = policy(spec);
      for (int i = 0; i < 3; i++) {
        none.beforeChunk(chunk(i), settings);
      }
    }
    assertEquals(List.of(), files(), "no marker");
    assertEquals(List.of(), slept);
  }

  @Test
  void failOnceFailsOnlyItsChunkAndOnlyTheFirstTime() throws IOException {
    RenderSettings settings = settings("failOnce:2");
    FaultInjection failOnce = policy(settings.faultInjection());
    assertDoesNotThrow(() -> failOnce.beforeChunk(chunk(1), settings));
    FaultInjection.InjectedFault fault = assertThrows(FaultInjection.InjectedFault.class, () -> failOnce.beforeChunk(chunk(2), settings));
    assertTrue(fault.getMessage().contains("chunk 2 of job job-7"), fault.getMessage());
    // The retry, in this or another worker (a fresh policy object: workers share nothing but the marker).
    assertDoesNotThrow(() -> policy("failOnce:2").beforeChunk(chunk(2), settings));
    assertDoesNotThrow(() -> failOnce.beforeChunk(chunk(2), settings));

    Path marker = Path.of(FaultInjection.markerUri(settings, chunk(2)));
    assertEquals(List.of(marker), files(), "one marker, nothing else");
    assertEquals(work.resolve("_faults/job-7-0123456789abcdef-chunk-000002"), marker);
    JsonNode json = new ObjectMapper().readTree(Files.readString(marker));
    assertEquals(ProcessHandle.current().pid(), json.get("pid").asLong());
    assertEquals(2, json.get("chunk").asInt());
    assertEquals("failOnce:2", json.get("policy").asText());
  }

  @Test
  void stallOnceWaitsOnTheInjectedSleeperOnce() throws IOException {
    RenderSettings settings = settings("stallOnce:0:42");
    FaultInjection stall = policy(settings.faultInjection());
    stall.beforeChunk(chunk(1), settings);
    assertEquals(List.of(), slept);
    stall.beforeChunk(chunk(0), settings);
    assertEquals(List.of(42_000L), slept);
    stall.beforeChunk(chunk(0), settings);
    assertEquals(List.of(42_000L), slept, "the retry does not wait");
    assertTrue(Files.exists(Path.of(FaultInjection.markerUri(settings, chunk(0)))));

    policy("stallOnce:5").beforeChunk(chunk(5), settings);
    assertEquals(List.of(42_000L, 300_000L), slept, "default stall");
  }

  @Test
  void malformedPoliciesAreRefusedByTheSettings() {
    for (String bad : new String[] {"fail", "failOnce", "failOnce:x", "failOnce:1:5", "stallOnce:-1", "crash:3"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertFalse(settings("stallOnce:3:1").faultInjection().isEmpty());
  }
}
