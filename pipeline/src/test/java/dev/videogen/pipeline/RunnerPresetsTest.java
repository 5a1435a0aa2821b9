package dev.videogen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flink presets: added only for the FlinkRunner, only where the user set nothing, and what they contain. */
class RunnerPresetsTest {
  @TempDir Path tmp;
  private final List<String> asked = new ArrayList<>();

  private static final Optional<RunnerPresets.Cluster> SIX_SLOTS =
      Optional.of(new RunnerPresets.Cluster(6, Optional.of("failure-rate")));

  private RunnerPresets presets(Optional<RunnerPresets.Cluster> cluster, Optional<String> flinkConfDirVariable) {
    return new RunnerPresets(master -> {
      asked.add(master);
      return cluster;
    }, flinkConfDirVariable, 2, tmp);
  }

  private RunnerPresets.Result apply(String... args) {
    return presets(SIX_SLOTS, Optional.empty()).presets(args);
  }

  private static String config(String[] args) throws IOException {
    String dir = RunnerPresets.value(args, "flinkConfDir").orElseThrow();
    return Files.readString(Path.of(dir, "config.yaml"));
  }

  @Test
  void otherRunnersAreLeftAlone() {
    String[] args = {"--chunkSeconds=2", "--parallelism=3"};
    assertArrayEquals(args, apply(args).args());
    String[] direct = {"--runner=DirectRunner"};
    assertArrayEquals(direct, apply(direct).args());
    assertEquals(List.of(), asked);
  }

  @Test
  void runnerNamesAsBeamAcceptsThem() {
    for (String name : new String[] {"FlinkRunner", "flinkrunner", "Flink", "org.apache.beam.runners.flink.FlinkRunner"}) {
      assertTrue(RunnerPresets.isFlink(name), name);
    }
    assertFalse(RunnerPresets.isFlink("DirectRunner"));
    assertFalse(RunnerPresets.isFlink(null));
  }

  @Test
  void embeddedFlinkGetsCoresRegionFailoverRestartsAndLoopback() throws IOException {
    String[] args = apply("--runner=FlinkRunner", "--flinkMaster=[local]").args();
    assertEquals(Optional.of("BATCH_FORCED"), RunnerPresets.value(args, "executionModeForBatch"));
    assertEquals(Optional.of("2"), RunnerPresets.value(args, "parallelism"));
    assertEquals(Optional.of("true"), RunnerPresets.value(args, "fasterCopy"));
    assertEquals(List.of(), asked, "no cluster to ask");
    String config = config(args);
    assertTrue(config.contains("restart-strategy.type: failure-rate\n"), config);
    assertTrue(config.contains("restart-strategy.failure-rate.max-failures-per-interval: 5\n"), config);
    assertTrue(config.contains("restart-strategy.failure-rate.delay: 5 s\n"), config);
    assertTrue(config.contains("rest.bind-address: 127.0.0.1\n"), config);
    assertTrue(config.contains("taskmanager.bind-host: 127.0.0.1\n"), config);
    assertTrue(config.contains("jobmanager.bind-host: 127.0.0.1\n"), config);
    // No --flinkMaster means [auto]: embedded too.
    assertEquals(Optional.of("2"), RunnerPresets.value(apply("--runner=FlinkRunner").args(), "parallelism"));
  }

  @Test
  void aClusterGivesItsSlotsAndKeepsItsRestartStrategy() {
    RunnerPresets.Result result = apply("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081");
    assertEquals(List.of("127.0.0.1:8081"), asked);
    assertEquals(Optional.of("6"), RunnerPresets.value(result.args(), "parallelism"));
    assertEquals(Optional.of("BATCH_FORCED"), RunnerPresets.value(result.args(), "executionModeForBatch"));
    // Flink 1.19 drops a client-side restart strategy of DataSet jobs: no configuration is sent.
    assertEquals(Optional.empty(), RunnerPresets.value(result.args(), "flinkConfDir"));
    assertTrue(String.join(";", result.notes()).contains("restart: the cluster's (failure-rate)"), result.notes()::toString);
  }

