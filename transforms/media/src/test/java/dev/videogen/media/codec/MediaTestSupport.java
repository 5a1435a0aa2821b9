package dev.videogen.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Test helpers: flat frames, chunk encoding, a small AAC packet file and the bundled ffmpeg programs. */
public final class MediaTestSupport {

  /** Flat test colours as BGR. */
  public static final int[][] COLOURS = {
    {0, 0, 255}, // red
    {0, 255, 0}, // green
    {255, 0, 0}, // blue
    {255, 255, 255}, // white
    {0, 0, 0}, // black
    {128, 128, 128}, // grey
    {40, 160, 220}, // orange-ish
  };

  static {
    // x264 reports every encoder's statistics at info level: keep the test output readable.
    org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING);
  }

  private MediaTestSupport() {}

  public static Mat flat(int width, int height, int[] bgr) {
    return new Mat(height, width, CV_8UC3, new Scalar(bgr[0], bgr[1], bgr[2], 0));
  }

  /** The colour of global frame {@code index}. */
  public static int[] colourOf(long index) {
    return COLOURS[(int) (index % COLOURS.length)];
  }

  /** Encodes global frames [first, first+count) in their {@link #colourOf} colours; returns frames written. */
  public static long encodeChunk(VideoEncoderSettings settings, Path file, long first, int count) {
    try (VideoChunkEncoder encoder = new VideoChunkEncoder(settings, file, first);
        BgrFrames frames = new BgrFrames(settings.width(), settings.height())) {
      for (long i = first; i < first + count; i++) {
        try (Mat frame = flat(settings.width(), settings.height(), colourOf(i))) {
          frames.encode(encoder, frame);
        }
      }
      return encoder.finish();
    }
  }

  /** BT.709 limited-range Y, Cb, Cr of a full-range 8-bit BGR colour, unrounded. */
  public static double[] bt709Limited(int[] bgr) {
    double r = bgr[2] / 255.0;
    double g = bgr[1] / 255.0;
    double b = bgr[0] / 255.0;
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    double cb = (b - y) / 1.8556;
    double cr = (r - y) / 1.5748;
    return new double[] {16 + 219 * y, 128 + 224 * cb, 128 + 224 * cr};
  }

  /**
   * Writes {@code seconds} of a 440 Hz sine, encoded with FFmpeg's native AAC encoder (LC, stereo, FLTP),
   * as a packet file: the audio stage's output format. Its first packet has pts −1024 (the priming).
   */
  public static long writeSineAac(Path file, int sampleRate, double seconds) {
    AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    AVCodecContext context = avcodec_alloc_context3(codec);
    AVFrame frame = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    AVCodecParameters parameters = avcodec_parameters_alloc();
    PacketFile.Writer writer = null;
    try {
      context.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(sampleRate).bit_rate(96_000);
      av_channel_layout_default(context.ch_layout(), 2);
      context.time_base().num(1).den(sampleRate);
      context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      FFmpegException.check("avcodec_open2(aac)", avcodec_open2(context, codec, (AVDictionary) null));
      FFmpegException.check("avcodec_parameters_from_context()",
          avcodec_parameters_from_context(parameters, context));
      writer = new PacketFile.Writer(file, parameters, context.time_base());

      int frameSize = context.frame_size();
      frame.format(AV_SAMPLE_FMT_FLTP).nb_samples(frameSize).sample_rate(sampleRate);
      FFmpegException.check("av_channel_layout_copy()", av_channel_layout_copy(frame.ch_layout(), context.ch_layout()));
      FFmpegException.check("av_frame_get_buffer()", av_frame_get_buffer(frame, 0));
      long total = Math.round(seconds * sampleRate);
      for (long offset = 0; offset < total; offset += frameSize) {
        int n = (int) Math.min(frameSize, total - offset);
        FFmpegException.check("av_frame_make_writable()", av_frame_make_writable(frame));
        frame.nb_samples(n);
        for (int channel = 0; channel < 2; channel++) {
          FloatPointer samples = new FloatPointer(frame.data(channel));
          for (int i = 0; i < n; i++) {
            samples.put(i, (float) (0.4 * Math.sin(2 * Math.PI * 440 * (offset + i) / sampleRate)));
          }
        }
        frame.pts(offset);
        FFmpegException.check("avcodec_send_frame()", avcodec_send_frame(context, frame));
        drain(context, packet, writer);
      }
      FFmpegException.check("avcodec_send_frame(flush)", avcodec_send_frame(context, null));
      drain(context, packet, writer);
      return writer.packets();
    } finally {
      if (writer != null) {
        writer.close();
      }
      avcodec_parameters_free(parameters);
      av_packet_free(packet);
      av_frame_free(frame);
      avcodec_free_context(context);
    }
  }

  private static void drain(AVCodecContext context, AVPacket packet, PacketFile.Writer writer) {
    while (true) {
      int ret = avcodec_receive_packet(context, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      FFmpegException.check("avcodec_receive_packet()", ret);
      writer.write(packet);
      av_packet_unref(packet);
    }
  }

  // ---- the bundled programs -------------------------------------------------------------------------

  public static String ffprobe() {
    return dev.videogen.testing.BundledPrograms.ffprobe();
  }

  public static String ffmpeg() {
    return dev.videogen.testing.BundledPrograms.ffmpeg();
  }

  /** Runs a program to its end; returns its standard output, or throws with its standard error. */
  public static byte[] run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> error = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] out = readAll(process.getInputStream());
      int code = process.waitFor();
      String err = new String(error.join(), StandardCharsets.UTF_8);
      if (code != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + code + ": " + err);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a program; returns standard output and standard error together, as text. */
  public static String runText(String... command) {
    List<String> merged = new ArrayList<>(List.of(command));
    try {
      Process process = new ProcessBuilder(merged).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String text = new String(readAll(process.getInputStream()), StandardCharsets.UTF_8);
      int code = process.waitFor();
      if (code != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + code + ": " + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** ffprobe's key=value output for one stream (e.g. "v:0") or the format ("format"), as a map. */
  public static Map<String, String> probeEntries(Path file, String streamOrFormat, String entries) {
    List<String> command = new ArrayList<>(List.of(ffprobe(), "-v", "error"));
    if (streamOrFormat.equals("format")) {
      command.addAll(List.of("-show_entries", "format=" + entries));
    } else {
      command.addAll(List.of("-select_streams", streamOrFormat, "-show_entries", "stream=" + entries));
    }
    command.addAll(List.of("-of", "default=noprint_wrappers=1", file.toString()));
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : new String(run(command), StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return values;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
