package dev.videogen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.probe.MediaProbe;
import dev.videogen.transforms.JobResult;
import dev.videogen.testing.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches on the DirectRunner: isolation of bad jobs, the exact report, resume, and determinism. */
class BatchTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void inputs() throws IOException {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.jpg"), 54, 96, 200);
    TestMedia.sineWav(dir.resolve("tone.wav"), 48000, 2, 9600); // 0.2 s
    byte[] png = Files.readAllBytes(dir.resolve("a.png"));
    Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
    Files.write(dir.resolve("garbage.jpg"), "this is not an image at all, just words".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("empty.png"), new byte[0]);
    Files.write(dir.resolve("noise.mp3"), new byte[4096]);
    Files.writeString(dir.resolve("blocker"), "a file where an output folder should be");
  }

  private int batch(Path manifest, String... extra) {
    out.reset();
    err.reset();
    List<String> args = new ArrayList<>(List.of("batch", manifest.toString(), "--report=" + dir.resolve("report.jsonl"),
        "--workLocation=" + dir.resolve("work"), "--chunkSeconds=0.1"));
    args.addAll(List.of(extra));
    return new VideogenCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args.toArray(String[]::new));
  }

  private Map<String, String> report() throws IOException {
    Map<String, String> byId = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("report.jsonl"))) {
      JobResult result = JobResult.fromJson(line);
      String value = result.status().name().toLowerCase()
          + (result.stage() == null ? "" : " while " + result.stage().doing())
          + (result.error() == null ? "" : ": " + result.error());
      byId.merge(result.id(), value, (a, b) -> a + " | " + b);
    }
    return byId;
  }

  private static String job(String id, String body) {
    return "{\"id\":\"" + id + "\",\"output\":\"out/" + id + ".mp4\",\"video\":{\"width\":64,\"height\":36,"
        + "\"preset\":\"ultrafast\"}," + body + "}";
  }

  private Path manifest(String... lines) throws IOException {
    return Files.writeString(dir.resolve("jobs.jsonl"), String.join("\n", lines) + "\n");
  }

  @Test
  void badJobsFailAloneWithTheirReasonAndResumeSkipsFinishedOnes() throws IOException {
    Path manifest = manifest(
        job("good-audio", "\"audio\":[{\"uri\":\"tone.wav\"}],\"slides\":[{\"image\":\"a.png\"},{\"image\":\"b.jpg\",\"fit\":\"contain\"}]"),
        job("good-silent", "\"duration\":0.3,\"slides\":[{\"image\":\"b.jpg\"}]"),
        job("truncated", "\"duration\":1,\"slides\":[{\"image\":\"cut.png\"}]"),
        job("garbage", "\"duration\":1,\"slides\":[{\"image\":\"garbage.jpg\"}]"),
        job("empty", "\"duration\":1,\"slides\":[{\"image\":\"empty.png\"}]"),
        job("missing", "\"duration\":1,\"slides\":[{\"image\":\"nowhere.png\"}]"),
        job("bad-audio", "\"audio\":[{\"uri\":\"noise.mp3\"}],\"slides\":[{\"image\":\"a.png\"}]"),
        job("misspelt", "\"duration\":1,\"slides\":[{\"image\":\"a.png\",\"eassing\":\"linear\"}]"),
        job("negative", "\"duration\":-1,\"slides\":[{\"image\":\"a.png\"}]"),
        job("forbidden", "\"duration\":1,\"slides\":[{\"image\":\"concat:a.png\"}]"),
        "{\"id\":\"unwritable\",\"output\":\"blocker/x.mp4\",\"duration\":0.1,\"video\":{\"width\":64,\"height\":36},"
            + "\"slides\":[{\"image\":\"a.png\"}]}",
        job("twice", "\"duration\":1,\"slides\":[{\"image\":\"a.png\"}]"),
        job("twice", "\"duration\":2,\"slides\":[{\"image\":\"a.png\"}]"),
        "{\"id\": \"broken-json\",");

    assertEquals(3, batch(manifest), err::toString);
    Map<String, String> report = report();
    assertEquals(List.of(dir.resolve("jobs.jsonl") + ":14", "bad-audio", "empty", "forbidden", "garbage", "good-audio",
        "good-silent", "missing", "misspelt", "negative", "truncated", "twice", "unwritable"),
        new ArrayList<>(report.keySet()));
    assertEquals("ok", report.get("good-audio"));
    assertEquals("ok", report.get("good-silent"));
    assertReason(report, "truncated", "planning", "cut.png: truncated PNG file");
    assertReason(report, "garbage", "planning", "garbage.jpg: ");
    assertReason(report, "empty", "planning", "empty.png: empty file");
    assertReason(report, "missing", "planning", "nowhere.png: file not found");
    assertReason(report, "bad-audio", "planning", "noise.mp3: ");
    assertReason(report, "misspelt", "planning", "slides[0].eassing: unknown field");
    assertReason(report, "negative", "planning", "duration: must be more than 0");
    assertReason(report, "forbidden", "planning", "slides[0].image: URI scheme 'concat:' is not allowed");
    assertReason(report, "unwritable", "publishing", "blocker/x.mp4: cannot write the output");
    assertReason(report, "twice", "checking the batch", "id: duplicate id 'twice'");
    assertReason(report, dir.resolve("jobs.jsonl") + ":14", "planning", "spec: not valid JSON");
    assertTrue(out.toString().contains("batch: 14 jobs: 2 ok, 12 failed, 0 skipped"), out::toString);

    try (Stream<Path> outputs = Files.list(dir.resolve("out"))) {
      assertEquals(List.of("good-audio.mp4", "good-silent.mp4"),
          outputs.map(p -> p.getFileName().toString()).sorted().toList(), "only complete outputs, nothing partial");
    }
    assertEquals(6, MediaProbe.probe(dir.resolve("out/good-audio.mp4")).video().frames()); // 0.2 s at 30 fps
    assertEquals(9, MediaProbe.probe(dir.resolve("out/good-silent.mp4")).video().frames());
    byte[] first = Files.readAllBytes(dir.resolve("out/good-audio.mp4"));

    // Resume: the finished jobs are skipped, the broken ones are reported again.
    assertEquals(3, batch(manifest, "--resume"), err::toString);
    report = report();
    assertEquals("skipped", report.get("good-audio"));
    assertEquals("skipped", report.get("good-silent"));
    assertReason(report, "truncated", "planning", "cut.png: truncated PNG file");
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("out/good-audio.mp4")));

    // A changed spec renders again, even with resume; the same spec renders the same bytes.
    String changed = Files.readString(manifest).replace("\"duration\":0.3", "\"duration\":0.4");
    Files.writeString(manifest, changed);
    assertEquals(3, batch(manifest, "--resume"), err::toString);
    report = report();
    assertEquals("skipped", report.get("good-audio"));
    assertEquals("ok", report.get("good-silent"));
    assertEquals(12, MediaProbe.probe(dir.resolve("out/good-silent.mp4")).video().frames());
    assertEquals(3, batch(manifest));
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("out/good-audio.mp4")), "rerun gives the same bytes");
    try (Stream<Path> work = Files.walk(dir.resolve("work"))) {
      assertEquals(List.of(), work.filter(Files::isRegularFile).toList(), "no intermediates left");
    }
  }

  /** The job failed in the stage that {@code doing} describes, for {@code reason}. */
  private static void assertReason(Map<String, String> report, String id, String doing, String reason) {
    String line = report.get(id);
    assertTrue(line != null && line.startsWith("failed while " + doing + ": ") && line.contains(reason),
        () -> id + " → " + line);
  }

  @Test
  void aFolderOfSpecsAndAGlobAreManifestsToo() throws IOException {
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Files.writeString(specs.resolve("one.json"), job("one", "\"duration\":0.1,\"slides\":[{\"image\":\"../a.png\"}]"));
    Files.writeString(specs.resolve("two.json"), job("two", "\"duration\":0.1,\"slides\":[{\"image\":\"../b.jpg\"}]"));
    Files.writeString(specs.resolve("notes.txt"), "not a spec");
    assertEquals(0, batch(specs), err::toString);
    assertEquals(Map.of("one", "ok", "two", "ok"), report());
    assertTrue(Files.exists(specs.resolve("out/one.mp4")), "outputs resolve against each spec's folder");
    assertEquals(0, batch(Path.of(specs + "/t*.json")), err::toString);
    assertEquals(Map.of("two", "ok"), report());
  }

  @Test
  void anEmptyManifestIsABadCommandLine() throws IOException {
    assertEquals(2, batch(manifest("")));
    assertTrue(err.toString().contains("no jobs in"), err::toString);
  }

  @Test
  void twoHundredTinyJobsCompleteInOneRun() throws IOException {
    String[] lines = new String[200];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = job(String.format("tiny-%03d", i), "\"duration\":0.1,\"slides\":[{\"image\":\"" + (i % 2 == 0 ? "a.png" : "b.jpg") + "\"}]");
    }
    assertEquals(0, batch(manifest(lines)), err::toString);
    Map<String, String> report = report();
    assertEquals(200, report.size());
    assertEquals(Map.of("ok", 200L), report.values().stream().collect(Collectors.groupingBy(v -> v, Collectors.counting())));
    assertTrue(out.toString().contains("batch: 200 jobs: 200 ok, 0 failed, 0 skipped"), out::toString);
    assertFalse(Files.exists(dir.resolve("out/tiny-200.mp4")));
    assertEquals(3, MediaProbe.probe(dir.resolve("out/tiny-199.mp4")).video().frames());
  }

  /**
   * Audio as people have it, and its bad input, in one batch: the audio of video files plays (the MKV's second
   * stream as asked), every bad audio input and spec fails alone with its exact reason, and nothing is left at
   * a failed job's output.
   */
  @Test
  void audioFromVideoFilesAndBadAudioInABatch() throws IOException {
    String ffmpeg = dev.videogen.media.codec.MediaTestSupport.ffmpeg();
    Path tone = dir.resolve("tone.wav"); // 0.2 s, from inputs()
    dev.videogen.media.codec.MediaTestSupport.run(List.of(ffmpeg, "-v", "error", "-f", "lavfi", "-i",
        "testsrc=s=64x36:r=25:d=0.2", "-i", tone.toString(), "-map", "0:v", "-map", "1:a", "-c:v", "libx264",
        "-c:a", "aac", dir.resolve("film.mp4").toString()));
    dev.videogen.media.codec.MediaTestSupport.run(List.of(ffmpeg, "-v", "error", "-f", "lavfi", "-i",
        "testsrc=s=64x36:r=25:d=0.2", "-i", tone.toString(), "-f", "lavfi", "-i", "sine=f=880:d=0.4",
        "-map", "0:v", "-map", "1:a", "-map", "2:a", "-c:v", "mpeg4", "-c:a", "flac", dir.resolve("two.mkv").toString()));
    dev.videogen.media.codec.MediaTestSupport.run(List.of(ffmpeg, "-v", "error", "-f", "lavfi", "-i",
        "testsrc=s=64x36:r=25:d=0.2", "-c:v", "mpeg4", dir.resolve("silent.mp4").toString()));
    TestMedia.sineWav(dir.resolve("zero.wav"), 48000, 2, 0);
    Files.createDirectories(dir.resolve("out/taken"));
    String slides = "\"slides\":[{\"image\":\"a.png\"}]";
    Path manifest = manifest(
        job("film", "\"audio\":[{\"uri\":\"film.mp4\"}]," + slides),
        job("second-stream", "\"audio\":[{\"uri\":\"two.mkv\",\"stream\":1}]," + slides),
        job("image-as-audio", "\"audio\":[{\"uri\":\"a.png\"}]," + slides),
        job("video-only", "\"audio\":[{\"uri\":\"silent.mp4\"}]," + slides),
        job("no-samples", "\"audio\":[{\"uri\":\"zero.wav\"}]," + slides),
        job("empty-audio", "\"audio\":[{\"uri\":\"empty.png\"}]," + slides),
        job("third-stream", "\"audio\":[{\"uri\":\"two.mkv\",\"stream\":2}]," + slides),
        job("missing-audio", "\"audio\":[{\"uri\":\"nowhere.mp3\"}]," + slides),
        "{\"id\":\"folder\",\"output\":\"out/taken\",\"duration\":0.1,\"video\":{\"width\":64,\"height\":36},"
            + slides + "}",
        "{\"id\":\"twice\",\"id\":\"again\"," + slides + "}",
        "{\"id\":\"nan\",\"duration\":NaN," + slides + "}");

    assertEquals(3, batch(manifest), err::toString);

    Map<String, String> report = report();
    String jobs = dir.resolve("jobs.jsonl").toString();
    Map<String, String> expected = new TreeMap<>();
    expected.put("film", "ok");
    expected.put("second-stream", "ok");
    expected.put("image-as-audio", "failed while planning: " + dir.resolve("a.png") + ": is an image, not audio (format 'png_pipe')");
    expected.put("video-only", "failed while planning: " + dir.resolve("silent.mp4")
        + ": has no audio stream: this mov,mp4,m4a,3gp,3g2,mj2 file holds only video (mpeg4)");
    expected.put("no-samples", "failed while planning: " + dir.resolve("zero.wav") + ": no audio samples could be decoded");
    expected.put("empty-audio", "failed while planning: " + dir.resolve("empty.png") + ": empty file");
    expected.put("third-stream", "failed while planning: " + dir.resolve("two.mkv")
        + ": has no audio stream 2: it has 2 audio streams (numbered 0 to 1)");
    expected.put("folder", "failed while planning: " + dir.resolve("out/taken") + ": is an existing folder: the output must be a file"
        + " path (such as " + dir.resolve("out/taken/video.mp4") + ")");
    expected.put("missing-audio", "failed while planning: " + dir.resolve("nowhere.mp3") + ": file not found");
    expected.put(jobs + ":10", "failed while planning: spec: not valid JSON: Duplicate field 'id' (line 1)");
    expected.put(jobs + ":11", "failed while planning: spec: not valid JSON: NaN is not a number in JSON (NaN and Infinity are refused)"
        + " (line 1)");
    assertEquals(expected, report);

    // The audio of a video file lasts what it lasts: 0.2 s at 30 fps; the MKV's second stream is 0.4 s long.
    assertEquals(6, MediaProbe.probe(dir.resolve("out/film.mp4")).video().frames());
    assertEquals(12, MediaProbe.probe(dir.resolve("out/second-stream.mp4")).video().frames());
    try (Stream<Path> outputs = Files.walk(dir.resolve("out"))) {
      assertEquals(List.of("out", "out/film.mp4", "out/second-stream.mp4", "out/taken"),
          outputs.map(p -> dir.relativize(p).toString()).sorted().toList(), "only complete outputs, nothing partial");
    }

    // With --resume the finished jobs are skipped and the output folder is still refused, not read as a video.
    assertEquals(3, batch(manifest, "--resume"), err::toString);
    report = report();
    assertEquals("skipped", report.get("film"));
    assertEquals("skipped", report.get("second-stream"));
    assertEquals(expected.get("folder"), report.get("folder"));
  }
}
