package dev.videogen.pipeline;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogen.media.FrameRate;
import dev.videogen.media.preview.ContactSheet;
import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import dev.videogen.media.spec.VideoSettings;
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
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code videogen preview} from the command line: files written, exit status, messages, nothing partial. */
class PreviewCliTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void inputs() {
    TestMedia.patternImage(dir.resolve("a.png"), 320, 180, 40);
    TestMedia.gradientImage(dir.resolve("b.jpg"), 90, 160, 200);
    TestMedia.sineWav(dir.resolve("tone.wav"), 48000, 2, 24000); // 0.5 s
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--workLocation=" + dir.resolve("work"));
    return new VideogenCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false).run(all.toArray(String[]::new));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path spec(String json) throws IOException {
    return Files.writeString(dir.resolve("job.json"), json);
  }

  private static String job(String extra) {
    return "{\"id\":\"tiny\",\"output\":\"out/tiny.mp4\",\"video\":{\"width\":128,\"height\":72,\"fps\":30,"
        + "\"preset\":\"ultrafast\"}," + extra + "}";
  }

  private static final String TWO_SLIDES =
      "\"audio\":[{\"uri\":\"tone.wav\"}],\"slides\":[{\"image\":\"a.png\"},{\"image\":\"b.jpg\",\"fit\":\"contain\"}]";

  private static List<String> files(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
    }
  }

  private static int[] pngSize(Path file) throws IOException {
    byte[] png = Files.readAllBytes(file);
    try (BytePointer bytes = new BytePointer(png);
        Mat encoded = new Mat(1, png.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, bytes);
        Mat image = imdecode(encoded, IMREAD_COLOR)) {
      return new int[] {image.cols(), image.rows()};
    }
  }

  @Test
  void writesTheContactSheetBesideTheOutputByDefault() throws IOException {
    Path spec = spec(job(TWO_SLIDES));
    assertEquals(0, run("preview", spec.toString()), stderr());
    Path sheet = dir.resolve("out/tiny.preview/tiny-contact.png");
    assertEquals(List.of("tiny.preview/tiny-contact.png"), files(dir.resolve("out")), "only the sheet, no video");
    ContactSheet.Geometry g = ContactSheet.Geometry.of(128, 72, 320, 2); // cells no wider than the video
    assertEquals(List.of(g.width(), g.height()), List.of(pngSize(sheet)[0], pngSize(sheet)[1]));
    assertTrue(stdout().matches("(?s)contact sheet: \\Q" + sheet + "\\E \\(2 rows of first/middle/last frames\\) "
        + "in \\d+\\.\\d s\\n"), stdout());
  }

  @Test
  void videoOptionRendersASmallFastPreviewToTheOutputFolder() throws IOException {
    Path spec = spec(job(TWO_SLIDES));
    Path folder = dir.resolve("previews");
    assertEquals(0, run("preview", spec.toString(), "--output=" + folder, "--video", "--previewFps=10",
        "--cellWidth=64"), stderr());
    assertEquals(List.of("tiny-contact.png", "tiny-preview.mp4"), files(folder));
    assertFalse(Files.exists(dir.resolve("out")), "nothing at the spec's output");
    ProbeReport probe = MediaProbe.probe(folder.resolve("tiny-preview.mp4"));
    assertEquals(32, probe.video().width()); // a quarter, rounded to even
    assertEquals(18, probe.video().height());
    assertEquals("10/1", probe.video().fps());
    assertEquals(5, probe.video().frames()); // round(0.5 s × 10 fps): its own grid, the same duration
    assertEquals(0.5, probe.audio().duration(), 0.1);
    assertTrue(stdout().contains("preview video: " + folder.resolve("tiny-preview.mp4") + " (5 frames, 32x18 at 10 fps"),
        stdout());
  }

  @Test
  void theDefaultDestinationCanBeObjectStorage() throws Exception {
    try (S3Server s3 = new S3Server(Files.createDirectories(dir.resolve("s3proxy")))) {
      s3.createBucket("bucket");
      s3.put("bucket", "jobs/a.png", Files.readAllBytes(dir.resolve("a.png")));
      s3.put("bucket", "jobs/job.json", job("\"duration\":0.2,\"slides\":[{\"image\":\"a.png\"}]")
          .replace("out/tiny.mp4", "../out/tiny.mp4").getBytes(StandardCharsets.UTF_8));
      List<String> args = new ArrayList<>(List.of("preview", "s3://bucket/jobs/job.json"));
      args.addAll(s3.options());
      assertEquals(0, run(args.toArray(String[]::new)), stderr());
      assertEquals(List.of("jobs/a.png", "jobs/job.json", "out/tiny.preview/tiny-contact.png"), s3.keys("bucket"),
          "the sheet, and no partial object");
      assertTrue(stdout().contains("s3://bucket/out/tiny.preview/tiny-contact.png"), stdout());
    }
  }

  private void assertFailsNaming(String json, String... expected) throws IOException {
    Path spec = spec(json);
    assertEquals(3, run("preview", spec.toString()), stderr());
    assertTrue(stderr().contains("job tiny failed: "), stderr());
    assertTrue(stderr().contains(spec.toString()), () -> "names the spec: " + stderr());
    for (String text : expected) {
      assertTrue(stderr().contains(text), () -> "stderr lacks '" + text + "': " + stderr());
    }
    assertEquals(List.of(), files(dir.resolve("out")), "nothing written");
  }

  @Test
  void aMisspeltFieldFailsTheJobNamingFieldAndReason() throws IOException {
    assertFailsNaming(job("\"duration\":1,\"slides\":[{\"image\":\"a.png\",\"form\":{\"zoom\":2}}]"),
        "slides[0].form", "unknown field");
  }

  @Test
  void aMissingImageFailsTheJobNamingTheFile() throws IOException {
    assertFailsNaming(job("\"duration\":1,\"slides\":[{\"image\":\"nowhere.jpg\"}]"),
        dir.resolve("nowhere.jpg") + ": file not found");
  }

  @Test
  void garbageAudioFailsTheJobNamingTheFile() throws IOException {
    byte[] noise = new byte[4096];
    new java.util.Random(1).nextBytes(noise);
    Files.write(dir.resolve("noise.mp3"), noise);
    assertFailsNaming(job("\"audio\":[{\"uri\":\"noise.mp3\"}],\"slides\":[{\"image\":\"a.png\"}]"), "noise.mp3");
  }

  @Test
  void aSpecWithoutOutputNeedsAFolder() throws IOException {
    String json = job("\"duration\":0.2,\"slides\":[{\"image\":\"a.png\"}]").replace("\"output\":\"out/tiny.mp4\",", "");
    assertFailsNaming(json, "output: missing", "--output=DIR");
    assertEquals(0, run("preview", dir.resolve("job.json").toString(), "--output=" + dir.resolve("here")), stderr());
    assertEquals(List.of("tiny-contact.png"), files(dir.resolve("here")));
  }

  @Test
  void anUnwritableDestinationFailsWithoutLeavingAnything() throws IOException {
    Path spec = spec(job("\"duration\":0.2,\"slides\":[{\"image\":\"a.png\"}]"));
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
    assertEquals(3, run("preview", spec.toString(), "--output=" + blocker.resolve("sub")), stderr());
    assertTrue(stderr().contains("job tiny failed: cannot write the contact sheet"), stderr());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("partial")).toList());
    }
  }

  @Test
  void badCommandLinesExitWithTwo() throws IOException {
    Path spec = spec(job("\"duration\":0.2,\"slides\":[{\"image\":\"a.png\"}]"));
    String s = spec.toString();
    assertEquals(2, run("preview"));
    assertEquals(2, run("preview", "--video"));
    assertEquals(2, run("preview", dir.resolve("absent.json").toString()));
    assertEquals(2, run("preview", s, "--cellWidth=abc"));
    assertTrue(stderr().contains("--cellWidth=abc: ") && stderr().contains("`int`"), stderr());
    assertEquals(2, run("preview", s, "--cellWidth=8"));
    assertEquals(2, run("preview", s, "--cellWidth=100.5"));
    assertEquals(2, run("preview", s, "--previewFps=7.5"));
    assertEquals(2, run("preview", s, "--previewScale=2"));
    assertTrue(stderr().contains("--previewScale must be from 0.01 to 1, was 2"), stderr());
    assertEquals(2, run("preview", s, "--video=maybe"));
    assertEquals(2, run("preview", s, "--noSuchOption=1"));
    assertEquals(List.of(), files(dir.resolve("out")), "nothing written by a bad command line");
    assertEquals(0, run("--help"));
    assertTrue(stdout().contains("videogen preview SPEC.json"), stdout());
    // The defaults shown are the options' own (one place: RenderSettings, PreviewOptions).
    assertTrue(stdout().contains("[--cellWidth=320] [--previewFps=6]"), stdout());
    assertTrue(stdout().contains("--chunkSeconds=S       length of a render chunk (default 10)"), stdout());
    assertTrue(stdout().contains("per-worker image cache budget (default 1024)"), stdout());
  }

  @Test
  void thePreviewSpecKeepsEverythingButSizeRateAndEncoder() throws IOException {
    String json = "{\"id\":\"x\",\"output\":\"o.mp4\",\"loop\":true,\"audio\":[{\"uri\":\"t.wav\",\"fadeOut\":2}],"
        + "\"video\":{\"width\":1920,\"height\":1080,\"fps\":29.97,\"crf\":18,\"preset\":\"slow\"},"
        + "\"slides\":[{\"image\":\"a.png\",\"seconds\":4,\"to\":{\"zoom\":1.5,\"x\":0.2,\"y\":0.7}}]}";
    VideoSettings video = new VideoSettings(1920, 1080, new FrameRate(30000, 1001), 18, "slow");
    ObjectMapper mapper = new ObjectMapper();
    JsonNode small = mapper.readTree(PreviewCommand.previewSpecJson(json, video, 6, 0.25));
    assertEquals(mapper.readTree("{\"width\":480,\"height\":270,\"fps\":6,\"crf\":30,\"preset\":\"ultrafast\"}"),
        small.get("video"));
    JsonNode original = mapper.readTree(json);
    for (String field : List.of("id", "output", "loop", "audio", "slides")) {
      assertEquals(original.get(field), small.get(field), field);
    }
    // a rate already below the preview's is kept as it is; sizes stay even and at least 16
    JsonNode slow = mapper.readTree(PreviewCommand.previewSpecJson(json,
        new VideoSettings(1280, 720, new FrameRate(24000, 1001), 23, "veryfast"), 30, 0.1));
    assertEquals(24000 / 1001.0, slow.at("/video/fps").asDouble(), 1e-12);
    assertEquals(128, slow.at("/video/width").asInt());
    assertEquals(72, slow.at("/video/height").asInt());
    assertEquals(16, PreviewCommand.even(9));
    assertEquals(136, PreviewCommand.even(135));
    assertEquals("out/v.preview", PreviewCommand.defaultFolder("out/v.mp4"));
    assertEquals("s3://b/v.MOV.preview", PreviewCommand.defaultFolder("s3://b/v.MOV"));
  }
}
