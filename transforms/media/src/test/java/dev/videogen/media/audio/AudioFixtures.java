package dev.videogen.media.audio;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.PacketFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import dev.videogen.testing.BundledPrograms;

/** Test fixtures: WAV files written in Java, others made by the bundled ffmpeg program. */
final class AudioFixtures {
  private AudioFixtures() {}

  /** The value of sample {@code index} of channel {@code channel}, in 16-bit units. */
  interface Signal {
    int at(long index, int channel);
  }

  static Signal constant(int... perChannel) {
    return (index, channel) -> perChannel[channel % perChannel.length];
  }

  static Signal sine(double hz, int rate, int amplitude) {
    return (index, channel) -> (int) Math.round(amplitude * Math.sin(2 * Math.PI * hz * index / rate));
  }

  /** Writes a 16-bit PCM WAV (format tag 1, so channels above 2 have no channel mask). */
  static Path wav(Path file, int rate, int channels, long frames, Signal signal) {
    return wav(file, rate, channels, frames, signal, 1);
  }

  static Path wav(Path file, int rate, int channels, long frames, Signal signal, int formatTag) {
    int blockAlign = channels * 2;
    long dataSize = frames * blockAlign;
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataSize));
    header.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    header.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    header.putShort((short) formatTag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign);
    header.putShort((short) blockAlign).putShort((short) 16);
    header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataSize);
    ByteBuffer data = ByteBuffer.allocate((int) dataSize).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++) {
        data.putShort((short) Math.max(-32768, Math.min(32767, signal.at(i, c))));
      }
    }
    try {
      Files.write(file, concat(header.array(), data.array()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = new byte[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  static Path ffmpegProgram() {
    return Path.of(BundledPrograms.ffmpeg());
  }

  static Path ffprobeProgram() {
    return Path.of(BundledPrograms.ffprobe());
  }

  /** Runs the bundled ffmpeg with {@code -y -hide_banner -loglevel error} and the arguments. */
  static void ffmpeg(String... arguments) {
    List<String> command = new ArrayList<>(List.of(ffmpegProgram().toString(), "-y", "-hide_banner", "-nostdin",
        "-loglevel", "error"));
    command.addAll(List.of(arguments));
    run(command);
  }

  /** Runs the bundled ffprobe and returns its standard output. */
  static String ffprobe(String... arguments) {
    List<String> command = new ArrayList<>(List.of(ffprobeProgram().toString(), "-hide_banner", "-loglevel", "error"));
    command.addAll(List.of(arguments));
    return new String(run(command), StandardCharsets.UTF_8);
  }

  /** Samples per channel that the ffmpeg program decodes from {@code file} (as 32-bit float, native layout). */
  static long ffmpegDecodedSamples(Path file, int channels) {
    List<String> command = new ArrayList<>(List.of(ffmpegProgram().toString(), "-hide_banner", "-nostdin",
        "-loglevel", "error", "-i", file.toString(), "-f", "f32le", "-"));
    return run(command).length / (4L * channels);
  }

  private static byte[] run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      Thread errorReader = new Thread(() -> copy(process.getErrorStream(), errors));
      errorReader.start();
      byte[] output = process.getInputStream().readAllBytes();
      int exit = process.waitFor();
      errorReader.join();
      assertEquals(0, exit, () -> String.join(" ", command) + " failed: " + errors.toString(StandardCharsets.UTF_8));
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the exit code tells
    }
  }

  /** Reads all of a track: left and right arrays of exactly {@code totalSamples}. */
  static float[][] readAll(List<AudioClip> clips, long totalSamples) {
    float[] left = new float[(int) totalSamples];
    float[] right = new float[(int) totalSamples];
    try (PcmTrack track = new PcmTrack(clips, totalSamples)) {
      int offset = 0;
      while (offset < totalSamples) {
        // Odd chunk sizes, so clip boundaries and cuts fall inside reads; a read always fills what it may.
        int wanted = (int) Math.min(777, totalSamples - offset);
        assertEquals(wanted, track.read(left, right, offset, wanted));
        offset += wanted;
      }
      assertEquals(totalSamples, track.position());
      assertEquals(-1, track.read(new float[1], new float[1], 0, 1));
    }
    return new float[][] {left, right};
  }

  /** A packet file's stream, decoded. */
  record DecodedPacketFile(
      int codecId, int sampleRate, int channels, int initialPadding, int extradataSize, long bitRate, int profile,
      int timeBaseNum, int timeBaseDen, List<long[]> packets, float[] left, float[] right) {}

  /** Decodes an AAC packet file with FFmpeg's aac decoder; packets as {pts, dts, duration}. */
  static DecodedPacketFile decodePacketFile(Path file) {
    AVCodecContext decoder = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try (PacketFile.Reader reader = new PacketFile.Reader(file)) {
      AVCodec codec = avcodec_find_decoder(reader.parameters().codec_id());
      decoder = avcodec_alloc_context3(codec);
      FFmpegException.check("avcodec_parameters_to_context()",
          avcodec_parameters_to_context(decoder, reader.parameters()));
      decoder.pkt_timebase(reader.timeBase());
      FFmpegException.check("avcodec_open2()", avcodec_open2(decoder, codec, (AVDictionary) null));
      List<long[]> packets = new ArrayList<>();
      FloatCollector left = new FloatCollector();
      FloatCollector right = new FloatCollector();
      boolean more = true;
      while (more) {
        if (reader.read(packet)) {
          packets.add(new long[] {packet.pts(), packet.dts(), packet.duration()});
          FFmpegException.check("avcodec_send_packet()", avcodec_send_packet(decoder, packet));
          av_packet_unref(packet);
        } else {
          FFmpegException.check("avcodec_send_packet(flush)", avcodec_send_packet(decoder, null));
          more = false;
        }
        int ret;
        while ((ret = avcodec_receive_frame(decoder, frame)) >= 0) {
          assertEquals(AV_SAMPLE_FMT_FLTP, frame.format());
          left.add(new FloatPointer(frame.extended_data(0)), frame.nb_samples());
          right.add(new FloatPointer(frame.extended_data(1)), frame.nb_samples());
        }
        if (ret != AudioInput.AVERROR_EAGAIN && ret != AVERROR_EOF()) {
          FFmpegException.check("avcodec_receive_frame()", ret);
        }
      }
      var p = reader.parameters();
      return new DecodedPacketFile(p.codec_id(), p.sample_rate(), p.ch_layout().nb_channels(), p.initial_padding(),
          p.extradata_size(), p.bit_rate(), p.profile(), reader.timeBase().num(), reader.timeBase().den(), packets,
          left.toArray(), right.toArray());
    } finally {
      if (decoder != null) {
        avcodec_free_context(decoder);
      }
      av_frame_free(frame);
      av_packet_free(packet);
    }
  }

  private static final class FloatCollector {
    private float[] values = new float[1 << 16];
    private int size;

    void add(FloatPointer pointer, int count) {
      if (size + count > values.length) {
        values = java.util.Arrays.copyOf(values, Math.max(size + count, values.length * 2));
      }
      pointer.get(values, size, count);
      size += count;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }

  /** Root mean square of {@code values[from, to)}. */
  static double rms(float[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i] * (double) values[i];
    }
    return Math.sqrt(sum / (to - from));
  }
}
