package dev.videogen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.probe.MediaProbe;
import dev.videogen.media.probe.ProbeReport;
import dev.videogen.testing.TestMedia;
import dev.videogen.transforms.JobFailure;
import dev.videogen.transforms.JobResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose manifest, inputs, intermediates, outputs and report all live in a real S3-compatible server
 * over HTTP on 127.0.0.1 (s3proxy, its own process), reached through Beam's AWS filesystem with path-style
 * access and signed requests.
 */
class ObjectStorageTest {
  private static final String BUCKET = "videogen-it";

  @TempDir Path dir;
  private S3Server s3;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    s3 = new S3Server(Files.createDirectories(dir.resolve("s3proxy")));
    s3.createBucket(BUCKET);
    s3.put(BUCKET, "jobs/img/a.png", Files.readAllBytes(TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40)));
    s3.put(BUCKET, "jobs/audio/tone.wav", Files.readAllBytes(TestMedia.sineWav(dir.resolve("t.wav"), 44100, 2, 13230)));
  }

  @AfterEach
  void stop() throws Exception {
    s3.close();
  }

  private int videogen(String... args) {
    return videogen(s3.options(), args);
  }

  private int videogen(List<String> storageOptions, String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(storageOptions);
    return new VideogenCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false).run(all.toArray(String[]::new));
  }

  private Map<String, JobResult> report() throws Exception {
    byte[] bytes = s3.get(BUCKET, "report.jsonl");
    assertNotNull(bytes, "report written");
    Map<String, JobResult> byId = new TreeMap<>();
    new String(bytes, StandardCharsets.UTF_8).lines().map(JobResult::fromJson).forEach(r -> byId.put(r.id(), r));
    return byId;
  }

  @Test
  void aBatchRoundTripsThroughS3() throws Exception {
    String video = "\"video\":{\"width\":64,\"height\":36,\"preset\":\"ultrafast\"}";
    s3.put(BUCKET, "jobs/jobs.jsonl", String.join("\n",
        "{\"id\":\"remote\",\"output\":\"../out/remote.mp4\"," + video
            + ",\"audio\":[{\"uri\":\"audio/tone.wav\"}],\"slides\":[{\"image\":\"img/a.png\",\"fit\":\"contain\"}]}",
        "{\"id\":\"nowhere\",\"output\":\"s3://no-such-bucket/x.mp4\",\"duration\":0.2," + video
            + ",\"slides\":[{\"image\":\"img/a.png\"}]}",
        "{\"id\":\"missing\",\"output\":\"../out/missing.mp4\",\"duration\":0.2," + video
            + ",\"slides\":[{\"image\":\"img/absent.png\"}]}").getBytes(StandardCharsets.UTF_8));

    String[] batch = {"batch", "s3://" + BUCKET + "/jobs/jobs.jsonl", "--report=s3://" + BUCKET + "/report.jsonl",
        "--workLocation=s3://" + BUCKET + "/work", "--chunkSeconds=0.1"};
    assertEquals(3, videogen(batch), err::toString);

    Map<String, JobResult> report = report();
    assertEquals(JobResult.Status.OK, report.get("remote").status());
    assertEquals("s3://" + BUCKET + "/out/remote.mp4", report.get("remote").output());
    assertEquals(JobResult.Status.FAILED, report.get("nowhere").status());
    assertEquals(JobFailure.Stage.PUBLISH, report.get("nowhere").stage(), "a failed upload is reported at publishing");
    assertEquals("s3://no-such-bucket/x.mp4", report.get("nowhere").subject());
    assertTrue(report.get("nowhere").error().startsWith("s3://no-such-bucket/x.mp4: cannot write the output"),
        report.get("nowhere")::error);
    assertEquals("s3://" + BUCKET + "/jobs/img/absent.png: file not found", report.get("missing").error());
    assertEquals(JobFailure.Stage.PLAN, report.get("missing").stage());

    // Exactly the inputs, the report and the one finished video: no intermediates, no partial objects.
    assertEquals(List.of("jobs/audio/tone.wav", "jobs/img/a.png", "jobs/jobs.jsonl", "out/remote.mp4", "report.jsonl"),
        s3.keys(BUCKET));
    Path local = Files.write(dir.resolve("remote.mp4"), s3.get(BUCKET, "out/remote.mp4"));
    ProbeReport probe = MediaProbe.probe(local);
    assertEquals(9, probe.video().frames()); // 0.3 s of audio at 30 fps
    assertEquals(0.3, probe.audio().duration(), 1 / 30.0);
    assertTrue(probe.faststart());

    // Resume reads just the header of the object to see that it is done.
    assertEquals(3, videogen(batch[0], batch[1], batch[2], batch[3], batch[4], "--resume"), err::toString);
    assertEquals(JobResult.Status.SKIPPED, report().get("remote").status());
    assertEquals(9, report().get("remote").frames());

    // probe reads object storage too.
    assertEquals(0, videogen("probe", "s3://" + BUCKET + "/out/remote.mp4"), err::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"frames\":9"), out::toString);
  }

  /** Side files go to object storage beside the video, each published atomically, and are in the report. */
  @Test
  void sideFilesArePublishedBesideAVideoInS3() throws Exception {
    s3.put(BUCKET, "jobs/en.vtt", "WEBVTT\n\n00:00.050 --> 00:00.200\nHi\n".getBytes(StandardCharsets.UTF_8));
    s3.put(BUCKET, "jobs/job.json", ("{\"id\":\"side\",\"output\":\"../out/side.mp4\",\"video\":{\"width\":64,"
        + "\"height\":36,\"preset\":\"ultrafast\"},\"audio\":[{\"uri\":\"audio/tone.wav\"}],"
        + "\"slides\":[{\"image\":\"img/a.png\",\"title\":\"Gradient\"}],\"chapters\":\"slides\","
        + "\"captions\":{\"uri\":\"en.vtt\"},\"thumbnail\":{}}").getBytes(StandardCharsets.UTF_8));
    assertEquals(0, videogen("batch", "s3://" + BUCKET + "/jobs/job.json", "--report=s3://" + BUCKET + "/report.jsonl",
        "--workLocation=s3://" + BUCKET + "/work"), err::toString);

    JobResult side = report().get("side");
    String out = "s3://" + BUCKET + "/out/side";
    assertEquals(List.of(out + ".chapters.txt", out + ".srt", out + ".vtt", out + ".thumbnail.jpg"), side.files());
    assertEquals(List.of("chapters from the slides: has 1 chapter: YouTube needs at least 3; YouTube will ignore "
        + "the description timestamps (the MP4 chapters are written)"), side.warnings());
    assertEquals(List.of("jobs/audio/tone.wav", "jobs/en.vtt", "jobs/img/a.png", "jobs/job.json", "out/side.chapters.txt",
        "out/side.mp4", "out/side.srt", "out/side.thumbnail.jpg", "out/side.vtt", "report.jsonl"), s3.keys(BUCKET));
    assertEquals("0:00 Gradient\n", new String(s3.get(BUCKET, "out/side.chapters.txt"), StandardCharsets.UTF_8));
    assertEquals("1\n00:00:00,050 --> 00:00:00,200\nHi\n\n", new String(s3.get(BUCKET, "out/side.srt"), StandardCharsets.UTF_8));
    byte[] jpeg = s3.get(BUCKET, "out/side.thumbnail.jpg");
    assertEquals(0xFFD8, ((jpeg[0] & 0xFF) << 8) | (jpeg[1] & 0xFF));
  }

  /**
   * Without {@code --awsRegion} the region is not resolved when the run starts (that ends in the EC2 metadata
   * service, off loopback) but by the S3 client when a run first uses S3, from the standard chain: here the
   * {@code aws.region} system property.
   */
  @Test
  void withoutAwsRegionTheS3ClientResolvesItWhenFirstUsed() throws Exception {
    List<String> withoutRegion = s3.options().stream().filter(option -> !option.startsWith("--awsRegion")).toList();
    assertEquals(s3.options().size() - 1, withoutRegion.size());
    s3.put(BUCKET, "jobs/job.json", ("{\"id\":\"region\",\"output\":\"../out/region.mp4\",\"duration\":0.2,"
        + "\"video\":{\"width\":64,\"height\":36,\"preset\":\"ultrafast\"},\"slides\":[{\"image\":\"img/a.png\"}]}")
        .getBytes(StandardCharsets.UTF_8));
    String before = System.getProperty("aws.region");
    System.setProperty("aws.region", "us-east-1");
    try {
      assertEquals(0, videogen(withoutRegion, "render", "s3://" + BUCKET + "/jobs/job.json"), err::toString);
    } finally {
      if (before == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", before);
      }
    }
    assertNotNull(s3.get(BUCKET, "out/region.mp4"));
  }
}
