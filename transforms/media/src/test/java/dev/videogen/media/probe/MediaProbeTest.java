package dev.videogen.media.probe;

import dev.videogen.testing.AssembleInOrder;
import static dev.videogen.media.codec.MediaTestSupport.encodeChunk;
import static dev.videogen.media.codec.MediaTestSupport.ffmpeg;
import static dev.videogen.media.codec.MediaTestSupport.run;
import static dev.videogen.media.codec.MediaTestSupport.writeSineAac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.mux.VideoAssembler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {
  static final VideoEncoderSettings SETTINGS =
      new VideoEncoderSettings(64, 36, new FrameRate(24000, 1001), 20, "veryfast", 1, 48);

  @TempDir Path dir;

  private Path assembled(String tagValue) {
    Path chunk = dir.resolve("chunk.vgp");
    encodeChunk(SETTINGS, chunk, 0, 12);
    Path audio = dir.resolve("audio.vgp");
    writeSineAac(audio, 44_100, 12 * 1001 / 24000.0);
    Path mp4 = dir.resolve("probe me.mp4");
    AssembleInOrder.assemble(List.of(chunk), 12, audio, mp4, Map.of("videogen_spec_sha256", tagValue));
    return mp4;
  }

  @Test
  void reportsContainerStreamsTagsAndFaststart() {
    Path mp4 = assembled("c0ffee");
    ProbeReport report = MediaProbe.probe(mp4);
    assertTrue(report.format().contains("mp4"), report.format());
    assertTrue(report.faststart());
    assertEquals("c0ffee", report.tags().get("videogen_spec_sha256"));
    assertEquals(12 * 1001 / 24000.0, report.duration(), 0.002);

    ProbeReport.Video video = report.video();
    assertEquals("h264", video.codec());
    assertEquals("High", video.profile());
    assertEquals("yuv420p", video.pixFmt());
    assertEquals(64, video.width());
    assertEquals(36, video.height());
    assertEquals(12, video.frames());
    assertEquals("24000/1001", video.fps());
    assertEquals(24000 / 1001.0, video.fpsValue(), 1e-9);
    assertEquals(0.0, video.startTime());
    assertEquals(12 * 1001 / 24000.0, video.duration(), 1e-9);
    assertEquals("bt709", video.colorPrimaries());
    assertEquals("bt709", video.colorTransfer());
    assertEquals("bt709", video.colorSpace());
    assertEquals("tv", video.colorRange());

    ProbeReport.Audio audio = report.audio();
    assertEquals("aac", audio.codec());
    assertEquals("LC", audio.profile());
    assertEquals(44_100, audio.sampleRate());
    assertEquals(2, audio.channels());
    assertEquals(0.0, audio.startTime());
    assertEquals(video.duration(), audio.duration(), 1001 / 24000.0);

    String json = report.toJson();
    assertTrue(json.contains("\"faststart\":true"), json);
    assertTrue(json.contains("\"videogen_spec_sha256\":\"c0ffee\""), json);
    assertTrue(json.contains("\"video\":{\"codec\":\"h264\",\"profile\":\"High\",\"pix_fmt\":\"yuv420p\""), json);
    assertTrue(json.contains("\"frames\":12"), json);
    assertTrue(json.contains("\"fps\":\"24000/1001\""), json);
    assertTrue(json.contains("\"start_time\":0.000000"), json);
    assertTrue(json.contains("\"color_primaries\":\"bt709\""), json);
    assertTrue(json.contains("\"audio\":{\"codec\":\"aac\",\"profile\":\"LC\",\"sample_rate\":44100,\"channels\":2"),
        json);
  }

  @Test
  void tagValuesAreEscapedInJson() {
    Path mp4 = assembled("say \"hi\"\\\nbye");
    String json = MediaProbe.probe(mp4).toJson();
    assertTrue(json.contains("\"videogen_spec_sha256\":\"say \\\"hi\\\"\\\\\\nbye\""), json);
  }

  @Test
  void anMp4WithItsMoovAtTheEndIsNotFaststart() {
    Path mp4 = assembled("x");
    Path plain = dir.resolve("plain.mp4");
    // ffmpeg writes moov after mdat unless asked for faststart.
    run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-c", "copy", plain.toString()));
    ProbeReport report = MediaProbe.probe(plain);
    assertFalse(report.faststart());
    assertEquals(12, report.video().frames());
    assertFalse(MediaProbe.moovBeforeMdat(plain));
    assertTrue(MediaProbe.moovBeforeMdat(mp4));
  }

  @Test
  void anAudioOnlyFileHasNoVideo() {
    Path mp4 = assembled("x");
    Path m4a = dir.resolve("audio.m4a");
    run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-vn", "-c", "copy", m4a.toString()));
    ProbeReport report = MediaProbe.probe(m4a);
    assertNull(report.video());
    assertEquals("aac", report.audio().codec());
    assertTrue(report.toJson().contains("\"video\":null"), report.toJson());
  }

  @Test
  void unreadableFilesAreBadInput() throws IOException {
    Path garbage = dir.resolve("garbage.mp4");
    Files.write(garbage, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    BadInputException e = assertThrows(BadInputException.class, () -> MediaProbe.probe(garbage));
    assertEquals(garbage.toString(), e.subject());

    Path missing = dir.resolve("missing.mp4");
    e = assertThrows(BadInputException.class, () -> MediaProbe.probe(missing));
    assertEquals(missing.toString(), e.subject());

    assertThrows(BadInputException.class, () -> MediaProbe.probe(dir));

    Path empty = dir.resolve("empty.mp4");
    Files.write(empty, new byte[0]);
    assertThrows(BadInputException.class, () -> MediaProbe.probe(empty));
  }

  @Test
  void theIndexCountsWhatReadingEveryPacketCounts() {
    Path mp4 = assembled("x");
    Path plain = dir.resolve("plain.mp4");
    run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-c", "copy", plain.toString()));
    for (Path file : List.of(mp4, plain)) {
      ProbeReport read = MediaProbe.probe(file);
      ProbeReport indexed = MediaProbe.probeIndexed(file);
      assertEquals(12, indexed.video().frames(), file.toString());
      assertEquals(read.toJson(), indexed.toJson(), file.toString());
    }
  }

  @Test
  void aFileCutShortFailsTheIndexCheck() throws IOException {
    Path mp4 = assembled("x");
    byte[] whole = Files.readAllBytes(mp4);
    Path cut = dir.resolve("cut.mp4");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
    BadInputException e = assertThrows(BadInputException.class, () -> MediaProbe.probeIndexed(cut));
    assertEquals(cut.toString(), e.subject());
    assertTrue(e.getMessage().contains("is cut short: its mdat box at offset " + mdatOffset(whole) + " needs "),
        e.getMessage());
  }

  @Test
  void bytesAfterTheLastBoxFailTheIndexCheck() throws IOException {
    Path mp4 = assembled("x");
    byte[] whole = Files.readAllBytes(mp4);
    Path longer = dir.resolve("longer.mp4");
    Files.write(longer, java.util.Arrays.copyOf(whole, whole.length + 3));
    BadInputException e = assertThrows(BadInputException.class, () -> MediaProbe.probeIndexed(longer));
    assertTrue(e.getMessage().endsWith("has 3 bytes at offset " + whole.length + " that are no box"), e.getMessage());
  }

  @Test
  void aSampleBeyondTheEndFailsTheIndexCheckEvenWhenTheBoxesAddUp() throws IOException {
    Path mp4 = assembled("x");
    byte[] whole = Files.readAllBytes(mp4);
    int mdat = mdatOffset(whole);
    // The last 100 bytes of mdat gone and its size field made to match: the boxes tile the file, the index does not fit.
    byte[] shorter = java.util.Arrays.copyOf(whole, whole.length - 100);
    java.nio.ByteBuffer.wrap(shorter, mdat, 4).putInt(shorter.length - mdat);
    Path file = dir.resolve("shorter.mp4");
    Files.write(file, shorter);
    BadInputException e = assertThrows(BadInputException.class, () -> MediaProbe.probeIndexed(file));
    assertTrue(e.getMessage().contains("lies outside the file") && e.getMessage().endsWith(" of " + shorter.length + ")"),
        e.getMessage());
  }

  @Test
  void theIndexedProbeTakesOnlyMp4() {
    Path mkv = dir.resolve("same.mkv");
    run(List.of(ffmpeg(), "-v", "error", "-i", assembled("x").toString(), "-c", "copy", mkv.toString()));
    BadInputException e = assertThrows(BadInputException.class, () -> MediaProbe.probeIndexed(mkv));
    assertTrue(e.getMessage().contains("not an MP4 (matroska,webm)"), e.getMessage());
  }

  /** Where the top-level mdat box starts (found by walking the top-level box sizes, 32-bit only here). */
  private static int mdatOffset(byte[] mp4) {
    int at = 0;
    while (!new String(mp4, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("mdat")) {
      at += java.nio.ByteBuffer.wrap(mp4, at, 4).getInt();
    }
    return at;
  }
}
