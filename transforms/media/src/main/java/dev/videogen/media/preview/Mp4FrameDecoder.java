package dev.videogen.media.preview;

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
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.FFmpegLog;
import dev.videogen.media.render.YuvPlanes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Decodes single frames of a video videogen wrote (a local MP4, H.264 yuv420p, constant frame rate): frame
 * i is the one whose presentation time, counted from the stream's first, is i frame durations. Seeks to the
 * key frame at or before it and decodes forward. Owns the demuxer, the decoder, its packet and frame;
 * {@link #close()} frees them, and a failing constructor frees what it had allocated. Not thread-safe.
 */
public final class Mp4FrameDecoder implements AutoCloseable {
  /** AVERROR(EAGAIN) on Linux, the only platform whose natives this project ships. */
  private static final int AVERROR_EAGAIN = -11;

  private final Path file;
  private AVFormatContext format;
  private AVCodecContext decoder;
  private AVPacket packet;
  private AVFrame frame;
  private final int streamIndex;
  private final FrameRate fps;
  private final long firstPts;

  public Mp4FrameDecoder(Path file, FrameRate fps) {
    FFmpegLog.configure();
    this.file = file;
    this.fps = fps;
    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(options, "protocol_whitelist", "file", 0);
      av_dict_set(options, "format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2", 0);
      AVFormatContext context = new AVFormatContext(null);
      FFmpegException.check("avformat_open_input(" + file + ")",
          avformat_open_input(context, "file:" + file.toAbsolutePath(), null, options));
      format = context;
      FFmpegException.check("avformat_find_stream_info()", avformat_find_stream_info(format, (AVDictionary) null));
      streamIndex = FFmpegException.check("av_find_best_stream(video)",
          av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0));
      AVStream stream = format.streams(streamIndex);
      firstPts = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time();
      AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
      if (codec == null || codec.isNull()) {
        throw new IllegalStateException("no decoder for the video stream of " + file);
      }
      decoder = avcodec_alloc_context3(codec);
      if (decoder == null || decoder.isNull()) {
        throw new OutOfMemoryError("avcodec_alloc_context3()");
      }
      FFmpegException.check("avcodec_parameters_to_context()", avcodec_parameters_to_context(decoder, stream.codecpar()));
      decoder.pkt_timebase(stream.time_base());
      decoder.thread_count(1);
      FFmpegException.check("avcodec_open2()", avcodec_open2(decoder, codec, (AVDictionary) null));
      packet = av_packet_alloc();
      frame = av_frame_alloc();
      if (packet == null || frame == null) {
        throw new OutOfMemoryError("av_packet_alloc()/av_frame_alloc()");
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    } finally {
      av_dict_free(options);
    }
  }

  /** Decodes frame {@code index} into a copy of its planes (tight strides). */
  public YuvPlanes frame(long index) {
    AVStream stream = format.streams(streamIndex);
    try (AVRational perFrame = new AVRational().num(fps.den()).den(fps.num())) {
      long target = firstPts + av_rescale_q(index, perFrame, stream.time_base());
      FFmpegException.check("av_seek_frame()", av_seek_frame(format, streamIndex, target, AVSEEK_FLAG_BACKWARD));
      org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers(decoder);
      boolean flushed = false;
      while (true) {
        int ret = avcodec_receive_frame(decoder, frame);
        if (ret == 0) {
          long pts = frame.best_effort_timestamp();
          long shown = av_rescale_q(pts - firstPts, stream.time_base(), perFrame);
          if (shown == index) {
            return copy(frame);
          }
          if (shown > index) {
            throw new IllegalStateException(file + " has no frame " + index + " (the next is " + shown + ")");
          }
          continue;
        }
        if (ret == AVERROR_EOF) {
          throw new IllegalStateException(file + " ends before frame " + index);
        }
        if (ret != AVERROR_EAGAIN) {
          FFmpegException.check("avcodec_receive_frame()", ret);
        }
        if (flushed) {
          throw new IllegalStateException("the decoder wants input after the flush");
        }
        flushed = feed();
      }
    }
  }

  /** Sends the next packet of the video stream to the decoder; true when it sent the final flush instead. */
  private boolean feed() {
    while (true) {
      int ret = av_read_frame(format, packet);
      if (ret == AVERROR_EOF) {
        FFmpegException.check("avcodec_send_packet(flush)", avcodec_send_packet(decoder, null));
        return true;
      }
      FFmpegException.check("av_read_frame()", ret);
      try {
        if (packet.stream_index() == streamIndex) {
          FFmpegException.check("avcodec_send_packet()", avcodec_send_packet(decoder, packet));
          return false;
        }
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  private YuvPlanes copy(AVFrame decoded) {
    if (decoded.format() != AV_PIX_FMT_YUV420P) {
      throw new IllegalStateException(file + " is not yuv420p (pixel format " + decoded.format() + ")");
    }
    YuvPlanes planes = YuvPlanes.allocate(decoded.width(), decoded.height());
    copyPlane(decoded, 0, planes.y(), planes.width(), planes.height());
    copyPlane(decoded, 1, planes.cb(), planes.chromaWidth(), planes.chromaHeight());
    copyPlane(decoded, 2, planes.cr(), planes.chromaWidth(), planes.chromaHeight());
    return planes;
  }

  private static void copyPlane(AVFrame decoded, int plane, ByteBuffer into, int width, int height) {
    int stride = decoded.linesize(plane);
    ByteBuffer source = decoded.data(plane).capacity((long) stride * height).asByteBuffer();
    byte[] row = new byte[width];
    for (int r = 0; r < height; r++) {
      source.position(r * stride);
      source.get(row);
      into.put(r * width, row);
    }
  }

  @Override
  public void close() {
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (decoder != null) {
      avcodec_free_context(decoder);
      decoder = null;
    }
    if (format != null) {
      avformat_close_input(format);
      format = null;
    }
  }
}
