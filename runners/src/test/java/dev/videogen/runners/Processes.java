package dev.videogen.runners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Child processes of the tests: output captured to a file, a time limit, and never left running. */
final class Processes {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "stop-test-processes"));
  }

  private Processes() {}

  record Result(int exitCode, String output) {}

  /** A started child; {@link #await} collects it. */
  static final class Running {
    private final Process process;
    private final Path log;

    private Running(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    boolean isAlive() {
      return process.isAlive();
    }

    Result await(Duration limit) {
      try {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor();
          return new Result(-1, "timed out after " + limit + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException("interrupted", e);
      } finally {
        RUNNING.remove(process);
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a leftover log in the test's folder is harmless
        }
      }
    }
  }

  static Running start(Path workingDirectory, List<String> command) {
    try {
      Path log = Files.createTempFile(ItSupport.WORK, "process-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process process = builder.start();
      RUNNING.add(process);
      return new Running(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Result run(Duration limit, Path workingDirectory, List<String> command) {
    return start(workingDirectory, command).await(limit);
  }
}
