package dev.videogen.pipeline;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.probe.MediaProbe;
import dev.videogen.testing.BundledPrograms;
import dev.videogen.testing.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapters, captions and a thumbnail through the real pipeline and command line, on the DirectRunner. */
class ChaptersCaptionsThumbnailTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs a bundled program to its end and returns its standard output. */
  private static String program(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, text);
    return text;
  }

  /** An 11-second tone tagged with the bundled ffmpeg. */
  private void taggedTrack(String name, int frequency, String... tags) throws Exception {
    List<String> command = new ArrayList<>(List.of(BundledPrograms.ffmpeg(), "-y", "-v", "error", "-f", "lavfi", "-i",
        "sine=frequency=" + frequency + ":sample_rate=48000:d=11", "-ac", "2"));
    for (String tag : tags) {
      command.addAll(List.of("-metadata", tag));
    }
    command.add(dir.resolve(name).toString());
    program(command.toArray(String[]::new));
  }

  @BeforeEach
  void inputs() throws Exception {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    taggedTrack("one.flac", 440, "title=One", "artist=Ann");
    taggedTrack("two.mp3", 550, "title=Two", "artist=Ann");
    taggedTrack("three.wav", 660);
    Files.writeString(dir.resolve("en.srt"), "\uFEFF1\r\n00:00:01,000 --> 00:00:03,500\r\nHello <i>there</i>\r\n"
        + "second line\r\n\r\n2\r\n00:00:30,000 --> 00:00:45,000\r\nRuns past the end\r\n", StandardCharsets.UTF_8);
  }

  private int render(Path spec) {
    out.reset();
    err.reset();
    return new VideogenCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false)
        .run(new String[] {"render", spec.toString(), "--workLocation=" + dir.resolve("work")});
  }

  private Path spec(String output) throws IOException {
    return Files.writeString(dir.resolve("show.json"), """
        {"id":"show","output":"%s","video":{"width":64,"height":36,"fps":5,"preset":"ultrafast"},
         "audio":[{"uri":"one.flac"},{"uri":"two.mp3","crossfade":1},{"uri":"three.wav","title":"Finale"}],
         "slides":[{"image":"a.png"}],
         "chapters":"audio",
         "captions":{"uri":"en.srt","language":"en"},
         "thumbnail":{"at":1.2,"format":"png"}}""".formatted(output));
  }

  @Test
  void aRenderWritesChaptersCaptionsAndAThumbnailBesideTheVideo() throws Exception {
    assertEquals(0, render(spec("out/show.mp4")), err::toString);
    Path out = dir.resolve("out");
    // 11 + 11 - 1 + 11 = 32 s at 5 fps.
    assertEquals(160, MediaProbe.probe(out.resolve("show.mp4")).video().frames());

    // Track two overlaps track one by 1 s, so it starts at 10 s; track three at 21 s.
    assertEquals("0:00 Ann - One\n0:10 Ann - Two\n0:21 Finale\n", Files.readString(out.resolve("show.chapters.txt")));
    String chapters = program(BundledPrograms.ffprobe(), "-v", "error", "-show_chapters", "-show_entries",
        "chapter=start,end:chapter_tags=title", "-of", "csv=p=0", out.resolve("show.mp4").toString());
    assertEquals("0,10000,Ann - One\n10000,21000,Ann - Two\n21000,32000,Finale\n", chapters);

    // Captions on the video's timeline: markup removed, the cue running past the end cut at 32 s.
    assertEquals("1\n00:00:01,000 --> 00:00:03,500\nHello there\nsecond line\n\n2\n00:00:30,000 --> 00:00:32,000\n"
        + "Runs past the end\n\n", Files.readString(out.resolve("show.srt")));
    assertEquals("WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nHello there\nsecond line\n\n00:00:30.000 --> 00:00:32.000\n"
        + "Runs past the end\n\n", Files.readString(out.resolve("show.vtt")));
    String subtitles = program(BundledPrograms.ffprobe(), "-v", "error", "-select_streams", "s:0", "-show_entries",
        "stream=codec_name:stream_tags=language", "-of", "csv=p=0", out.resolve("show.mp4").toString());
    assertEquals("mov_text,eng\n", subtitles);
    Path decoded = dir.resolve("decoded.srt");
    program(BundledPrograms.ffmpeg(), "-v", "error", "-i", out.resolve("show.mp4").toString(), "-map", "0:s:0",
        decoded.toString());
    assertEquals(Files.readString(out.resolve("show.srt")), Files.readString(decoded).replace("\r\n", "\n"));

    // The thumbnail: frame 6 (1.2 s at 5 fps) at the video's size.
    try (Mat image = imdecode(new Mat(new BytePointer(Files.readAllBytes(out.resolve("show.thumbnail.png")))),
        IMREAD_COLOR)) {
      assertEquals(64, image.cols());
      assertEquals(36, image.rows());
    }

    String stdout = this.out.toString(StandardCharsets.UTF_8);
    for (String name : List.of("show.chapters.txt", "show.srt", "show.vtt", "show.thumbnail.png")) {
      assertTrue(stdout.contains("beside it: " + out.resolve(name)), stdout);
    }
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of("show.chapters.txt", "show.mp4", "show.srt", "show.thumbnail.png", "show.vtt"),
          files.map(f -> f.getFileName().toString()).sorted().toList(), "nothing else, no temporary files");
    }
  }

  @Test
  void aJobWhoseOutputIsAFolderLeavesNoneOfItsFiles() throws Exception {
    // The video's own path is taken by a folder: refused at planning, before any side file is written.
    // (A publish that fails after the side files were published removes them: AssembleVideosPublishTest.)
    Path blocked = Files.createDirectories(dir.resolve("out/show.mp4"));
    Files.writeString(blocked.resolve("keep"), "x");
    assertEquals(3, render(spec("out/show.mp4")), err::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("job show failed while planning: "
        + dir.resolve("out/show.mp4") + ": is an existing folder"), err::toString);
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      assertEquals(List.of("show.mp4"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void twoDerivedChaptersRenderWithAWarning() throws Exception {
    Files.writeString(dir.resolve("two.json"), """
        {"id":"two","output":"out/two.mp4","video":{"width":64,"height":36,"fps":5,"preset":"ultrafast"},
         "audio":[{"uri":"one.flac"},{"uri":"two.mp3"}],"slides":[{"image":"a.png"}],"chapters":"audio"}""");
    assertEquals(0, render(dir.resolve("two.json")), err::toString);
    assertEquals("0:00 Ann - One\n0:11 Ann - Two\n", Files.readString(dir.resolve("out/two.chapters.txt")));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("job two warning: chapters from the audio tracks: has 2 "
        + "chapters: YouTube needs at least 3"), err::toString);
  }

  @Test
  void aBadCaptionFileFailsTheJobNamingFileAndLine() throws Exception {
    Files.writeString(dir.resolve("en.srt"), "1\n00:00:01,000 --> 00:00:00,500\nBackwards\n");
    assertEquals(3, render(spec("out/show.mp4")), err::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(dir.resolve("en.srt") + " line 2: the cue ends at "
        + "0:00:00.500, before it starts (0:00:01.000)"), err::toString);
    assertTrue(!Files.exists(dir.resolve("out")) || Files.list(dir.resolve("out")).findAny().isEmpty());
  }

  /** The luma plane of every frame of {@code mp4}, decoded by the bundled ffmpeg (64×36 bytes a frame). */
  private static byte[] luma(Path mp4) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(BundledPrograms.ffmpeg(), "-v", "error", "-i", mp4.toString(), "-f", "rawvideo",
        "-pix_fmt", "gray", "pipe:1").start();
    process.getOutputStream().close();
    byte[] frames = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0);
    return frames;
  }

  /** The largest luma difference between two frames' rows [fromRow, toRow). */
  private static int maxDifference(byte[] a, byte[] b, int frame, int fromRow, int toRow) {
    int max = 0;
    for (int i = frame * 64 * 36 + fromRow * 64; i < frame * 64 * 36 + toRow * 64; i++) {
      max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
    }
    return max;
  }

  @Test
  void burntInCaptionsAreDrawnIntoThePictureWhileTheyShow() throws Exception {
    assertEquals(0, render(spec("out/soft.mp4")), err::toString);
    Path burntSpec = spec("out/burnt.mp4");
    Files.writeString(burntSpec, Files.readString(burntSpec)
        .replace("\"language\":\"en\"}", "\"language\":\"en\",\"burnIn\":true}"));
    assertTrue(Files.readString(burntSpec).contains("burnIn"));
    assertEquals(0, render(burntSpec), err::toString);
    byte[] soft = luma(dir.resolve("out/soft.mp4"));
    byte[] burnt = luma(dir.resolve("out/burnt.mp4"));
    assertEquals(soft.length, burnt.length);
    // Frame 6 (1.2 s) shows "Hello there / second line" in white near the bottom; the top rows stay the picture.
    // (At 5 % of 36 rows the text is under 2 px high, so it covers pixels only in part: 38 levels here.)
    assertTrue(maxDifference(soft, burnt, 6, 18, 36) > 20, "the caption is drawn in the lower half");
    assertTrue(maxDifference(soft, burnt, 6, 0, 4) <= 4, "above it, only coding noise");
    // Frame 60 (12 s) shows no caption and lies in a chunk no caption reaches: the same bytes.
    assertEquals(0, maxDifference(soft, burnt, 60, 0, 36));
    // The soft subtitle track and side files are there either way.
    assertEquals(Files.readString(dir.resolve("out/soft.srt")), Files.readString(dir.resolve("out/burnt.srt")));
  }
}
