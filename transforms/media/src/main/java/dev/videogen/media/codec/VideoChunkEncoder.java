package dev.videogen.media.codec;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_CLOSED_GOP;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCHROMA_LOC_LEFT;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import dev.videogen.media.render.YuvPlanes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Encodes one chunk (a contiguous range of the global frame grid) with libx264 into a {@link PacketFile}.
 *
 * <p>Every chunk gets a fresh encoder, so it starts with an IDR frame and its GOPs are closed; the SPS/PPS
 * live in the extradata (global header), which is identical for every chunk encoded with equal settings, so
 * the assembler can join chunks by packet copy. Frame {@code i} of the chunk has pts {@code firstFrame + i}
 * in the time base {@code 1/fps}; the pipeline passes 0, so a chunk file does not depend on where it sits and
 * the assembler places it (one file can fill several positions).
 *
 * <p>The renderer draws BT.709 limited-range yuv420p straight into the encoder's own frame buffers
 * ({@link #framePlanes()}, then {@link #encodeFrame()}): no conversion, no copy. The stream is tagged BT.709
 * (chroma sited "left", as H.264 expects by default) in the codec context and so in the SPS VUI. The output is deterministic: equal frames and settings give a
 * byte-identical packet file (x264's thread count is fixed by the settings, never taken from the machine).
 *
 * <p>Not thread-safe. Owns its natives; {@link #close()} frees them whether or not {@link #finish()} ran.
 */
public final class VideoChunkEncoder implements AutoCloseable {
  private static final String ENCODER = "libx264";
  /** Lookahead threads for x264, fixed so that the output never depends on the machine. */
  static final int LOOKAHEAD_THREADS = 1;

  private final VideoEncoderSettings settings;
  private final Path packetFile;
  private final long firstFrame;

  private AVCodecContext context;
  private AVFrame frame;
  private AVPacket packet;
  private PacketFile.Writer writer;
  private YuvPlanes planes;
  private final long[] planeAddresses = new long[3];

  private long framesIn;
  private long packetsOut;
  private boolean finished;
  private boolean failed;

  /** Encodes frames [firstFrame, …) of the global frame grid into a PacketFile at packetFile. */
  public VideoChunkEncoder(VideoEncoderSettings settings, Path packetFile, long firstFrame) {
    FFmpegLog.configure();
    if (settings == null || packetFile == null) {
      throw new IllegalArgumentException("settings and packetFile are required");
    }
    if (firstFrame < 0) {
      throw new IllegalArgumentException("firstFrame must not be negative, was " + firstFrame);
    }
    this.settings = settings;
    this.packetFile = packetFile;
    this.firstFrame = firstFrame;
    try {
      openEncoder();
      openWriter();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void openEncoder() {
    AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
    if (codec == null || codec.isNull()) {
      throw new IllegalStateException("this FFmpeg build has no " + ENCODER + " encoder");
    }
    context = FFmpegException.notNull(avcodec_alloc_context3(codec), "avcodec_alloc_context3()");
    int width = settings.width();
    int height = settings.height();
    context.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P);
    context.sample_aspect_ratio().num(1).den(1);
    // time base = 1/fps exactly: den/num (1001/30000 for NTSC 29.97).
    context.time_base().num(settings.fps().den()).den(settings.fps().num());
    context.framerate().num(settings.fps().num()).den(settings.fps().den());
    context.gop_size(settings.keyframeInterval());
    context.thread_count(settings.threads());
    context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_CLOSED_GOP);
    context.color_primaries(AVCOL_PRI_BT709);
    context.color_trc(AVCOL_TRC_BT709);
    context.colorspace(AVCOL_SPC_BT709);
    context.color_range(AVCOL_RANGE_MPEG);
    context.chroma_sample_location(AVCHROMA_LOC_LEFT);
    context.profile(AV_PROFILE_H264_HIGH); // also recorded in the codec parameters

    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(options, "profile", "high", 0);
      av_dict_set(options, "preset", settings.preset(), 0);
      av_dict_set(options, "crf", Integer.toString(settings.crf()), 0);
      // x264's output depends on how many threads it uses: frame threads come from thread_count above,
      // lookahead threads are pinned here, sliced threads are off; deterministic mode is x264's default.
      // "profile high" only caps the profile: x264 signals the lowest one its tools need, so the 8x8
      // transform is forced on (ultrafast turns it off) to make every preset's stream High profile.
      av_dict_set(options, "x264-params",
          "lookahead-threads=" + LOOKAHEAD_THREADS + ":sliced-threads=0:open-gop=0:8x8dct=1"
              // Same bytes on every CPU model; also works around a SIMD lookahead routine of this libx264
              // build reading uninitialised memory (veryfast output varied between runs on AVX-512).
              + ":cpu-independent=1", 0);
      FFmpegException.check("avcodec_open2(" + ENCODER + ")", avcodec_open2(context, codec, options));
    } finally {
      av_dict_free(options);
    }
    if (context.extradata() == null || context.extradata_size() <= 0) {
      throw new IllegalStateException(ENCODER + " produced no global header (SPS/PPS)");
    }

    frame = FFmpegException.notNull(av_frame_alloc(), "av_frame_alloc()");
    frame.format(AV_PIX_FMT_YUV420P).width(width).height(height);
    frame.color_primaries(AVCOL_PRI_BT709).color_trc(AVCOL_TRC_BT709).colorspace(AVCOL_SPC_BT709);
    frame.color_range(AVCOL_RANGE_MPEG).chroma_location(AVCHROMA_LOC_LEFT);
    FFmpegException.check("av_frame_get_buffer()", av_frame_get_buffer(frame, 0));
    packet = FFmpegException.notNull(av_packet_alloc(), "av_packet_alloc()");
  }

  private void openWriter() {
    AVCodecParameters parameters = FFmpegException.notNull(avcodec_parameters_alloc(), "avcodec_parameters_alloc()");
    try {
      FFmpegException.check("avcodec_parameters_from_context()",
          avcodec_parameters_from_context(parameters, context));
      writer = new PacketFile.Writer(packetFile, parameters, context.time_base());
    } finally {
      avcodec_parameters_free(parameters);
    }
  }

  /**
   * The encoder's own frame buffers, writable, for the next frame: draw into them (no copy, no conversion),
   * then call {@link #encodeFrame()}. The views stay valid until then.
   */
  public YuvPlanes framePlanes() {
    ensureOpen();
    try {
      // libx264 copies a frame's pixels while encoding it, so the buffer is normally writable already.
      FFmpegException.check("av_frame_make_writable()", av_frame_make_writable(frame));
      if (planes == null || planeAddresses[0] != frame.data(0).address() || planeAddresses[1] != frame.data(1).address()
          || planeAddresses[2] != frame.data(2).address()) {
        int width = settings.width();
        int height = settings.height();
        int chromaHeight = (height + 1) / 2;
        planes = new YuvPlanes(width, height, view(0, height), frame.linesize(0), view(1, chromaHeight),
            frame.linesize(1), view(2, chromaHeight), frame.linesize(2));
        for (int i = 0; i < 3; i++) {
          planeAddresses[i] = frame.data(i).address();
        }
      }
      return planes;
    } catch (RuntimeException | Error e) {
      failed = true;
      throw e;
    }
  }

  private ByteBuffer view(int plane, int rows) {
    long size = (long) frame.linesize(plane) * rows;
    org.bytedeco.javacpp.BytePointer data = frame.data(plane);
    return data.capacity(size).limit(size).asByteBuffer();
  }

  /** This encoder as a renderer's frame sink: frames are drawn into its buffers and encoded as they come. */
  public dev.videogen.media.render.FrameSink asSink() {
    return new dev.videogen.media.render.FrameSink() {
      @Override
      public YuvPlanes frame() {
        return framePlanes();
      }

      @Override
      public void accept(long frameIndex) {
        encodeFrame();
      }
    };
  }

  /** Encodes the frame drawn into {@link #framePlanes()}. */
  public void encodeFrame() {
    ensureOpen();
    try {
      send();
    } catch (RuntimeException | Error e) {
      failed = true;
      throw e;
    }
  }

  private void send() {
    long pts = firstFrame + framesIn;
    frame.pts(pts);
    frame.duration(1);
    FFmpegException.check("avcodec_send_frame()", avcodec_send_frame(context, frame));
    framesIn++;
    drain();
  }

  /** Flushes the encoder, closes the file; returns the number of frames written. */
  public long finish() {
    ensureOpen();
    try {
      FFmpegException.check("avcodec_send_frame(flush)", avcodec_send_frame(context, null));
      drain();
      if (packetsOut != framesIn) {
        throw new IllegalStateException(ENCODER + " wrote " + packetsOut + " packets for " + framesIn
            + " frames into " + packetFile);
      }
      writer.close();
      writer = null;
      finished = true;
      return packetsOut;
    } catch (RuntimeException | Error e) {
      failed = true;
      throw e;
    }
  }

  /** Frames encoded so far. */
  public long frames() {
    return framesIn;
  }

  private void drain() {
    while (true) {
      int ret = avcodec_receive_packet(context, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      FFmpegException.check("avcodec_receive_packet()", ret);
      try {
        if (packet.duration() <= 0) {
          packet.duration(1); // constant frame rate: every frame lasts one tick of 1/fps
        }
        writer.write(packet);
        packetsOut++;
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  private void ensureOpen() {
    if (finished) {
      throw new IllegalStateException("chunk " + packetFile + " is already finished");
    }
    if (failed) {
      throw new IllegalStateException("chunk " + packetFile + " failed earlier; close it");
    }
    if (context == null) {
      throw new IllegalStateException("chunk encoder for " + packetFile + " is closed");
    }
  }

  /**
   * Frees every native (codec context, frame, packet) and closes the packet file. Safe after a
   * failure half way and safe to call twice. A chunk that was not finished is incomplete: its file is left
   * for the caller to delete or overwrite.
   */
  @Override
  public void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (RuntimeException ignored) {
        // the chunk is incomplete anyway; freeing the natives matters more
      }
      writer = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    planes = null;
    if (context != null) {
      avcodec_free_context(context);
      context = null;
    }
  }
}
