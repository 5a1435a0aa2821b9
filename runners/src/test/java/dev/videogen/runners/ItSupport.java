package dev.videogen.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The integration tests' shared job: a small spec (160×90 ultrafast, 3 s, two synthetic pictures, one shown
 * whole over the blurred background, a tone) cut into 16 chunks, run through the shaded jar's command line
 * exactly as a user would; and its DirectRunner rendering, made once, that every other runner must match
 * byte for byte.
 */
final class ItSupport {
  static final Path ROOT = Path.of(System.getProperty("videogen.root", "..")).toAbsolutePath().normalize();
  static final Path JAR = Path.of(System.getProperty("videogen.jar", "target/videogen.jar")).toAbsolutePath();
  static final Path WORK = createFolder(Path.of(System.getProperty("videogen.itWork", "target/flink-it")).toAbsolutePath());
  static final String JOB_ID = "flink-it";
  static final long FRAMES = 90;
  /** Chunks stop at slide boundaries: each slide's 45 frames make seven chunks of 6 frames and one of 3. */
  static final int CHUNKS = 16;
  static final double CHUNK_SECONDS = 0.2;

  private static Path spec;
  private static Path reference;

  private ItSupport() {}

  /*
   * Preset ultrafast, not the default veryfast: on this machine (AMD EPYC with AVX-512) libx264 in the
   * bytedeco FFmpeg 7.1.1 build reads uninitialised memory in a CPU-specific (SIMD) lookahead/mb-tree
   * routine, so with veryfast the same frames can encode to different bytes depending on what the process
   * allocated before (reproduced with the ffmpeg program itself under MALLOC_PERTURB_; x264's
   * cpu-independent=1 or asm=0 make it deterministic). That is the encoder's to fix (the chunk encoder
   * should pass cpu-independent=1, which byte-identity across mixed CPU models needs anyway); these tests
   * are about runners, and ultrafast (no lookahead, no mb-tree) does not reach that routine.
   */

  /** The spec file (inputs written next to it on first use). */
  static synchronized Path spec() {
    if (spec == null) {
      Path inputs = createFolder(WORK.resolve("inputs"));
      TestMedia.gradientImage(inputs.resolve("wide.png"), 320, 180, 40);
      TestMedia.gradientImage(inputs.resolve("tall.jpg"), 120, 200, 200);
      TestMedia.sineWav(inputs.resolve("tone.wav"), 48_000, 2, 144_000); // 3 s
      String json = """
          {"id":"%s","output":"out/default.mp4",
           "video":{"width":160,"height":90,"fps":30,"crf":23,"preset":"ultrafast"},
           "audio":[{"uri":"tone.wav","fadeIn":0.5,"fadeOut":0.5}],
           "slides":[{"image":"wide.png","from":{"zoom":1.0,"x":0.4,"y":0.5},"to":{"zoom":1.6,"x":0.6,"y":0.4}},
                     {"image":"tall.jpg","fit":"contain","easing":"ease-in-out"}]}""".formatted(JOB_ID);
      try {
        spec = Files.writeString(inputs.resolve("job.json"), json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return spec;
  }

  /** The DirectRunner's rendering of the spec: the bytes every runner must produce. */
  static synchronized Path reference() {
    if (reference == null) {
      Path output = WORK.resolve("out/direct.mp4");
      Processes.Result result = videogen(Duration.ofMinutes(5), "render", spec().toString(), "--output=" + output,
          "--workLocation=" + workLocation("direct"));
      assertEquals(0, result.exitCode(), result.output());
      assertMeetsTheOutputContract(output);
      reference = output;
    }
    return reference;
  }

  private static Path longAudioSpec;

  /**
   * A job whose audio is long enough to be encoded in segments (17 min, 12 segments of 87.4 s): a tiny
   * looped picture show (64×36, a 2-s cycle rendered once) over a quiet tone.
   */
  static synchronized Path longAudioSpec() {
    if (longAudioSpec == null) {
      Path inputs = createFolder(WORK.resolve("inputs-long-audio"));
      TestMedia.gradientImage(inputs.resolve("a.png"), 96, 54, 40);
      TestMedia.sineWav(inputs.resolve("long.wav"), 48_000, 2, 1020L * 48_000, 330, 3000);
      String json = """
          {"id":"long-audio","output":"out/long-audio.mp4","loop":true,
           "video":{"width":64,"height":36,"fps":30,"preset":"ultrafast"},
           "audio":[{"uri":"long.wav","fadeIn":1,"fadeOut":1}],
           "slides":[{"image":"a.png","seconds":2}]}""";
      try {
        longAudioSpec = Files.writeString(inputs.resolve("long-audio.json"), json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return longAudioSpec;
  }

  /** Runs the shaded jar's command line with the test's chunking (unless given), as a child JVM. */
  static Processes.Result videogen(Duration limit, String... args) {
    return startVideogen(args).await(limit);
  }

  static Processes.Running startVideogen(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", JAR.toString()));
    command.addAll(Arrays.asList(args));
    if (args[0].equals("render") && Arrays.stream(args).noneMatch(arg -> arg.startsWith("--chunkSeconds="))) {
      command.add("--chunkSeconds=" + CHUNK_SECONDS);
    }
    return Processes.start(WORK, command);
  }

  /** A fresh, empty work location for one run. */
  static Path workLocation(String name) {
    Path folder = WORK.resolve("work-" + name);
    deleteRecursively(folder);
    return createFolder(folder);
  }

  /** Frames, codecs, colour tags, audio length and fast start, as the output contract says. */
  static void assertMeetsTheOutputContract(Path video) {
    ProbeReport probe = MediaProbe.probe(video);
    assertEquals(FRAMES, probe.video().frames(), probe::toJson);
    assertEquals("h264", probe.video().codec());
    assertEquals("High", probe.video().profile());
    assertEquals("yuv420p", probe.video().pixFmt());
    assertEquals("bt709", probe.video().colorPrimaries());
    assertEquals(30.0, probe.video().fpsValue());
    assertEquals("aac", probe.audio().codec());
    assertEquals("LC", probe.audio().profile());
    assertEquals(3.0, probe.audio().duration(), 1 / 30.0);
    assertTrue(probe.faststart(), "moov before mdat");
  }

  /** Files left in a work location after a job, other than fault-injection markers. */
  static List<Path> leftovers(Path workLocation) {
    try (Stream<Path> files = Files.walk(workLocation)) {
      return files.filter(Files::isRegularFile).filter(f -> !workLocation.relativize(f).startsWith("_faults")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Temporary files of videogen's under {@code folder} (a TaskManager's java.io.tmpdir). */
  static List<Path> videogenTemporaries(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith("videogen-")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The worker pid recorded in a fault-injection marker. */
  static long jsonPid(Path marker) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(marker)).get("pid").asLong();
  }

  static Path createFolder(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
