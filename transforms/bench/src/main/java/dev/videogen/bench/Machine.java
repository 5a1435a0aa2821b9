package dev.videogen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the numbers were measured on. */
record Machine(String cpu, int cores, long memoryMb, String java, String os, String load) {
  static Machine describe() {
    String cpu = "unknown CPU";
    long memory = 0;
    String load = "";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
      load = Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception ignored) {
      // not Linux: fewer details
    }
    return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"), load);
  }

  String summary() {
    return String.format(Locale.ROOT, "%s, %d cores, %d MiB, %s, %s (load average at start: %s)", cpu, cores,
        memoryMb, java, os, load);
  }
}
