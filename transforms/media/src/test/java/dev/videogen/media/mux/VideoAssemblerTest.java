package dev.videogen.media.mux;

import dev.videogen.testing.AssembleInOrder;
import static dev.videogen.media.codec.MediaTestSupport.bt709Limited;
import static dev.videogen.media.codec.MediaTestSupport.colourOf;
import static dev.videogen.media.codec.MediaTestSupport.encodeChunk;
import static dev.videogen.media.codec.MediaTestSupport.ffmpeg;
import static dev.videogen.media.codec.MediaTestSupport.ffprobe;
import static dev.videogen.media.codec.MediaTestSupport.probeEntries;
import static dev.videogen.media.codec.MediaTestSupport.run;
import static dev.videogen.media.codec.MediaTestSupport.runText;
import static dev.videogen.media.codec.MediaTestSupport.writeSineAac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.PacketFile;
import dev.videogen.media.codec.VideoEncoderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoAssemblerTest {
  static final FrameRate FPS = new FrameRate(12, 1);
  static final VideoEncoderSettings SETTINGS = new VideoEncoderSettings(64, 36, FPS, 16, "veryfast", 2, 48);
  static final int W = 64;
  static final int H = 36;

  @TempDir Path dir;

  private List<Path> chunks(VideoEncoderSettings settings, int... bounds) {
    List<Path> files = new ArrayList<>();
    for (int k = 0; k + 1 < bounds.length; k++) {
      Path file = dir.resolve("chunk-" + k + ".vgp");
      assertEquals(bounds[k + 1] - bounds[k], encodeChunk(settings, file, bounds[k], bounds[k + 1] - bounds[k]));
      files.add(file);
    }
    return files;
  }

  @Test
  void twoChunksJoinIntoAFaststartMp4WithExactFramesAndBt709Colours() throws IOException {
    List<Path> chunks = chunks(SETTINGS, 0, 7, 12);
    Path mp4 = dir.resolve("out/video.mp4");
    AssembledVideo result = AssembleInOrder.assemble(chunks, 12, null, mp4,
        Map.of("videogen_spec_sha256", "0123abcd", "title", "Forest walk"));
    assertEquals(12, result.frames());
    assertEquals(1.0, result.videoSeconds(), 1e-9);
    assertEquals(0.0, result.audioSeconds());

    // Decoded by the bundled ffmpeg, independently of this code: 12 frames of yuv420p.
    byte[] raw = run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-map", "0:v:0", "-fps_mode",
        "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"));
    int frameBytes = W * H * 3 / 2;
    assertEquals(12 * frameBytes, raw.length, "exactly 12 decoded frames");
    for (int i = 0; i < 12; i++) {
      int[] bgr = colourOf(i);
      double[] expected = bt709Limited(bgr);
      int base = i * frameBytes;
      // a patch in the middle of the frame, and of its chroma planes
      for (int y = 8; y < 28; y += 5) {
        for (int x = 8; x < 56; x += 7) {
          assertNear(expected[0], raw[base + y * W + x], "Y of frame " + i);
          int c = (y / 2) * (W / 2) + x / 2;
          assertNear(expected[1], raw[base + W * H + c], "U of frame " + i);
          assertNear(expected[2], raw[base + W * H + W * H / 4 + c], "V of frame " + i);
        }
      }
    }

    // Frame i is shown at i/fps, starting at 0.
    String times = new String(run(List.of(ffprobe(), "-v", "error", "-select_streams", "v:0", "-show_entries",
        "frame=pts_time", "-of", "csv=p=0", mp4.toString())), StandardCharsets.UTF_8);
    List<String> lines = csvFirstColumn(times);
    assertEquals(12, lines.size(), times);
    for (int i = 0; i < 12; i++) {
      assertEquals(i / 12.0, Double.parseDouble(lines.get(i)), 1e-6, "pts of frame " + i);
    }

    Map<String, String> video = probeEntries(mp4, "v:0", "codec_name,profile,pix_fmt,width,height,"
        + "color_primaries,color_transfer,color_space,color_range,r_frame_rate,avg_frame_rate,start_time,"
        + "nb_frames,time_base");
    assertEquals("h264", video.get("codec_name"));
    assertEquals("High", video.get("profile"));
    assertEquals("yuv420p", video.get("pix_fmt"));
    assertEquals("bt709", video.get("color_primaries"));
    assertEquals("bt709", video.get("color_transfer"));
    assertEquals("bt709", video.get("color_space"));
    assertEquals("tv", video.get("color_range"));
    assertEquals("12/1", video.get("r_frame_rate"));
    assertEquals("12/1", video.get("avg_frame_rate"));
    assertEquals(0.0, Double.parseDouble(video.get("start_time")));
    assertEquals("12", video.get("nb_frames"));

    Map<String, String> format = probeEntries(mp4, "format", "format_name:format_tags");
    assertEquals("0123abcd", format.get("TAG:videogen_spec_sha256"), format.toString());
    assertEquals("Forest walk", format.get("TAG:title"), format.toString());

    // moov precedes mdat, as ffprobe's own box trace shows.
    String trace = runText(ffprobe(), "-v", "trace", "-i", mp4.toString());
    int moov = trace.indexOf("type:'moov' parent:'root'");
    int mdat = trace.indexOf("type:'mdat' parent:'root'");
    assertTrue(moov >= 0 && mdat >= 0, "ffprobe traced both top-level boxes");
    assertTrue(moov < mdat, "moov before mdat");

    assertNoLeftovers(mp4);
  }

  @Test
  void theIndexIsWrittenIntoRoomReservedBeforeTheMediaInTheSamePass() throws IOException {
    List<Path> chunks = chunks(SETTINGS, 0, 5, 12, 400, 1200);
    Path audio = dir.resolve("audio.vgp");
    writeSineAac(audio, 48_000, 100);
    Path mp4 = dir.resolve("reserved.mp4");
    AssembledVideo result = AssembleInOrder.assemble(chunks, 1200, audio, mp4, Map.of("title", "Forest walk"));
    assertTrue(result.passes().indexReserved(), "the index fitted its room");

    // The room left over after moov is a free box; then the muxer's own 8-byte placeholder (for a 64-bit
    // mdat size) and the media.
    List<Box> boxes = Box.topLevel(mp4);
    assertEquals(List.of("ftyp", "moov", "free", "free", "mdat"), boxes.stream().map(Box::type).toList());
    assertEquals(8, boxes.get(3).size());
    // The bound is close: 1 % and a few KiB over what the muxer needed (42 KiB here).
    assertTrue(boxes.get(2).size() <= 8192 + boxes.get(1).size() / 50, boxes.toString());
    assertEquals(1200, result.frames());
  }

  @Test
  void anIndexThatDoesNotFitItsRoomIsWrittenAgainWithTheFaststartRewrite() throws IOException {
    List<Path> chunks = chunks(SETTINGS, 0, 5, 12, 40);
    Path audio = dir.resolve("audio.vgp");
    writeSineAac(audio, 48_000, 40 / 12.0);
    List<VideoAssembler.Placement> placements = chunks.stream().map(c -> new VideoAssembler.Placement(c, null)).toList();
    Path reserved = dir.resolve("reserved.mp4");
    Path rewritten = dir.resolve("rewritten.mp4");
    assertTrue(VideoAssembler.assemblePlaced(placements, 40, audio, reserved, Map.of(), TimedText.NONE,
        bytes -> bytes).passes().indexReserved());
    AssembledVideo result = VideoAssembler.assemblePlaced(placements, 40, audio, rewritten, Map.of(), TimedText.NONE,
        bytes -> 64);
    assertFalse(result.passes().indexReserved(), "64 bytes cannot hold the index");
    assertEquals(40, result.frames());

    List<Box> boxes = Box.topLevel(rewritten);
    assertEquals(List.of("ftyp", "moov", "free", "mdat"), boxes.stream().map(Box::type).toList());
    assertEquals(8, boxes.get(2).size(), "only the muxer's own 8-byte placeholder before mdat");
    // The same media, byte for byte, and the same index but for where the media starts.
    assertArrayEquals(Box.topLevel(reserved).get(4).content(reserved), boxes.get(3).content(rewritten));
    assertEquals(packets(reserved), packets(rewritten));
    assertNoLeftovers(rewritten);
  }

  private static List<String> packets(Path mp4) {
    return new String(run(List.of(ffprobe(), "-v", "error", "-show_entries",
        "packet=stream_index,pts,dts,duration,size,flags", "-of", "csv=p=0", mp4.toString())),
        StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void chromaIsFilteredNotPointSampled() {
    // Columns alternate red and blue: point-sampled chroma would keep one column's colour, filtered chroma
    // lies between them. Rows alternate the same way in a second frame (vertical filtering).
    VideoEncoderSettings fine = new VideoEncoderSettings(W, H, FPS, 1, "veryfast", 1, 48);
    Path chunk = dir.resolve("stripes.vgp");
    int[] red = {0, 0, 255};
    int[] blue = {255, 0, 0};
    try (dev.videogen.media.codec.VideoChunkEncoder encoder =
            new dev.videogen.media.codec.VideoChunkEncoder(fine, chunk, 0);
        dev.videogen.media.codec.BgrFrames frames = new dev.videogen.media.codec.BgrFrames(W, H);
        org.bytedeco.opencv.opencv_core.Mat columns = dev.videogen.media.codec.MediaTestSupport.flat(W, H, red);
        org.bytedeco.opencv.opencv_core.Mat rows = dev.videogen.media.codec.MediaTestSupport.flat(W, H, red)) {
      org.bytedeco.javacpp.indexer.UByteIndexer c = columns.createIndexer();
      org.bytedeco.javacpp.indexer.UByteIndexer r = rows.createIndexer();
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          for (int k = 0; k < 3; k++) {
            c.put(y, x, k, (x % 2 == 0 ? red : blue)[k]);
            r.put(y, x, k, (y % 2 == 0 ? red : blue)[k]);
          }
        }
      }
      c.release();
      r.release();
      frames.encode(encoder, columns);
      frames.encode(encoder, rows);
      assertEquals(2, encoder.finish());
    }
    Path mp4 = dir.resolve("stripes.mp4");
    AssembleInOrder.assemble(List.of(chunk), 2, null, mp4, Map.of());
    byte[] raw = run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-fps_mode", "passthrough", "-f",
        "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"));
    int frameBytes = W * H * 3 / 2;
    assertEquals(2 * frameBytes, raw.length);
    double[] r709 = bt709Limited(red);
    double[] b709 = bt709Limited(blue);
    for (int frame = 0; frame < 2; frame++) {
      int base = frame * frameBytes;
      int c = 9 * (W / 2) + 16; // a chroma sample away from the borders
      double u = raw[base + W * H + c] & 0xFF;
      double v = raw[base + W * H + W * H / 4 + c] & 0xFF;
      String what = frame == 0 ? "alternating columns" : "alternating rows";
      assertTrue(Math.abs(u - (r709[1] + b709[1]) / 2) <= 8, what + ": U " + u + " is not the average");
      assertTrue(Math.abs(v - (r709[2] + b709[2]) / 2) <= 8, what + ": V " + v + " is not the average");
    }
  }

  @Test
  void aacAudioIsTrimmedOfItsPrimingAndLastsAsLongAsTheVideo() {
    List<Path> chunks = chunks(SETTINGS, 0, 5, 12);
    Path audio = dir.resolve("audio.vgp");
    writeSineAac(audio, 48_000, 1.0);
    try (PacketFile.Reader reader = new PacketFile.Reader(audio)) {
      org.bytedeco.ffmpeg.avcodec.AVPacket packet = org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc();
      assertTrue(reader.read(packet));
      assertEquals(-1024, packet.pts(), "the AAC encoder's priming");
      org.bytedeco.ffmpeg.global.avcodec.av_packet_free(packet);
    }
    Path mp4 = dir.resolve("with-audio.mp4");
    AssembledVideo result = AssembleInOrder.assemble(chunks, 12, audio, mp4, Map.of());
    assertEquals(12, result.frames());
    assertEquals(1.0, result.audioSeconds(), 1.0 / 12);

    Map<String, String> video = probeEntries(mp4, "v:0", "start_time,duration");
    Map<String, String> sound = probeEntries(mp4, "a:0", "codec_name,profile,start_time,duration,sample_rate,channels");
    assertEquals("aac", sound.get("codec_name"));
    assertEquals("LC", sound.get("profile"));
    assertEquals("48000", sound.get("sample_rate"));
    assertEquals("2", sound.get("channels"));
    assertEquals(0.0, Double.parseDouble(sound.get("start_time")), "priming trimmed by the edit list");
    assertEquals(0.0, Double.parseDouble(video.get("start_time")));
    double videoSeconds = Double.parseDouble(video.get("duration"));
    double audioSeconds = Double.parseDouble(sound.get("duration"));
    assertEquals(1.0, videoSeconds, 1e-6);
    assertTrue(Math.abs(audioSeconds - videoSeconds) <= 1.0 / 12, audioSeconds + " vs " + videoSeconds);

    // The decoded audio really starts at 0 and holds 1 s of samples (within one AAC frame).
    byte[] pcm = run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-map", "0:a:0", "-f", "s16le",
        "-ac", "1", "-ar", "48000", "pipe:1"));
    assertEquals(48_000, pcm.length / 2.0, 1024);
  }

  @Test
  void ntscChunksJoinExactly() {
    VideoEncoderSettings ntsc =
        new VideoEncoderSettings(64, 36, new FrameRate(30000, 1001), 20, "ultrafast", 1, 250);
    List<Path> chunks = chunks(ntsc, 0, 4, 9, 12);
    Path mp4 = dir.resolve("ntsc.mp4");
    AssembledVideo result = AssembleInOrder.assemble(chunks, 12, null, mp4, null);
    assertEquals(12, result.frames());
    assertEquals(12 * 1001 / 30000.0, result.videoSeconds(), 1e-9);

    Map<String, String> video = probeEntries(mp4, "v:0", "profile,r_frame_rate,avg_frame_rate,start_time,time_base,nb_frames");
    assertEquals("High", video.get("profile"), "ultrafast still signals High");
    assertEquals("30000/1001", video.get("r_frame_rate"));
    assertEquals("30000/1001", video.get("avg_frame_rate"));
    assertEquals("1/30000", video.get("time_base"));
    assertEquals(0.0, Double.parseDouble(video.get("start_time")));
    String pts = new String(run(List.of(ffprobe(), "-v", "error", "-select_streams", "v:0", "-show_entries",
        "frame=pts", "-of", "csv=p=0", mp4.toString())), StandardCharsets.UTF_8);
    List<Long> values = csvFirstColumn(pts).stream().map(Long::parseLong).toList();
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < 12; i++) {
      expected.add(i * 1001);
    }
    assertEquals(expected, values, "frame i at i*1001/30000 s");
  }

  @Test
  void shortChunksWithoutBFrameDelayJoinLongOnes() {
    // x264 gives chunks of one or two frames dts == pts, longer ones dts == pts − 2: the assembler
    // renumbers dts so the joined stream still decodes in order.
    List<Path> chunks = chunks(SETTINGS, 0, 1, 3, 4, 9, 10, 12);
    Path mp4 = dir.resolve("short-chunks.mp4");
    assertEquals(12, AssembleInOrder.assemble(chunks, 12, null, mp4, Map.of()).frames());
    byte[] raw = run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-fps_mode", "passthrough", "-f",
        "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"));
    int frameBytes = W * H * 3 / 2;
    assertEquals(12 * frameBytes, raw.length);
    for (int i = 0; i < 12; i++) {
      double[] expected = bt709Limited(colourOf(i));
      assertNear(expected[0], raw[i * frameBytes + 18 * W + 32], "Y of frame " + i);
      assertNear(expected[2], raw[i * frameBytes + W * H * 5 / 4 + 9 * (W / 2) + 16], "V of frame " + i);
    }
    String times = new String(run(List.of(ffprobe(), "-v", "error", "-select_streams", "v:0", "-show_entries",
        "frame=pts_time", "-of", "csv=p=0", mp4.toString())), StandardCharsets.UTF_8);
    List<String> lines = csvFirstColumn(times);
    for (int i = 0; i < 12; i++) {
      assertEquals(i / 12.0, Double.parseDouble(lines.get(i)), 1e-6, "pts of frame " + i);
    }
  }

  @Test
  void oneChunkFilePlacedTwiceIsRetimedOntoTheGrid() {
    // Chunk files on their own time lines (one starting at 0, one at 100), a placed twice: a, b, a.
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(SETTINGS, a, 0, 6);
    encodeChunk(SETTINGS, b, 100, 3);
    Path mp4 = dir.resolve("placed.mp4");
    AssembledVideo result = VideoAssembler.assemblePlaced(List.of(new VideoAssembler.Placement(a, 0L),
        new VideoAssembler.Placement(b, 6L), new VideoAssembler.Placement(a, 9L)), 15, null, mp4, Map.of());
    assertEquals(15, result.frames());

    byte[] raw = run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-map", "0:v:0", "-fps_mode",
        "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"));
    int frameBytes = W * H * 3 / 2;
    assertEquals(15 * frameBytes, raw.length, "exactly 15 decoded frames");
    long[] source = {0, 1, 2, 3, 4, 5, 100, 101, 102, 0, 1, 2, 3, 4, 5};
    for (int i = 0; i < 15; i++) {
      assertNear(bt709Limited(colourOf(source[i]))[0], raw[i * frameBytes + 18 * W + 32], "Y of frame " + i);
    }
    String times = new String(run(List.of(ffprobe(), "-v", "error", "-select_streams", "v:0", "-show_entries",
        "frame=pts_time", "-of", "csv=p=0", mp4.toString())), StandardCharsets.UTF_8);
    List<String> lines = csvFirstColumn(times);
    for (int i = 0; i < 15; i++) {
      assertEquals(i / 12.0, Double.parseDouble(lines.get(i)), 1e-6, "pts of frame " + i);
    }
  }

  @Test
  void placementsWithAGapAreRefused() {
    Path a = dir.resolve("a.vgp");
    encodeChunk(SETTINGS, a, 0, 6);
    Path mp4 = dir.resolve("gap.mp4");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> VideoAssembler.assemblePlaced(
        List.of(new VideoAssembler.Placement(a, 0L), new VideoAssembler.Placement(a, 7L)), 13, null, mp4, Map.of()));
    assertTrue(e.getMessage().contains("chunk 1") && e.getMessage().contains("gap"), e.getMessage());
    assertFalse(Files.exists(mp4));
  }

  @Test
  void aGapBetweenChunksIsRefusedAndNoFileIsLeft() {
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(SETTINGS, a, 0, 6);
    encodeChunk(SETTINGS, b, 7, 5);
    Path mp4 = dir.resolve("gap.mp4");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AssembleInOrder.assemble(List.of(a, b), 12, null, mp4, Map.of()));
    assertTrue(e.getMessage().contains("chunk 1") && e.getMessage().contains("gap"), e.getMessage());
    assertNoLeftovers(mp4);
    assertFalse(Files.exists(mp4));
  }

  @Test
  void overlappingChunksAreRefused() {
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(SETTINGS, a, 0, 7);
    encodeChunk(SETTINGS, b, 6, 6);
    Path mp4 = dir.resolve("overlap.mp4");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AssembleInOrder.assemble(List.of(a, b), 12, null, mp4, Map.of()));
    assertTrue(e.getMessage().contains("chunk 1") && e.getMessage().contains("overlap"), e.getMessage());
    assertFalse(Files.exists(mp4));
  }

  @Test
  void aVideoNotStartingAtFrameZeroIsRefused() {
    Path a = dir.resolve("a.vgp");
    encodeChunk(SETTINGS, a, 1, 11);
    Path mp4 = dir.resolve("late.mp4");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AssembleInOrder.assemble(List.of(a), 11, null, mp4, Map.of()));
    assertTrue(e.getMessage().contains("chunk 0"), e.getMessage());
    assertFalse(Files.exists(mp4));
  }

  @Test
  void aWrongFrameCountIsRefusedAndAnOldOutputIsRemoved() throws IOException {
    List<Path> chunks = chunks(SETTINGS, 0, 7, 12);
    Path mp4 = dir.resolve("count.mp4");
    Files.writeString(mp4, "an old attempt");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AssembleInOrder.assemble(chunks, 13, null, mp4, Map.of()));
    assertTrue(e.getMessage().contains("12") && e.getMessage().contains("13"), e.getMessage());
    assertFalse(Files.exists(mp4));
    assertNoLeftovers(mp4);
  }

  @Test
  void chunksWithDifferentParametersAreRefused() {
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(SETTINGS, a, 0, 7);
    encodeChunk(new VideoEncoderSettings(64, 48, FPS, 16, "veryfast", 2, 48), b, 7, 5);
    Path mp4 = dir.resolve("mismatch.mp4");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AssembleInOrder.assemble(List.of(a, b), 12, null, mp4, Map.of()));
    assertTrue(e.getMessage().contains("chunk 1") && e.getMessage().contains("parameters"), e.getMessage());
    assertFalse(Files.exists(mp4));

    Path c = dir.resolve("c.vgp");
    encodeChunk(new VideoEncoderSettings(64, 36, FPS, 16, "slow", 2, 48), c, 7, 5);
    e = assertThrows(IllegalStateException.class,
        () -> AssembleInOrder.assemble(List.of(a, c), 12, null, mp4, Map.of()));
    assertTrue(e.getMessage().contains("chunk 1"), e.getMessage());
    assertFalse(Files.exists(mp4));
  }

  @Test
  void audioOfTheWrongLengthIsRefused() {
    List<Path> chunks = chunks(SETTINGS, 0, 12);
    Path audio = dir.resolve("short.vgp");
    writeSineAac(audio, 48_000, 0.5);
    Path mp4 = dir.resolve("short-audio.mp4");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AssembleInOrder.assemble(chunks, 12, audio, mp4, Map.of()));
    assertTrue(e.getMessage().contains("audio"), e.getMessage());
    assertFalse(Files.exists(mp4));
  }

  @Test
  void badArgumentsAreRefusedBeforeAnyWork() {
    Path mp4 = dir.resolve("args.mp4");
    Path chunk = dir.resolve("none.vgp");
    assertThrows(IllegalArgumentException.class, () -> AssembleInOrder.assemble(List.of(), 12, null, mp4, null));
    assertThrows(IllegalArgumentException.class, () -> AssembleInOrder.assemble(List.of(chunk), 0, null, mp4, null));
    assertThrows(IllegalArgumentException.class,
        () -> AssembleInOrder.assemble(List.of(chunk), 12, null, mp4, Map.of("", "x")));
    assertFalse(Files.exists(mp4));
  }

  @Test
  void aTruncatedChunkIsRefused() throws IOException {
    List<Path> chunks = chunks(SETTINGS, 0, 7, 12);
    byte[] bytes = Files.readAllBytes(chunks.get(1));
    Files.write(chunks.get(1), java.util.Arrays.copyOf(bytes, bytes.length - 3));
    Path mp4 = dir.resolve("truncated.mp4");
    assertThrows(RuntimeException.class, () -> AssembleInOrder.assemble(chunks, 12, null, mp4, Map.of()));
    assertFalse(Files.exists(mp4));
    assertNoLeftovers(mp4);
  }

  /** The first column of ffprobe's csv output (frames may add empty columns for side data). */
  private static List<String> csvFirstColumn(String csv) {
    return csv.lines().map(l -> l.split(",", -1)[0].trim()).filter(l -> !l.isEmpty()).toList();
  }

  private static void assertNear(double expected, byte actual, String what) {
    int value = actual & 0xFF;
    assertTrue(Math.abs(value - expected) <= 2.0, what + ": expected " + expected + " ± 2, was " + value);
  }

  private static void assertNoLeftovers(Path output) {
    try (Stream<Path> files = Files.list(output.toAbsolutePath().getParent())) {
      List<Path> partial = files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
      assertTrue(partial.isEmpty(), "temporary files left: " + partial);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
