package dev.videogen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.probe.MediaProbe;
import dev.videogen.testing.TestMedia;
import dev.videogen.transforms.JobResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image rows of docs/INPUTS.md in one batch: each bad image fails its own job with the file and the reason,
 * the good jobs (a PNG and a TIFF) still complete, and nothing is left at a failed job's output path.
 */
class ImageInputsBatchTest {
  @TempDir Path dir;

  @Test
  void eachBadImageFailsItsJobAloneNamingTheFileAndTheReason() throws IOException {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.gradientImage(dir.resolve("b.tif"), 96, 54, 90); // OpenCV writes the TIFF
    TestMedia.sineWav(dir.resolve("tone.wav"), 48000, 2, 9600);
    Files.write(dir.resolve("layers.psd"), "8BPS\u0000\u0001\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(dir.resolve("photo.jxl"), new byte[] {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x7F});
    Files.write(dir.resolve("huge.png"), pngHeaderOnly(40000, 40000));
    Files.write(dir.resolve("empty.jpg"), new byte[0]);
    byte[] png = Files.readAllBytes(dir.resolve("a.png"));
    Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(png, png.length - 20));
    Files.write(dir.resolve("junk-profile.png"), withChunkAfterIhdr(png, "iCCP", "p\u0000\u0000not zlib"));
    Path manifest = Files.writeString(dir.resolve("jobs.jsonl"), String.join("\n",
        job("good-png", "a.png"), job("good-tiff", "b.tif"), job("psd", "layers.psd"), job("jxl", "photo.jxl"),
        job("audio-as-image", "tone.wav"), job("huge", "huge.png"), job("empty", "empty.jpg"),
        job("truncated", "cut.png"), job("bad-profile", "junk-profile.png")) + "\n");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new VideogenCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false).run(new String[] {"batch", manifest.toString(),
            "--report=" + dir.resolve("report.jsonl"), "--workLocation=" + dir.resolve("work"), "--chunkSeconds=0.1",
            "--maxImagePixels=1000000"});
    assertEquals(3, status, err::toString);

    Map<String, String> report = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("report.jsonl"))) {
      JobResult r = JobResult.fromJson(line);
      report.put(r.id(), r.status().name().toLowerCase() + (r.error() == null ? "" : ": " + r.error()));
    }
    String supported = "(supported: JPEG, PNG, WebP, BMP, TIFF, HEIC/HEIF, AVIF, GIF; convert it to one of these)";
    assertEquals("ok", report.get("good-png"));
    assertEquals("ok", report.get("good-tiff"));
    assertFailed(report, "psd", "layers.psd: PSD (Photoshop) is not supported as an image " + supported);
    assertFailed(report, "jxl", "photo.jxl: JPEG XL (image/jxl) is not supported as an image " + supported);
    assertFailed(report, "audio-as-image", "tone.wav: WAV audio is not supported as an image " + supported);
    assertFailed(report, "huge", "huge.png: image is 40000x40000 = 1600000000 pixels, more than the limit of"
        + " 1000000 pixels");
    assertFailed(report, "empty", "empty.jpg: empty file");
    assertFailed(report, "truncated", "cut.png: truncated PNG file");
    assertFailed(report, "bad-profile", "junk-profile.png: the embedded ICC colour profile is corrupt: the iCCP"
        + " chunk's compressed data is invalid");
    assertTrue(out.toString().contains("batch: 9 jobs: 2 ok, 7 failed, 0 skipped"), out::toString);
    try (Stream<Path> outputs = Files.list(dir.resolve("out"))) {
      assertEquals(List.of("good-png.mp4", "good-tiff.mp4"),
          outputs.map(p -> p.getFileName().toString()).sorted().toList(), "nothing at a failed job's output");
    }
    assertEquals(6, MediaProbe.probe(dir.resolve("out/good-tiff.mp4")).video().frames());
  }

  private static void assertFailed(Map<String, String> report, String id, String reason) {
    String line = report.get(id);
    assertTrue(line != null && line.startsWith("failed: ") && line.contains(reason),
        () -> id + " → " + line + "\nexpected to contain: " + reason);
  }

  private static String job(String id, String image) {
    return "{\"id\":\"" + id + "\",\"output\":\"out/" + id + ".mp4\",\"video\":{\"width\":64,\"height\":36,"
        + "\"preset\":\"ultrafast\"},\"duration\":0.2,\"slides\":[{\"image\":\"" + image + "\"}]}";
  }

  /** A PNG signature and IHDR only: the size is read (and refused) before the missing rest is noticed. */
  private static byte[] pngHeaderOnly(int width, int height) {
    byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).array();
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    return concat(signature, chunk("IHDR", ihdr));
  }

  private static byte[] withChunkAfterIhdr(byte[] png, String type, String data) {
    byte[] c = chunk(type, data.getBytes(StandardCharsets.ISO_8859_1));
    return concat(java.util.Arrays.copyOf(png, 33), c, java.util.Arrays.copyOfRange(png, 33, png.length));
  }

  private static byte[] chunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(StandardCharsets.ISO_8859_1));
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1))
        .put(data).putInt((int) crc.getValue()).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
