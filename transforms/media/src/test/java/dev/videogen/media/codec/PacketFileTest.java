package dev.videogen.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_LAYOUT_STEREO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_from_mask;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketFileTest {
  @TempDir Path dir;

  /** pts, dts, duration, key, size */
  static final long[][] PACKETS = {
    {0, -2, 1, 1, 300}, {3, -1, 1, 0, 17}, {1, 0, 1, 0, 0}, {2, 1, 1, 0, 5}, {AV_NOPTS_VALUE, 2, 0, 0, 70_000},
    {Long.MAX_VALUE - 1, Long.MAX_VALUE, 7, 1, 1},
  };

  private static AVCodecParameters videoParameters() {
    AVCodecParameters p = avcodec_parameters_alloc();
    p.codec_type(AVMEDIA_TYPE_VIDEO).codec_id(AV_CODEC_ID_H264).format(AV_PIX_FMT_YUV420P);
    p.width(64).height(36).profile(100).level(10).video_delay(2);
    p.sample_aspect_ratio().num(1).den(1);
    p.framerate().num(30000).den(1001);
    p.color_primaries(AVCOL_PRI_BT709).color_range(AVCOL_RANGE_MPEG);
    byte[] extradata = {0, 0, 0, 1, 0x67, 0x64, 0, 0x0a, 0, 0, 0, 1, 0x68, (byte) 0xee};
    BytePointer memory = new BytePointer(av_mallocz(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE));
    memory.put(extradata);
    p.extradata(memory).extradata_size(extradata.length);
    return p;
  }

  private static byte[] payload(int index, int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) (index * 31 + i * 7);
    }
    return data;
  }

  private Path writeVideo() {
    Path file = dir.resolve("video.vgp");
    AVCodecParameters parameters = videoParameters();
    AVPacket packet = av_packet_alloc();
    try (AVRational timeBase = new AVRational().num(1001).den(30000);
        PacketFile.Writer writer = new PacketFile.Writer(file, parameters, timeBase)) {
      for (int i = 0; i < PACKETS.length; i++) {
        long[] p = PACKETS[i];
        FFmpegException.check("av_new_packet()", av_new_packet(packet, (int) p[4]));
        if (p[4] > 0) {
          packet.data().put(payload(i, (int) p[4]));
        }
        packet.pts(p[0]).dts(p[1]).duration(p[2]).flags(p[3] == 1 ? AV_PKT_FLAG_KEY : 0);
        writer.write(packet);
        av_packet_unref(packet);
      }
      assertEquals(PACKETS.length, writer.packets());
    } finally {
      av_packet_free(packet);
      avcodec_parameters_free(parameters);
    }
    return file;
  }

  @Test
  void videoParametersAndPacketsRoundTripExactly() {
    Path file = writeVideo();
    AVCodecParameters original = videoParameters();
    AVPacket packet = av_packet_alloc();
    try (PacketFile.Reader reader = new PacketFile.Reader(file)) {
      assertEquals(1001, reader.timeBase().num());
      assertEquals(30000, reader.timeBase().den());
      assertArrayEquals(PacketFile.serializeParameters(original), reader.parameterBytes());
      AVCodecParameters p = reader.parameters();
      assertEquals(AV_CODEC_ID_H264, p.codec_id());
      assertEquals(64, p.width());
      assertEquals(30000, p.framerate().num());
      assertEquals(1001, p.framerate().den());
      assertEquals(2, p.video_delay());
      byte[] extradata = new byte[p.extradata_size()];
      p.extradata().get(extradata);
      assertEquals(0x67, extradata[4]);
      for (int i = 0; i < PACKETS.length; i++) {
        assertTrue(reader.read(packet), "packet " + i);
        long[] expected = PACKETS[i];
        assertEquals(expected[0], packet.pts());
        assertEquals(expected[1], packet.dts());
        assertEquals(expected[2], packet.duration());
        assertEquals(expected[3] == 1, (packet.flags() & AV_PKT_FLAG_KEY) != 0);
        assertEquals(expected[4], packet.size());
        byte[] data = new byte[packet.size()];
        if (data.length > 0) {
          packet.data().get(data);
        }
        assertArrayEquals(payload(i, (int) expected[4]), data);
        av_packet_unref(packet);
      }
      assertFalse(reader.read(packet), "clean end");
      assertFalse(reader.read(packet), "still at the end");
    } finally {
      av_packet_free(packet);
      avcodec_parameters_free(original);
    }
  }

  @Test
  void skipReadsHeadersOnly() {
    Path file = writeVideo();
    try (PacketFile.Reader reader = new PacketFile.Reader(file)) {
      for (long[] expected : PACKETS) {
        PacketFile.PacketInfo info = reader.skip();
        assertEquals(new PacketFile.PacketInfo(expected[0], expected[1], expected[2], expected[3] == 1,
            (int) expected[4]), info);
      }
      assertNull(reader.skip());
    }
  }

  @Test
  void audioChannelLayoutRoundTrips() {
    Path file = dir.resolve("audio.vgp");
    AVCodecParameters parameters = avcodec_parameters_alloc();
    parameters.codec_type(AVMEDIA_TYPE_AUDIO).codec_id(AV_CODEC_ID_AAC).format(AV_SAMPLE_FMT_FLTP);
    parameters.sample_rate(48_000).frame_size(1024).initial_padding(1024).profile(1);
    av_channel_layout_from_mask(parameters.ch_layout(), AV_CH_LAYOUT_STEREO);
    try (AVRational timeBase = new AVRational().num(1).den(48_000)) {
      new PacketFile.Writer(file, parameters, timeBase).close();
    }
    try (PacketFile.Reader reader = new PacketFile.Reader(file)) {
      assertArrayEquals(PacketFile.serializeParameters(parameters), reader.parameterBytes());
      assertEquals(2, reader.parameters().ch_layout().nb_channels());
      assertEquals(AV_CH_LAYOUT_STEREO, reader.parameters().ch_layout().u_mask());
      assertEquals(1024, reader.parameters().initial_padding());
      assertEquals(0, reader.parameters().extradata_size());
      assertNull(reader.skip(), "no packets");
    } finally {
      avcodec_parameters_free(parameters);
    }
  }

  @Test
  void aFileCutInsideAPacketIsAnErrorNotAnEnd() throws IOException {
    Path file = writeVideo();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
    AVPacket packet = av_packet_alloc();
    try (PacketFile.Reader reader = new PacketFile.Reader(file)) {
      for (int i = 0; i < PACKETS.length - 1; i++) {
        assertTrue(reader.read(packet));
        av_packet_unref(packet);
      }
      assertThrows(UncheckedIOException.class, () -> reader.read(packet));
    } finally {
      av_packet_free(packet);
    }
    try (PacketFile.Reader reader = new PacketFile.Reader(file)) {
      for (int i = 0; i < PACKETS.length - 1; i++) {
        reader.skip();
      }
      assertThrows(UncheckedIOException.class, reader::skip);
    }
  }

  @Test
  void notAPacketFileIsRefusedAndCloseIsRepeatable() throws IOException {
    Path file = dir.resolve("other.bin");
    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new PacketFile.Reader(file));
    assertTrue(e.getMessage().contains("not a videogen packet file"), e.getMessage());
    assertThrows(UncheckedIOException.class, () -> new PacketFile.Reader(dir.resolve("missing.vgp")));

    Path header = writeVideo();
    byte[] bytes = Files.readAllBytes(header);
    Files.write(file, Arrays.copyOf(bytes, 20)); // cut inside the codec parameters
    assertThrows(UncheckedIOException.class, () -> new PacketFile.Reader(file));

    PacketFile.Reader reader = new PacketFile.Reader(header);
    reader.close();
    reader.close();
  }
}
