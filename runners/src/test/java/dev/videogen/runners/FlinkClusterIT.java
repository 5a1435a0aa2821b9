package dev.videogen.runners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A real standalone Flink cluster on this machine (infra/flink/cluster: a JobManager and two TaskManagers,
 * each its own JVM), jobs submitted through the shaded jar's command line with
 * {@code --runner=FlinkRunner --flinkMaster=127.0.0.1:PORT}. Each output must be byte-identical to the
 * DirectRunner's. The lost-TaskManager test runs last: it leaves one TaskManager.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FlinkClusterIT {
  private LocalFlinkCluster cluster;
  private byte[] reference;

  @BeforeAll
  void startCluster() throws IOException, InterruptedException {
    reference = Files.readAllBytes(ItSupport.reference());
    Path dir = ItSupport.WORK.resolve("cluster");
    ItSupport.deleteRecursively(dir);
    cluster = LocalFlinkCluster.start(dir, 2);
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
      assertEquals(List.of(), cluster.livePids(), "stop leaves no process behind");
    }
  }

  private Processes.Result submit(Duration limit, String jobName, Path workLocation, Path output, String... extra) {
    return submitting(jobName, workLocation, output, extra).await(limit);
  }

  private Processes.Running submitting(String jobName, Path workLocation, Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of("render", ItSupport.spec().toString(), "--output=" + output,
        "--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--jobName=" + jobName,
        "--workLocation=" + workLocation));
    args.addAll(List.of(extra));
    return ItSupport.startVideogen(args.toArray(String[]::new));
  }

  /** A step's vertex: the GroupReduce of the Reshuffle before it, chained with {@code step}. */
  private JsonNode vertexAfterReshuffle(String jobId, String step) throws IOException, InterruptedException {
    for (JsonNode vertex : cluster.get("/jobs/" + jobId).get("vertices")) {
      String name = vertex.get("name").asText();
      if (name.contains("GroupReduce") && name.contains(step)) {
        return cluster.get("/jobs/" + jobId + "/vertices/" + vertex.get("id").asText());
      }
    }
    throw new AssertionError("no vertex with " + step + " in job " + jobId);
  }

  /** Chunks (records read) by the render subtasks of each TaskManager, final attempts only. */
  private Map<String, Long> chunksPerTaskManager(String jobId) throws IOException, InterruptedException {
    return recordsPerTaskManager(jobId, "RenderChunks/RenderAndEncode");
  }

  /** Records read by {@code step}'s subtasks (after a Reshuffle) on each TaskManager, final attempts only. */
  private Map<String, Long> recordsPerTaskManager(String jobId, String step) throws IOException, InterruptedException {
    Map<String, Long> records = new TreeMap<>();
    for (JsonNode subtask : vertexAfterReshuffle(jobId, step).get("subtasks")) {
      assertEquals("FINISHED", subtask.get("status").asText(), subtask::toString);
      records.merge(subtask.get("taskmanager-id").asText(), subtask.get("metrics").get("read-records").asLong(), Long::sum);
    }
    return records;
  }

  private List<String> exceptions(String jobId) throws IOException, InterruptedException {
    List<String> entries = new ArrayList<>();
    for (JsonNode entry : cluster.get("/jobs/" + jobId + "/exceptions").get("exceptionHistory").get("entries")) {
      entries.add(entry.get("taskManagerId").asText() + ": " + entry.get("stacktrace").asText());
    }
    return entries;
  }

  /**
   * Nothing left in the work location (chunks, audio, partial uploads) nor in the temporary folders of the
   * TaskManagers still running. A killed TaskManager cannot clean up after itself: its local temporary
   * files die with its folder (cluster stop here, the pod's disk on Kubernetes).
   */
  private void assertCleanAfterwards(Path workLocation, String... killedTaskManagers) {
    assertEquals(List.of(), ItSupport.leftovers(workLocation), "no chunk, audio or partial file left in " + workLocation);
    for (int i = 1; i <= 2; i++) {
      if (!List.of(killedTaskManagers).contains("tm-" + i)) {
        Path tmp = cluster.dir().resolve("tmp/taskmanager-" + i);
        assertEquals(List.of(), ItSupport.videogenTemporaries(tmp), "no temporary file left in " + tmp);
      }
    }
  }

  @Test
  @Order(1)
  void theClusterRunsTwoTaskManagersOnLoopback() throws IOException, InterruptedException {
    JsonNode overview = cluster.get("/overview");
    assertEquals(2, overview.get("taskmanagers").asInt(), overview::toString);
    assertEquals(2, overview.get("slots-total").asInt(), overview::toString);
    List<String> ids = new ArrayList<>();
    for (JsonNode taskManager : cluster.get("/taskmanagers").get("taskmanagers")) {
      ids.add(taskManager.get("id").asText());
    }
    ids.sort(null);
    assertEquals(List.of("tm-1", "tm-2"), ids);
    assertEquals(3, cluster.runningPids().size(), "JobManager and two TaskManagers, each its own JVM");
    Map<String, String> config = new TreeMap<>();
    for (JsonNode entry : cluster.get("/jobmanager/config")) {
      config.put(entry.get("key").asText(), entry.get("value").asText());
    }
    assertEquals("127.0.0.1", config.get("rest.bind-address"));
    assertEquals("127.0.0.1", config.get("jobmanager.bind-host"));
    assertTrue(cluster.status().contains("2 TaskManager(s)"), cluster::status);
  }

  @Test
  @Order(2)
  void aJobRendersOnBothTaskManagersByteIdenticalToTheDirectRunner() throws IOException, InterruptedException {
    Path work = ItSupport.workLocation("cluster-clean");
    Path output = ItSupport.WORK.resolve("out/cluster-clean.mp4");
    Processes.Result result = submit(Duration.ofMinutes(5), "it-clean", work, output);
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("job " + ItSupport.JOB_ID + " ok"), result.output());
    assertTrue(result.output().contains("--parallelism=2 (slots of " + cluster.master() + ")"), result.output());

    ItSupport.assertMeetsTheOutputContract(output);
    assertArrayEquals(reference, Files.readAllBytes(output), "byte-identical to the DirectRunner's output");

    String jobId = cluster.jobId("it-clean");
    assertEquals("FINISHED", cluster.get("/jobs/" + jobId).get("state").asText());
    Map<String, Long> chunks = chunksPerTaskManager(jobId);
    assertEquals(List.of("tm-1", "tm-2"), List.copyOf(chunks.keySet()), "render subtasks on both TaskManagers");
    // Reshuffle.viaRandomKey spreads the 15 chunks at random: all on one side has a chance of 2^-14.
    assertTrue(chunks.values().stream().allMatch(n -> n > 0), () -> "chunks rendered on each TaskManager: " + chunks);
    assertEquals(ItSupport.CHUNKS, chunks.values().stream().mapToLong(Long::longValue).sum(), chunks::toString);
    assertEquals(List.of(), exceptions(jobId), "no failure, no restart");
    assertCleanAfterwards(work);
  }

  /**
   * With --segmentedAudio a 17-minute track's 12 segments are elements of their own: encoded on both
   * TaskManagers, joined to the same bytes as the DirectRunner's segmented audio.
   */
  @Test
  @Order(3)
  void longAudioIsEncodedInSegmentsOnBothTaskManagers() throws IOException, InterruptedException {
    Path spec = ItSupport.longAudioSpec();
    Path direct = ItSupport.WORK.resolve("out/long-audio-direct.mp4");
    Processes.Result reference = ItSupport.videogen(Duration.ofMinutes(5), "render", spec.toString(),
        "--output=" + direct, "--workLocation=" + ItSupport.workLocation("long-audio-direct"), "--segmentedAudio",
        "--chunkSeconds=10");
    assertEquals(0, reference.exitCode(), reference.output());

    Path work = ItSupport.workLocation("cluster-long-audio");
    Path output = ItSupport.WORK.resolve("out/cluster-long-audio.mp4");
    List<String> args = List.of("render", spec.toString(), "--output=" + output, "--runner=FlinkRunner",
        "--flinkMaster=" + cluster.master(), "--jobName=it-long-audio", "--workLocation=" + work,
        "--segmentedAudio", "--chunkSeconds=10");
    Processes.Result result = ItSupport.startVideogen(args.toArray(String[]::new)).await(Duration.ofMinutes(5));
    assertEquals(0, result.exitCode(), result.output());

    assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(output), "byte-identical to the DirectRunner's");
    ProbeReport probe = MediaProbe.probe(output);
    assertEquals(1020 * 30, probe.video().frames());
    assertEquals(1020.0, probe.audio().duration(), 1 / 30.0);
    String jobId = cluster.jobId("it-long-audio");
    Map<String, Long> segments = recordsPerTaskManager(jobId, "EncodeAudio/EncodeSegments");
    assertEquals(List.of("tm-1", "tm-2"), List.copyOf(segments.keySet()), "segment subtasks on both TaskManagers");
    // Reshuffle.viaRandomKey spreads the 12 segments at random: all on one side has a chance of 2^-11.
    assertTrue(segments.values().stream().allMatch(n -> n > 0), () -> "segments encoded on each TaskManager: " + segments);
    assertEquals(12, segments.values().stream().mapToLong(Long::longValue).sum(), segments::toString);
    assertCleanAfterwards(work);
  }

  @Test
  @Order(4)
  void aChunkThatFailsOnItsFirstAttemptIsRetriedByFlink() throws IOException, InterruptedException {
    Path work = ItSupport.workLocation("cluster-fail-once");
    Path output = ItSupport.WORK.resolve("out/cluster-fail-once.mp4");
    Processes.Result result = submit(Duration.ofMinutes(5), "it-fail-once", work, output, "--faultInjection=failOnce:4");
    assertEquals(0, result.exitCode(), result.output());

    ItSupport.assertMeetsTheOutputContract(output);
    assertArrayEquals(reference, Files.readAllBytes(output), "byte-identical to the DirectRunner's output");

    String jobId = cluster.jobId("it-fail-once");
    List<String> exceptions = exceptions(jobId);
    assertEquals(1, exceptions.size(), exceptions::toString);
    assertTrue(exceptions.get(0).contains("injected fault (failOnce:4): chunk 4 of job " + ItSupport.JOB_ID), exceptions.get(0));
    // Each chunk exactly once in the attempts that made the video, and nothing stray left behind.
    assertEquals(ItSupport.CHUNKS, chunksPerTaskManager(jobId).values().stream().mapToLong(Long::longValue).sum());
    try (var markers = Files.list(work.resolve("_faults"))) {
      assertEquals(1, markers.count(), "one first attempt recorded");
    }
    assertCleanAfterwards(work);
  }

  @Test
  @Order(5)
  void theJobSurvivesTheLossOfATaskManagerWhileChunksRender() throws IOException, InterruptedException {
    Path work = ItSupport.workLocation("cluster-lost-worker");
    Path output = ItSupport.WORK.resolve("out/cluster-lost-worker.mp4");
    Processes.Running job;
    // Chunk 7 waits on its first attempt, so a TaskManager is surely in the middle of rendering when killed.
    Path faults = Files.createDirectories(work.resolve("_faults"));
    List<Path> markers;
    try (WatchService watch = faults.getFileSystem().newWatchService()) {
      faults.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      Processes.Running started = submitting("it-lost-worker", work, output, "--faultInjection=stallOnce:7:300");
      job = started;
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      while ((markers = listOrEmpty(faults)).isEmpty() && started.isAlive() && Instant.now().isBefore(deadline)) {
        WatchKey key = watch.poll(1, TimeUnit.SECONDS); // woken by the marker's creation
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
    Processes.Running submitted = job;
    assertEquals(1, markers.size(), () -> "chunk 7 never started: " + submitted.await(Duration.ofSeconds(1)).output());
    long pid = ItSupport.jsonPid(markers.get(0));
    Map<String, Long> taskManagers = cluster.taskManagerPids();
    assertTrue(taskManagers.containsValue(pid), () -> "chunk 7 renders in pid " + pid + ", not a TaskManager of " + taskManagers);
    String lost = taskManagers.entrySet().stream().filter(e -> e.getValue() == pid).findFirst().orElseThrow().getKey();

    ProcessHandle taskManager = ProcessHandle.of(pid).orElseThrow();
    assertTrue(taskManager.destroyForcibly(), "SIGKILL to " + lost);
    taskManager.onExit().join();

    Processes.Result result = job.await(Duration.ofMinutes(5));
    assertEquals(0, result.exitCode(), result.output());
    ItSupport.assertMeetsTheOutputContract(output);
    assertArrayEquals(reference, Files.readAllBytes(output), "byte-identical to the DirectRunner's output");

    String jobId = cluster.jobId("it-lost-worker");
    assertEquals("FINISHED", cluster.get("/jobs/" + jobId).get("state").asText());
    List<String> exceptions = exceptions(jobId);
    assertFalse(exceptions.isEmpty(), "the loss was a failure Flink recovered from");
    assertTrue(exceptions.stream().anyMatch(e -> e.startsWith(lost + ":")), () -> lost + " not in " + exceptions);
    assertEquals(1, cluster.get("/overview").get("taskmanagers").asInt(), "the other TaskManager finished the job");
    assertEquals(ItSupport.CHUNKS, chunksPerTaskManager(jobId).values().stream().mapToLong(Long::longValue).sum());
    assertCleanAfterwards(work, lost);
  }

  private static List<Path> listOrEmpty(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (var files = Files.list(folder)) {
      // A marker is published as "<name>.partial-<uuid>" and then renamed: only the complete ones count
      // (reading the temporary name races with the rename).
      return files.map(f -> f.getFileName().toString())
          .filter(name -> !name.startsWith(".") && !name.contains(".partial-"))
          .map(folder::resolve)
          .toList();
    }
  }
}
