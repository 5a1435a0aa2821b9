package dev.videogen.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogen.media.Sha256;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Defaults for the FlinkRunner that a user would otherwise have to discover, added to the command line before
 * it is parsed, and only where the user did not set the option. Nothing changes for other runners.
 *
 * <ul>
 *   <li>{@code --executionModeForBatch=BATCH_FORCED}: every exchange blocking, so each subtask is its own
 *       pipelined region. A failure then restarts only that region (and the producers of any lost input)
 *       instead of the whole job, and a job can finish on fewer slots than its parallelism, e.g. after a
 *       TaskManager was lost.
 *   <li>A restart strategy. Without checkpointing Flink's default is not to restart at all, and Beam's
 *       {@code --numberOfExecutionRetries}/{@code --executionRetryDelay} are applied to streaming jobs only.
 *       videogen's is "failure-rate": up to {@value #MAX_FAILURES} failures in {@value #FAILURE_INTERVAL}
 *       (a backfill may run for hours), {@value #RESTART_DELAY} apart; if the user gives Beam's two options,
 *       they become a fixed-delay strategy instead. For the embedded cluster it goes to Flink through a
 *       generated {@code --flinkConfDir} (unless the user brings one, as option or {@code FLINK_CONF_DIR}).
 *       A remote cluster decides by its own configuration: Flink 1.19 keeps a client-side restart strategy
 *       for DataStream jobs only, and Beam's batch jobs are DataSet jobs. So for {@code host:port} the
 *       cluster's strategy is read from its REST API and a cluster that would not restart is reported.
 *   <li>{@code --parallelism}: the cluster's slots (REST {@code /overview}) for {@code --flinkMaster=host:port},
 *       the number of cores for the embedded cluster (Beam's batch default there is 1).
 *   <li>{@code --fasterCopy=true}: no defensive copy of each element between chained operators (the
 *       FlinkRunner warns about it on every run; videogen's DoFns never mutate their input).
 *   <li>Embedded cluster only: everything bound to 127.0.0.1, and small sort-shuffle buffers (the blocking
 *       exchanges above would otherwise need more network memory than the embedded TaskManager has).
 * </ul>
 */
public final class RunnerPresets {
  static final int MAX_FAILURES = 5;
  static final String FAILURE_INTERVAL = "10 min";
  static final String RESTART_DELAY = "5 s";

  private final Function<String, Optional<Cluster>> clusters;
  private final Optional<String> flinkConfDirVariable;
  private final int cores;
  private final Path confRoot;

  /** What the REST API of a running cluster says: its slots, and its restart strategy if it configures one. */
  record Cluster(int slots, Optional<String> restartStrategy) {}

  RunnerPresets(Function<String, Optional<Cluster>> clusters, Optional<String> flinkConfDirVariable, int cores, Path confRoot) {
    this.clusters = clusters;
    this.flinkConfDirVariable = flinkConfDirVariable;
    this.cores = cores;
    this.confRoot = confRoot;
  }

  /** The command line {@code args} with the presets added; a line saying which is printed to {@code notes}. */
  public static String[] apply(String[] args, PrintStream notes) {
    RunnerPresets presets = new RunnerPresets(RunnerPresets::askCluster,
        Optional.ofNullable(System.getenv("FLINK_CONF_DIR")), Runtime.getRuntime().availableProcessors(),
        Path.of(System.getProperty("java.io.tmpdir")));
    Result result = presets.presets(args);
    if (!result.notes().isEmpty()) {
      notes.println("videogen: FlinkRunner presets (override any by setting it): " + String.join("; ", result.notes()));
    }
    return result.args();
  }

  /** The new command line and what was added, in words. */
  record Result(String[] args, List<String> notes) {}

  Result presets(String[] args) {
    if (!isFlink(value(args, "runner").orElse(null))) {
      return new Result(args, List.of());
    }
    List<String> out = new ArrayList<>(Arrays.asList(args));
    List<String> notes = new ArrayList<>();
    String master = value(args, "flinkMaster").orElse("[auto]").trim();
    boolean embedded = master.equals("[local]") || master.equals("[auto]");

    if (value(args, "executionModeForBatch").isEmpty()) {
      out.add("--executionModeForBatch=BATCH_FORCED");
      notes.add("--executionModeForBatch=BATCH_FORCED (region failover)");
    }
    if (value(args, "fasterCopy").isEmpty()) {
      // No defensive deep copy of every element between chained operators: videogen's DoFns never mutate
      // their input (Beam forbids it anyway). The FlinkRunner asks for this in a warning on every run.
      out.add("--fasterCopy=true");
    }

    if (embedded) {
      if (value(args, "parallelism").isEmpty()) {
        out.add("--parallelism=" + cores);
        notes.add("--parallelism=" + cores + " (cores)");
      }
      if (value(args, "flinkConfDir").isEmpty() && flinkConfDirVariable.isEmpty()) {
        List<String> config = new ArrayList<>(restartStrategy(args, notes));
        config.addAll(List.of(
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.bind-host: 127.0.0.1",
            "taskmanager.host: 127.0.0.1",
            "taskmanager.bind-host: 127.0.0.1",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "taskmanager.network.sort-shuffle.min-buffers: 64"));
        out.add("--flinkConfDir=" + writeConfig(config));
      } else if (value(args, "numberOfExecutionRetries").isPresent()) {
        notes.add("note: Beam applies --numberOfExecutionRetries to streaming only; set restart-strategy.* in your Flink configuration");
      }
    } else if (!master.equals("[collection]")) {
      Optional<Cluster> cluster = clusters.apply(master);
      if (value(args, "parallelism").isEmpty()) {
        if (cluster.isPresent()) {
          out.add("--parallelism=" + cluster.get().slots());
          notes.add("--parallelism=" + cluster.get().slots() + " (slots of " + master + ")");
        } else {
          notes.add("no --parallelism: cannot read the slots of " + master + " (Flink's default applies)");
        }
      }
      Optional<String> strategy = cluster.flatMap(Cluster::restartStrategy);
      if (cluster.isPresent() && (strategy.isEmpty() || NO_RESTART.contains(strategy.get()))) {
        notes.add("WARNING: " + master + " restarts nothing (restart-strategy.type is "
            + strategy.orElse("not set") + " in its configuration; batch jobs use the cluster's): a lost worker fails the job");
      } else if (strategy.isPresent()) {
        notes.add("restart: the cluster's (" + strategy.get() + ")");
      }
      if (value(args, "numberOfExecutionRetries").isPresent()) {
        notes.add("note: --numberOfExecutionRetries does not reach a remote cluster for batch jobs; its restart-strategy.* configuration decides");
      }
    }
    return new Result(out.toArray(String[]::new), notes);
  }

  private static final List<String> NO_RESTART = List.of("none", "off", "disable");

  /** Flink configuration lines for the restart strategy, from Beam's retry options when given. */
  private static List<String> restartStrategy(String[] args, List<String> notes) {
    Optional<String> retries = value(args, "numberOfExecutionRetries");
    if (retries.isPresent()) {
      int attempts = parseInt("numberOfExecutionRetries", retries.get());
      long delayMillis = value(args, "executionRetryDelay").map(v -> parseLong("executionRetryDelay", v)).orElse(-1L);
      if (attempts <= 0) {
        notes.add("no restarts (--numberOfExecutionRetries=" + attempts + ")");
        return List.of("restart-strategy.type: none");
      }
      String delay = (delayMillis < 0 ? 5000 : delayMillis) + " ms";
      notes.add("restart: fixed-delay, " + attempts + " attempts, " + delay + " apart (from --numberOfExecutionRetries)");
      return List.of(
          "restart-strategy.type: fixed-delay",
          "restart-strategy.fixed-delay.attempts: " + attempts,
          "restart-strategy.fixed-delay.delay: " + delay);
    }
    notes.add("restart: failure-rate, up to " + MAX_FAILURES + " failures per " + FAILURE_INTERVAL + ", " + RESTART_DELAY + " apart");
    return List.of(
        "restart-strategy.type: failure-rate",
        "restart-strategy.failure-rate.max-failures-per-interval: " + MAX_FAILURES,
        "restart-strategy.failure-rate.failure-rate-interval: " + FAILURE_INTERVAL,
        "restart-strategy.failure-rate.delay: " + RESTART_DELAY);
  }

  /** A folder with a config.yaml holding {@code lines}, named by its content (written once, atomically). */
  private Path writeConfig(List<String> lines) {
    String yaml = "# Written by videogen (RunnerPresets) for the FlinkRunner; pass --flinkConfDir to use your own.\n"
        + String.join("\n", lines) + "\n";
    Path dir = confRoot.resolve("videogen-flink-conf-" + Sha256.hex(yaml).substring(0, 16));
    Path file = dir.resolve("config.yaml");
    try {
      if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(yaml)) {
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, ".config-", ".yaml");
        Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink configuration " + file, e);
    }
  }

  /** What the cluster whose REST API is at {@code master} ({@code host:port}) says, if it answers. */
  static Optional<Cluster> askCluster(String master) {
    String base = (master.contains("://") ? master : "http://" + master).replaceAll("/+$", "");
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      ObjectMapper json = new ObjectMapper();
      Optional<String> overview = get(client, base + "/overview");
      if (overview.isEmpty()) {
        return Optional.empty();
      }
      JsonNode slots = json.readTree(overview.get()).get("slots-total");
      if (slots == null || !slots.canConvertToInt() || slots.asInt() < 1) {
        return Optional.empty();
      }
      Optional<String> strategy = Optional.empty();
      Optional<String> config = get(client, base + "/jobmanager/config");
      if (config.isPresent()) {
        for (JsonNode entry : json.readTree(config.get())) {
          if (entry.path("key").asText().equals("restart-strategy.type") || entry.path("key").asText().equals("restart-strategy")) {
            strategy = Optional.of(entry.path("value").asText());
          }
        }
      }
      return Optional.of(new Cluster(slots.asInt(), strategy));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<String> get(HttpClient client, String uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
  }

  /** Beam accepts the runner's simple name in any case, with or without "Runner", or its class name. */
  static boolean isFlink(String runner) {
    if (runner == null) {
      return false;
    }
    String name = runner.substring(runner.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return name.equals("flinkrunner") || name.equals("flink");
  }

  /** The value of {@code --name=value} (the last one if repeated), or of a bare {@code --name} flag ("true"). */
  static Optional<String> value(String[] args, String name) {
    Optional<String> found = Optional.empty();
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        found = Optional.of(arg.substring(name.length() + 3));
      } else if (arg.equals("--" + name)) {
        found = Optional.of("true");
      }
    }
    return found;
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, was '" + value + "'");
    }
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number of milliseconds, was '" + value + "'");
    }
  }

}
