package dev.videogen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import dev.videogen.testing.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on the DirectRunner: exit status, messages, and the files left behind. */
class VideogenCliTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void inputs() {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.sineWav(dir.resolve("tone.wav"), 48000, 2, 24000); // 0.5 s
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (args.length > 0 && args[0].equals("render")) {
      all.add("--workLocation=" + dir.resolve("work"));
    }
    return new VideogenCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false)
        .run(all.toArray(String[]::new));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path spec(String json) throws IOException {
    return Files.writeString(dir.resolve("job.json"), json);
  }

  private static String job(String extra) {
    return "{\"id\":\"tiny\",\"output\":\"out/tiny.mp4\",\"video\":{\"width\":64,\"height\":36,\"fps\":30,"
        + "\"preset\":\"ultrafast\"}," + extra + "}";
  }

  @Test
  void rendersAVideoThatMeetsTheOutputContract() throws IOException {
    Path spec = spec(job("\"audio\":[{\"uri\":\"tone.wav\"}],\"slides\":[{\"image\":\"a.png\"}]"));
    assertEquals(0, run("render", spec.toString()), stderr());
    Path video = dir.resolve("out/tiny.mp4");
    ProbeReport probe = MediaProbe.probe(video);
    assertEquals(15, probe.video().frames());
    assertEquals(0.5, probe.audio().duration(), 1 / 30.0);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("job tiny ok"), out::toString);

    out.reset();
    assertEquals(0, run("probe", video.toString()), stderr());
    JsonNode ours = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertEquals(15, ours.at("/video/frames").asInt(), ours::toString);
  }

  @Test
  void outputOptionOverridesTheSpec() throws IOException {
    Path spec = spec(job("\"duration\":0.2,\"slides\":[{\"image\":\"a.png\"}]"));
    Path elsewhere = dir.resolve("elsewhere/v.mp4");
    assertEquals(0, run("render", spec.toString(), "--output=" + elsewhere), stderr());
    assertTrue(Files.exists(elsewhere));
    assertFalse(Files.exists(dir.resolve("out/tiny.mp4")));
  }

  private void assertFailsNaming(String json, String... expected) throws IOException {
    Path spec = spec(json);
    assertEquals(3, run("render", spec.toString()), stderr());
    for (String text : expected) {
      assertTrue(stderr().contains(text), () -> "stderr lacks '" + text + "': " + stderr());
    }
    assertTrue(stderr().contains("job tiny failed"), this::stderr);
    try (Stream<Path> files = Files.exists(dir.resolve("out")) ? Files.list(dir.resolve("out")) : Stream.empty()) {
      assertEquals(List.of(), files.toList(), "nothing at the output path");
    }
  }

  @Test
  void aMissingImageNamesTheFile() throws IOException {
    assertFailsNaming(job("\"duration\":1,\"slides\":[{\"image\":\"nowhere.jpg\"}]"),
        dir.resolve("nowhere.jpg").toString(), "file not found");
  }

  @Test
  void anEmptyImageNamesTheFile() throws IOException {
    Files.write(dir.resolve("empty.jpg"), new byte[0]);
    assertFailsNaming(job("\"duration\":1,\"slides\":[{\"image\":\"empty.jpg\"}]"), "empty.jpg", "empty file");
  }

  @Test
  void garbageAudioNamesTheFile() throws IOException {
    byte[] noise = new byte[4096];
    new java.util.Random(1).nextBytes(noise);
    Files.write(dir.resolve("noise.mp3"), noise);
    assertFailsNaming(job("\"audio\":[{\"uri\":\"noise.mp3\"}],\"slides\":[{\"image\":\"a.png\"}]"), "noise.mp3");
  }

  @Test
  void aMisspeltFieldIsNamed() throws IOException {
    assertFailsNaming(job("\"duration\":1,\"slides\":[{\"image\":\"a.png\",\"form\":{\"zoom\":2}}]"),
        "slides[0].form", "unknown field");
  }

  @Test
  void aNegativeDurationIsNamed() throws IOException {
    assertFailsNaming(job("\"duration\":-3,\"slides\":[{\"image\":\"a.png\"}]"), "duration", "must be more than 0");
  }

  @Test
  void aForbiddenSchemeIsNamed() throws IOException {
    assertFailsNaming(job("\"duration\":1,\"slides\":[{\"image\":\"http://127.0.0.1:9/a.png\"}]"),
        "slides[0].image", "'http:' is not allowed");
  }

  @Test
  void badCommandLinesExitWithTwo() throws IOException {
    assertEquals(2, run("paint", "x.json"));
    assertEquals(2, run("render"));
    assertEquals(2, run("render", dir.resolve("absent.json").toString()));
    Path spec = spec(job("\"duration\":1,\"slides\":[{\"image\":\"a.png\"}]"));
    assertEquals(2, run("render", spec.toString(), "--noSuchOption=1"));
    assertEquals(2, run("probe"));
    assertEquals(0, run("--help"));
  }

  @Test
  void theDirectRunnerGetsOneBundlePerCoreAndNoDevelopmentChecksUnlessTold() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(List.of("--output=x", "--targetParallelism=" + cores, "--enforceImmutability=false",
        "--enforceEncodability=false"), List.of(VideogenCli.withDirectRunnerDefaults(new String[] {"--output=x"})));
    String[] told = {"--targetParallelism=7", "--enforceImmutability=true", "--enforceEncodability"};
    assertEquals(List.of(told), List.of(VideogenCli.withDirectRunnerDefaults(told)));
  }
}
