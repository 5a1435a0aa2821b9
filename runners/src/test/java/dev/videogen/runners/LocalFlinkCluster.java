package dev.videogen.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The local standalone cluster of infra/flink/cluster, driven from a test: started on free loopback ports
 * in its own folder, stopped by {@link #close()}, by a JVM shutdown hook if the test JVM ends first, and by
 * the script's own watchdog ({@code --stop-with} this JVM's pid) if the test JVM is killed.
 */
final class LocalFlinkCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final int restPort;
  private final Thread shutdownHook;
  private final List<Long> pids = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private boolean stopped;

  private LocalFlinkCluster(Path dir, int restPort) {
    this.dir = dir;
    this.restPort = restPort;
    this.shutdownHook = new Thread(this::stopQuietly, "stop-flink-cluster");
  }

  static LocalFlinkCluster start(Path dir, int taskManagers) throws IOException, InterruptedException {
    int restPort = freePort();
    int rpcPort = freePort();
    LocalFlinkCluster cluster = new LocalFlinkCluster(dir, restPort);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    Processes.Result started = Processes.run(Duration.ofMinutes(5), ItSupport.ROOT, List.of(script().toString(), "start",
        "--taskmanagers", String.valueOf(taskManagers), "--rest-port", String.valueOf(restPort),
        "--rpc-port", String.valueOf(rpcPort), "--dir", dir.toString(),
        "--stop-with", String.valueOf(ProcessHandle.current().pid())));
    if (started.exitCode() != 0) {
      cluster.close();
      throw new IllegalStateException("cluster start failed (" + started.exitCode() + "):\n" + started.output());
    }
    try (Stream<Path> files = Files.list(dir.resolve("pids"))) {
      for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("watchdog")).toList()) {
        cluster.pids.add(Long.parseLong(Files.readString(file).trim()));
      }
    }
    return cluster;
  }

  static Path script() {
    return ItSupport.ROOT.resolve("infra/flink/cluster");
  }

  String master() {
    return "127.0.0.1:" + restPort;
  }

  Path dir() {
    return dir;
  }

  /** GET on the REST API. */
  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://" + master() + path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The pid of each TaskManager, by its resource id (tm-1, tm-2, …). */
  Map<String, Long> taskManagerPids() throws IOException {
    Map<String, Long> result = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir.resolve("pids"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("taskmanager-")) {
          result.put("tm-" + name.replaceAll("\\D", ""), Long.parseLong(Files.readString(file).trim()));
        }
      }
    }
    return result;
  }

  /** The job named {@code name} (its id), from /jobs/overview. */
  String jobId(String name) throws IOException, InterruptedException {
    for (JsonNode job : get("/jobs/overview").get("jobs")) {
      if (job.get("name").asText().equals(name)) {
        return job.get("jid").asText();
      }
    }
    throw new IllegalStateException("no job named " + name + " in " + get("/jobs/overview"));
  }

  /** Processes of this cluster (JobManager and TaskManagers) that are still alive (after up to 10 s). */
  List<Long> livePids() {
    Instant deadline = Instant.now().plusSeconds(10);
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(process -> {
        try {
          process.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // still alive: reported below
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
  }

  /** Processes of this cluster alive right now. */
  List<Long> runningPids() {
    return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
  }

  String status() {
    return Processes.run(Duration.ofMinutes(1), ItSupport.ROOT, List.of(script().toString(), "status", "--dir", dir.toString())).output();
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void stopQuietly() {
    if (!stopped) {
      stopped = true;
      Processes.run(Duration.ofMinutes(2), ItSupport.ROOT, List.of(script().toString(), "stop", "--dir", dir.toString()));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