  @Test
  void aClusterThatWouldNotRestartIsReported() {
    for (Optional<String> strategy : List.of(Optional.<String>empty(), Optional.of("none"))) {
      RunnerPresets.Result result = presets(Optional.of(new RunnerPresets.Cluster(2, strategy)), Optional.empty())
          .presets(new String[] {"--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081"});
      assertTrue(String.join(";", result.notes()).contains("WARNING: 127.0.0.1:8081 restarts nothing"), result.notes()::toString);
    }
  }

  @Test
  void anUnreachableClusterLeavesParallelismToFlink() {
    RunnerPresets.Result result = presets(Optional.empty(), Optional.empty())
        .presets(new String[] {"--runner=FlinkRunner", "--flinkMaster=127.0.0.1:1"});
    assertEquals(Optional.empty(), RunnerPresets.value(result.args(), "parallelism"));
    assertTrue(String.join(";", result.notes()).contains("cannot read the slots of 127.0.0.1:1"), result.notes()::toString);
  }

  @Test
  void whatTheUserSetIsKept() {
    String[] args = {"--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=3",
        "--executionModeForBatch=PIPELINED", "--flinkConfDir=/etc/flink", "--fasterCopy"};
    assertArrayEquals(args, apply(args).args());
    String[] remote = {"--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081", "--parallelism=3", "--executionModeForBatch=BATCH",
        "--fasterCopy=false"};
    assertArrayEquals(remote, apply(remote).args());
    // FLINK_CONF_DIR counts as the user's configuration too.
    String[] withVariable = presets(SIX_SLOTS, Optional.of("/etc/flink"))
        .presets(new String[] {"--runner=FlinkRunner", "--parallelism=1", "--executionModeForBatch=BATCH", "--fasterCopy=false"}).args();
    assertEquals(Optional.empty(), RunnerPresets.value(withVariable, "flinkConfDir"));
  }

  @Test
  void beamsRetryOptionsBecomeAFixedDelayStrategyForBatch() throws IOException {
    String[] args = apply("--runner=FlinkRunner", "--numberOfExecutionRetries=3", "--executionRetryDelay=1500").args();
    String config = config(args);
    assertTrue(config.contains("restart-strategy.type: fixed-delay\n"), config);
    assertTrue(config.contains("restart-strategy.fixed-delay.attempts: 3\n"), config);
    assertTrue(config.contains("restart-strategy.fixed-delay.delay: 1500 ms\n"), config);
    assertTrue(config(apply("--runner=FlinkRunner", "--numberOfExecutionRetries=0").args())
        .contains("restart-strategy.type: none\n"));
    assertThrows(UsageException.class, () -> apply("--runner=FlinkRunner", "--numberOfExecutionRetries=many"));
  }

  @Test
  void theSameConfigurationIsWrittenOnce() throws IOException {
    String first = RunnerPresets.value(apply("--runner=FlinkRunner").args(), "flinkConfDir").orElseThrow();
    String second = RunnerPresets.value(apply("--runner=FlinkRunner").args(), "flinkConfDir").orElseThrow();
    assertEquals(first, second);
    try (var files = Files.list(Path.of(first))) {
      assertEquals(List.of(Path.of(first, "config.yaml")), files.toList());
    }
  }

  @Test
  void slotsAndRestartStrategyAreReadFromTheRestApi() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    respond(server, "/overview", "{\"taskmanagers\":2,\"slots-total\":4,\"slots-available\":4}");
    respond(server, "/jobmanager/config", "[{\"key\":\"rest.port\",\"value\":\"8081\"},"
        + "{\"key\":\"restart-strategy.type\",\"value\":\"fixed-delay\"}]");
    server.start();
    try {
      String master = "127.0.0.1:" + server.getAddress().getPort();
      RunnerPresets.Cluster expected = new RunnerPresets.Cluster(4, Optional.of("fixed-delay"));
      assertEquals(Optional.of(expected), RunnerPresets.askCluster(master));
      assertEquals(Optional.of(expected), RunnerPresets.askCluster("http://" + master + "/"));
      assertEquals(Optional.empty(), RunnerPresets.askCluster(master + "/nothing"));
    } finally {
      server.stop(0);
    }
  }

  private static void respond(HttpServer server, String path, String json) {
    server.createContext(path, exchange -> {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals(path) ? 200 : 404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
  }
}
