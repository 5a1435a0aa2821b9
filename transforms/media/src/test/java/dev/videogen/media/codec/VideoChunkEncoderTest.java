package dev.videogen.media.codec;

import dev.videogen.testing.AssembleInOrder;
import static dev.videogen.media.codec.MediaTestSupport.encodeChunk;
import static dev.videogen.media.codec.MediaTestSupport.flat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AVCHROMA_LOC_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.FrameRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoChunkEncoderTest {
  static final VideoEncoderSettings SETTINGS =
      new VideoEncoderSettings(64, 36, new FrameRate(12, 1), 18, "veryfast", 2, 48);

  @TempDir Path dir;

  @Test
  void settingsAreValidated() {
    FrameRate fps = new FrameRate(30, 1);
    assertDoesNotThrow(() -> new VideoEncoderSettings(64, 36, fps, 51, "medium", 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(63, 36, fps, 18, "medium", 1, 60));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(64, 35, fps, 18, "medium", 1, 60));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(0, 36, fps, 18, "medium", 1, 60));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(64, 36, fps, 52, "medium", 1, 60));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(64, 36, fps, -1, "medium", 1, 60));
    IllegalArgumentException lossless = assertThrows(IllegalArgumentException.class,
        () -> new VideoEncoderSettings(64, 36, fps, 0, "medium", 1, 60));
    assertTrue(lossless.getMessage().contains("High profile"), lossless.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(64, 36, fps, 18, "quick", 1, 60));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(64, 36, fps, 18, null, 1, 60));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(64, 36, fps, 18, "medium", 0, 60));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(64, 36, fps, 18, "medium", 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new VideoEncoderSettings(64, 36, null, 18, "medium", 1, 60));
  }

  @Test
  void chunkSitsOnTheGlobalFrameGridWithHighProfileBt709GlobalHeader() {
    Path chunk = dir.resolve("chunk.vgp");
    assertEquals(5, encodeChunk(SETTINGS, chunk, 7, 5));

    try (PacketFile.Reader reader = new PacketFile.Reader(chunk)) {
      assertEquals(1, reader.timeBase().num());
      assertEquals(12, reader.timeBase().den());
      AVCodecParameters p = reader.parameters();
      assertEquals(AVMEDIA_TYPE_VIDEO, p.codec_type());
      assertEquals(AV_CODEC_ID_H264, p.codec_id());
      assertEquals(AV_PROFILE_H264_HIGH, p.profile());
      assertEquals(AV_PIX_FMT_YUV420P, p.format());
      assertEquals(64, p.width());
      assertEquals(36, p.height());
      assertEquals(AVCOL_PRI_BT709, p.color_primaries());
      assertEquals(AVCOL_TRC_BT709, p.color_trc());
      assertEquals(AVCOL_SPC_BT709, p.color_space());
      assertEquals(AVCOL_RANGE_MPEG, p.color_range());
      assertEquals(AVCHROMA_LOC_LEFT, p.chroma_location());
      assertEquals(12, p.framerate().num());
      assertEquals(1, p.framerate().den());
      assertTrue(p.extradata_size() > 8, "SPS/PPS in extradata");

      List<Long> pts = new ArrayList<>();
      AVPacket packet = av_packet_alloc();
      try {
        boolean first = true;
        long lastDts = Long.MIN_VALUE;
        while (reader.read(packet)) {
          if (first) {
            assertEquals(7, packet.pts(), "an IDR frame at the chunk's first frame comes first");
            assertTrue((packet.flags() & org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY) != 0);
            first = false;
          }
          assertTrue(packet.dts() > lastDts, "dts increases");
          assertTrue(packet.pts() >= packet.dts(), "pts >= dts");
          assertEquals(1, packet.duration());
          lastDts = packet.dts();
          pts.add(packet.pts());
          av_packet_unref(packet);
        }
      } finally {
        av_packet_free(packet);
      }
      assertEquals(List.of(7L, 8L, 9L, 10L, 11L), new ArrayList<>(new TreeSet<>(pts)));
    }
  }

  @Test
  void sameSettingsGiveIdenticalCodecParametersAcrossChunks() {
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(SETTINGS, a, 0, 7);
    encodeChunk(SETTINGS, b, 7, 5);
    try (PacketFile.Reader ra = new PacketFile.Reader(a); PacketFile.Reader rb = new PacketFile.Reader(b)) {
      assertArrayEquals(ra.parameterBytes(), rb.parameterBytes());
      byte[] extradata = new byte[ra.parameters().extradata_size()];
      ra.parameters().extradata().get(extradata);
      byte[] other = new byte[rb.parameters().extradata_size()];
      rb.parameters().extradata().get(other);
      assertArrayEquals(extradata, other, "SPS/PPS identical");
    }
  }

  @Test
  void encodingIsDeterministic() throws IOException {
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(SETTINGS, a, 3, 9);
    encodeChunk(SETTINGS, b, 3, 9);
    assertEquals(-1, Files.mismatch(a, b), "byte-identical packet files");
  }

  @Test
  void closeAfterAFailureHalfWayFreesEverythingAndMayBeRepeated() {
    Path chunk = dir.resolve("chunk.vgp");
    VideoChunkEncoder encoder = new VideoChunkEncoder(SETTINGS, chunk, 0);
    try (BgrFrames frames = new BgrFrames(64, 36);
        Mat good = flat(64, 36, new int[] {10, 20, 30});
        Mat wrongSize = flat(66, 36, new int[] {10, 20, 30});
        Mat wrongType = new Mat(36, 64, CV_8UC1, new Scalar(7.0))) {
      frames.encode(encoder, good);
      frames.encode(encoder, good);
      // The render fails half way (here: a frame of the wrong size); its owner closes the encoder.
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frames.encode(encoder, wrongSize));
      assertTrue(e.getMessage().contains("64x36") && e.getMessage().contains("66x36"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> frames.encode(encoder, wrongType));
      assertEquals(2, encoder.frames());
      encoder.close();
      encoder.close();
      assertThrows(IllegalStateException.class, encoder::finish);
      assertThrows(IllegalStateException.class, encoder::framePlanes);
      assertThrows(IllegalStateException.class, encoder::encodeFrame);
    }
  }

  @Test
  void framesDrawnIntoTheEncodersOwnPlanesComeOutAsDrawn() {
    // Y, Cb, Cr written straight into the encoder's frame buffers (no conversion), as the renderer does.
    Path chunk = dir.resolve("planes.vgp");
    int[][] yuv = {{81, 90, 240}, {145, 54, 34}, {41, 240, 110}};
    try (VideoChunkEncoder encoder = new VideoChunkEncoder(SETTINGS, chunk, 0)) {
      for (int[] colour : yuv) {
        dev.videogen.media.render.YuvPlanes planes = encoder.framePlanes();
        assertEquals(64, planes.width());
        for (int y = 0; y < 36; y++) {
          for (int x = 0; x < 64; x++) {
            planes.y().put(y * planes.yStride() + x, (byte) colour[0]);
          }
        }
        for (int y = 0; y < 18; y++) {
          for (int x = 0; x < 32; x++) {
            planes.cb().put(y * planes.cbStride() + x, (byte) colour[1]);
            planes.cr().put(y * planes.crStride() + x, (byte) colour[2]);
          }
        }
        encoder.encodeFrame();
      }
      assertEquals(3, encoder.finish());
    }
    Path mp4 = dir.resolve("planes.mp4");
    AssembleInOrder.assemble(List.of(chunk), 3, null, mp4, null);
    byte[] raw = MediaTestSupport.run(List.of(MediaTestSupport.ffmpeg(), "-v", "error", "-i", mp4.toString(),
        "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"));
    int frameBytes = 64 * 36 * 3 / 2;
    assertEquals(3 * frameBytes, raw.length);
    for (int i = 0; i < 3; i++) {
      int base = i * frameBytes;
      assertEquals(yuv[i][0], raw[base + 18 * 64 + 32] & 0xff, 2, "Y of frame " + i);
      assertEquals(yuv[i][1], raw[base + 64 * 36 + 9 * 32 + 16] & 0xff, 2, "Cb of frame " + i);
      assertEquals(yuv[i][2], raw[base + 64 * 36 + 32 * 18 + 9 * 32 + 16] & 0xff, 2, "Cr of frame " + i);
    }
  }

  @Test
  void finishReturnsTheFramesAndClosesTheChunk() {
    Path chunk = dir.resolve("chunk.vgp");
    try (VideoChunkEncoder encoder = new VideoChunkEncoder(SETTINGS, chunk, 100);
        BgrFrames frames = new BgrFrames(64, 36);
        Mat frame = flat(64, 36, new int[] {1, 2, 3})) {
      for (int i = 0; i < 4; i++) {
        frames.encode(encoder, frame);
      }
      assertEquals(4, encoder.frames());
      assertEquals(4, encoder.finish());
      assertThrows(IllegalStateException.class, () -> frames.encode(encoder, frame));
    }
  }

  @Test
  void ntscTimeBaseIsTheExactInverseOfTheRate() {
    VideoEncoderSettings ntsc = new VideoEncoderSettings(64, 36, new FrameRate(30000, 1001), 20, "ultrafast", 1, 30);
    Path chunk = dir.resolve("ntsc.vgp");
    encodeChunk(ntsc, chunk, 0, 3);
    try (PacketFile.Reader reader = new PacketFile.Reader(chunk)) {
      assertEquals(1001, reader.timeBase().num());
      assertEquals(30000, reader.timeBase().den());
      assertEquals(30000, reader.parameters().framerate().num());
      assertEquals(1001, reader.parameters().framerate().den());
    }
  }
}
