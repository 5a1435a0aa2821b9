package dev.videogen.media.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_BITEXACT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_AAC_LOW;
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
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.PacketFile;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One FFmpeg native {@code aac} encoder (AAC-LC, 48 kHz stereo, 192 kb/s, single-threaded, bit-exact) with its
 * frame and packet: planar float samples in, packets out to a consumer. The owner closes it.
 */
final class AacEncoder implements AutoCloseable {
  /** Samples per channel in one AAC frame, and the encoder's priming (its {@code initial_padding}). */
  static final int FRAME = 1024;

  private AVCodecContext context;
  private AVFrame frame;
  private AVPacket packet;

  AacEncoder() {
    try {
      context = open();
      frame = av_frame_alloc();
      packet = av_packet_alloc();
      if (frame == null || packet == null) {
        throw new OutOfMemoryError("av_frame_alloc()/av_packet_alloc()");
      }
      if (context.frame_size() != FRAME || context.initial_padding() != FRAME) {
        throw new IllegalStateException("aac encoder frame " + context.frame_size() + ", priming "
            + context.initial_padding() + ": expected " + FRAME);
      }
      frame.nb_samples(FRAME);
      frame.format(AV_SAMPLE_FMT_FLTP);
      frame.sample_rate(AudioTrackEncoder.SAMPLE_RATE);
      FFmpegException.check("av_channel_layout_copy()", av_channel_layout_copy(frame.ch_layout(), context.ch_layout()));
      FFmpegException.check("av_frame_get_buffer()", av_frame_get_buffer(frame, 0));
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** Copies the stream's codec parameters (AudioSpecificConfig extradata and priming included) into {@code into}. */
  void parameters(AVCodecParameters into) {
    FFmpegException.check("avcodec_parameters_from_context()", avcodec_parameters_from_context(into, context));
  }

  /**
   * A new packet file for this encoder's stream: its codec parameters and time base 1/48000 (pts in samples).
   * The caller closes it.
   */
  PacketFile.Writer newPacketFile(Path file) {
    AVCodecParameters parameters = avcodec_parameters_alloc();
    if (parameters == null) {
      throw new OutOfMemoryError("avcodec_parameters_alloc()");
    }
    try (AVRational timeBase = new AVRational()) {
      parameters(parameters);
      timeBase.num(1).den(AudioTrackEncoder.SAMPLE_RATE);
      return new PacketFile.Writer(file, parameters, timeBase);
    } finally {
      avcodec_parameters_free(parameters);
    }
  }

  /**
   * Encodes {@code count} samples (at most {@link #FRAME}; fewer only for the track's last frame) from
   * {@code offset} of the two channels, with pts {@code pts} in samples; packets go to {@code out}, which
   * must not keep the {@link AVPacket} (it is unreferenced afterwards).
   */
  void encode(float[] left, float[] right, int offset, int count, long pts, Consumer<AVPacket> out) {
    // The encoder may still reference the previous buffer; this gives a private one if it does.
    FFmpegException.check("av_frame_make_writable()", av_frame_make_writable(frame));
    frame.nb_samples(count);
    try (FloatPointer l = new FloatPointer(frame.data(0)); FloatPointer r = new FloatPointer(frame.data(1))) {
      l.put(left, offset, count);
      r.put(right, offset, count);
    }
    frame.pts(pts);
    FFmpegException.check("avcodec_send_frame()", avcodec_send_frame(context, frame));
    drain(out);
  }

  /** Ends the stream: the packets the encoder still holds (the last frames and its delay) go to {@code out}. */
  void flush(Consumer<AVPacket> out) {
    FFmpegException.check("avcodec_send_frame(flush)", avcodec_send_frame(context, null));
    drain(out);
  }

  private void drain(Consumer<AVPacket> out) {
    while (true) {
      int ret = avcodec_receive_packet(context, packet);
      if (ret == AudioInput.AVERROR_EAGAIN || ret == AVERROR_EOF()) {
        return;
      }
      FFmpegException.check("avcodec_receive_packet()", ret);
      try {
        out.accept(packet);
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (context != null) {
      avcodec_free_context(context);
      context = null;
    }
  }

  private static AVCodecContext open() {
    AVCodec codec = avcodec_find_encoder_by_name("aac");
    if (codec == null || codec.isNull()) {
      throw new IllegalStateException("FFmpeg has no native aac encoder");
    }
    AVCodecContext encoder = avcodec_alloc_context3(codec);
    if (encoder == null) {
      throw new OutOfMemoryError("avcodec_alloc_context3()");
    }
    try {
      encoder.sample_fmt(AV_SAMPLE_FMT_FLTP);
      encoder.sample_rate(AudioTrackEncoder.SAMPLE_RATE);
      av_channel_layout_default(encoder.ch_layout(), AudioTrackEncoder.CHANNELS);
      encoder.bit_rate(AudioTrackEncoder.BIT_RATE);
      encoder.profile(AV_PROFILE_AAC_LOW);
      encoder.time_base().num(1).den(AudioTrackEncoder.SAMPLE_RATE);
      encoder.thread_count(1);
      // Global header: the AudioSpecificConfig goes to extradata (MP4 needs it), not into every packet.
      encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_BITEXACT);
      FFmpegException.check("avcodec_open2()", avcodec_open2(encoder, codec, (AVDictionary) null));
      return encoder;
    } catch (RuntimeException | Error e) {
      avcodec_free_context(encoder);
      throw e;
    }
  }
}
