package dev.videogen.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogen.media.plan.ChunkTask;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.util.Sleeper;

/**
 * Fault injection for testing recovery on a real runner: a small policy chosen by the {@code --faultInjection}
 * option, a no-op by default. The render DoFn asks it before each chunk.
 *
 * <ul>
 *   <li>{@code none}: nothing (the default).
 *   <li>{@code failOnce:K}: chunk K of every job throws {@link InjectedFault} on its first attempt; the
 *       runner's retry then renders it normally.
 *   <li>{@code stallOnce:K[:SECONDS]}: chunk K of every job, on its first attempt, waits SECONDS (default
 *       300) before rendering, so that a test can kill the worker that holds it; the retry does not wait.
 * </ul>
 *
 * <p>"First attempt" is recorded by a marker file in the work location, {@code
 * <workLocation>/_faults/<job>-<hash>-chunk-<K>}, written before the fault and holding the worker's process
 * id and host as JSON: the retry, in whichever worker JVM, sees it and goes through. Markers outlive the job,
 * so a policy fires once per work location; delete {@code _faults} to arm it again. The DirectRunner does not
 * retry failed bundles, so {@code failOnce} fails a DirectRunner job; recovery is a runner's (Flink's) job.
 */
public abstract class FaultInjection {
  public static final String NONE = "none";
  static final Duration DEFAULT_STALL = Duration.ofSeconds(300);
  private static final Pattern POLICY = Pattern.compile("(failOnce|stallOnce):(\\d{1,9})(?::(\\d{1,6}))?");

  FaultInjection() {}

  /** The policy {@code spec} names ({@code null} or blank: none); a malformed spec is refused, naming it. */
  public static FaultInjection parse(String spec) {
    return parse(spec, Sleeper.DEFAULT);
  }

  static FaultInjection parse(String spec, Sleeper sleeper) {
    if (spec == null || spec.isBlank() || spec.trim().equals(NONE)) {
      return new None();
    }
    Matcher m = POLICY.matcher(spec.trim());
    if (!m.matches() || (m.group(1).equals("failOnce") && m.group(3) != null)) {
      throw new IllegalArgumentException("--faultInjection='" + spec + "' is not one of: none, failOnce:K, "
          + "stallOnce:K, stallOnce:K:SECONDS (K a chunk index)");
    }
    int chunk = Integer.parseInt(m.group(2));
    return m.group(1).equals("failOnce")
        ? new FailOnce(chunk)
        : new StallOnce(chunk, m.group(3) == null ? DEFAULT_STALL : Duration.ofSeconds(Long.parseLong(m.group(3))), sleeper);
  }

  /** Called at the start of every attempt to render {@code task}. */
  public abstract void beforeChunk(ChunkTask task, RenderSettings settings) throws IOException;

  /** Where the first attempt at chunk {@code task} of its job is recorded. */
  public static String markerUri(RenderSettings settings, ChunkTask task) {
    return settings.workLocation().replaceAll("/+$", "") + "/_faults/" + task.jobId() + "-"
        + task.specHash().substring(0, 16) + String.format("-chunk-%06d", task.index());
  }

  /**
   * True the first time it is called for {@code task}'s chunk in this work location: then it also writes the
   * marker (this worker's pid and host), before the caller injects its fault.
   */
  static boolean firstAttempt(RenderSettings settings, ChunkTask task, String policy) throws IOException {
    String marker = markerUri(settings, task);
    if (Storage.exists(marker)) {
      return false;
    }
    ObjectNode json = new ObjectMapper().createObjectNode()
        .put("policy", policy)
        .put("job", task.jobId())
        .put("chunk", task.index())
        .put("pid", ProcessHandle.current().pid())
        .put("host", hostName());
    Storage.publishText(json.toString(), marker);
    return true;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /** The failure {@code failOnce} throws: not bad input, so it fails the bundle and the runner retries it. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
      super(message);
    }
  }

  static final class None extends FaultInjection {

    @Override
    public void beforeChunk(ChunkTask task, RenderSettings settings) {}

    @Override
    public String toString() {
      return NONE;
    }
  }

  static final class FailOnce extends FaultInjection {
    private final int chunk;

    FailOnce(int chunk) {
      this.chunk = chunk;
    }

    @Override
    public void beforeChunk(ChunkTask task, RenderSettings settings) throws IOException {
      if (task.index() == chunk && firstAttempt(settings, task, toString())) {
        throw new InjectedFault("injected fault (" + this + "): chunk " + chunk + " of job " + task.jobId()
            + " fails on its first attempt");
      }
    }

    @Override
    public String toString() {
      return "failOnce:" + chunk;
    }
  }

  static final class StallOnce extends FaultInjection {
    private final int chunk;
    private final Duration stall;
    private final Sleeper sleeper;

    StallOnce(int chunk, Duration stall, Sleeper sleeper) {
      this.chunk = chunk;
      this.stall = stall;
      this.sleeper = sleeper;
    }

    @Override
    public void beforeChunk(ChunkTask task, RenderSettings settings) throws IOException {
      if (task.index() == chunk && firstAttempt(settings, task, toString())) {
        try {
          sleeper.sleep(stall.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while stalling chunk " + chunk + " (" + this + ")");
        }
      }
    }

    @Override
    public String toString() {
      return "stallOnce:" + chunk + ":" + stall.toSeconds();
    }
  }
}
