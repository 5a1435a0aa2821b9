package dev.videogen.media.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import dev.videogen.media.codec.FFmpegException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Decides whether two independently encoded AAC streams join without a flaw, by decoding across the seam.
 *
 * <p>Each AAC frame's MDCT overlaps the next by 1024 samples, and the two halves cancel each other's aliasing
 * only if both frames were coded with matching windows (long, short, start, stop). Two encoders that saw the
 * same samples around the seam should make the same choices there; where they did not, the 1024 samples after the seam
 * carry aliasing at the level of the signal itself, far above the coding noise at 192 kb/s. So the frames
 * after the seam are decoded twice, after the same two frames of the first stream: once continued by the
 * first stream's own (post-roll) frames, once by the second stream's, and both are compared with the input
 * ({@link SeamError#seamless()} says when a join is accepted).
 */
final class AacSeamCheck implements AutoCloseable {
  /** How much worse than the continuation a join may be at any SNR (rate control alone: up to ~2.6× seen). */
  static final double TOLERANCE = 4;
  /** A join worse than {@link #TOLERANCE} is still accepted while its SNR stays above this. */
  static final double MIN_SNR_DB = 10;
  /** Mean squared error allowed regardless: -80 dBFS RMS. */
  private static final double NOISE_FLOOR = 1e-8;

  private AVCodecParameters parameters = avcodec_parameters_alloc();
  private AVPacket packet = av_packet_alloc();
  private AVFrame frame = av_frame_alloc();

  /** For streams made by encoders configured as {@code encoder} (its AudioSpecificConfig is copied). */
  AacSeamCheck(AacEncoder encoder) {
    try {
      if (parameters == null || packet == null || frame == null) {
        throw new OutOfMemoryError("avcodec_parameters_alloc()/av_packet_alloc()/av_frame_alloc()");
      }
      encoder.parameters(parameters);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * Whether {@code before} (the first stream's last frames before the seam, at least two) followed by
   * {@code after} (the second stream's first frames) decodes as well as {@code before} followed by
   * {@code continuation} (the first stream's own frames past the seam, as many as {@code after}), measured
   * against the input samples from the seam on ({@code left}, {@code right}, up to {@code count}).
   */
  boolean seamless(List<AacPacket> before, List<AacPacket> after, List<AacPacket> continuation, float[] left,
      float[] right, int count) {
    return measure(before, after, continuation, left, right, count).seamless();
  }

  /**
   * Squared errors, summed over the samples after a seam, of the joined stream and of the first stream's own
   * continuation against the input, and the input's energy there.
   */
  record SeamError(double joined, double continued, double signal, int samples) {
    /**
     * Rate control alone makes the joined frames' error differ from the continuation's, either way (up to
     * 2.6× measured on SegmentedAacEncoderTest's music), so a seam fails only if it is both {@link #TOLERANCE} times
     * worse and coded at under {@link #MIN_SNR_DB} dB: aliasing from mismatched windows is at the level of
     * the signal (about 0 dB). Noise-like input that the coder replaces by synthetic noise (PNS) has a low
     * SNR either way, so the continuation stays the yardstick.
     */
    boolean seamless() {
      return joined <= NOISE_FLOOR * 2 * samples || joined <= TOLERANCE * continued
          || joined <= signal * Math.pow(10, -MIN_SNR_DB / 10);
    }
  }

  SeamError measure(List<AacPacket> before, List<AacPacket> after, List<AacPacket> continuation, float[] left,
      float[] right, int count) {
    if (before.size() < 2 || after.isEmpty() || after.size() != continuation.size()) {
      throw new IllegalArgumentException("seam check needs 2 frames before and as many after as in the continuation: "
          + before.size() + ", " + after.size() + ", " + continuation.size());
    }
    double signal = 0;
    for (int i = 0; i < count; i++) {
      signal += (double) left[i] * left[i] + (double) right[i] * right[i];
    }
    return new SeamError(squaredError(decodeTail(before, after), left, right, count),
        squaredError(decodeTail(before, continuation), left, right, count), signal, count);
  }

  /** The decoded samples of {@code tail}'s frames, decoded from a fresh decoder fed {@code head} first. */
  private float[][] decodeTail(List<AacPacket> head, List<AacPacket> tail) {
    List<AacPacket> all = new ArrayList<>(head);
    all.addAll(tail);
    int samples = tail.size() * AacEncoder.FRAME;
    float[][] out = new float[2][samples];
    AVCodecContext decoder = openDecoder();
    try {
      int written = 0;
      int skip = head.size() * AacEncoder.FRAME;
      for (int i = 0; i <= all.size(); i++) {
        if (i < all.size()) {
          send(decoder, all.get(i));
        } else {
          FFmpegException.check("avcodec_send_packet(flush)", avcodec_send_packet(decoder, (AVPacket) null));
        }
        int ret;
        while ((ret = avcodec_receive_frame(decoder, frame)) >= 0) {
          if (frame.format() != AV_SAMPLE_FMT_FLTP || frame.ch_layout().nb_channels() != 2) {
            throw new IllegalStateException("aac decoder gave format " + frame.format() + ", "
                + frame.ch_layout().nb_channels() + " channels");
          }
          int n = frame.nb_samples();
          int from = Math.min(n, skip);
          int take = Math.min(n - from, samples - written);
          try (FloatPointer l = new FloatPointer(frame.extended_data(0));
              FloatPointer r = new FloatPointer(frame.extended_data(1))) {
            l.position(from).get(out[0], written, take);
            r.position(from).get(out[1], written, take);
          }
          skip -= from;
          written += take;
        }
        if (ret != AudioInput.AVERROR_EAGAIN && ret != AVERROR_EOF()) {
          FFmpegException.check("avcodec_receive_frame()", ret);
        }
      }
      if (written != samples) {
        throw new IllegalStateException("aac decoder gave " + written + " samples for " + tail.size() + " frames");
      }
      return out;
    } finally {
      avcodec_free_context(decoder);
    }
  }

  private void send(AVCodecContext decoder, AacPacket aac) {
    FFmpegException.check("av_new_packet()", av_new_packet(packet, aac.data().length));
    try {
      packet.data().put(aac.data(), 0, aac.data().length);
      packet.pts(aac.pts()).dts(aac.pts()).duration(aac.duration());
      FFmpegException.check("avcodec_send_packet()", avcodec_send_packet(decoder, packet));
    } finally {
      av_packet_unref(packet);
    }
  }

  private AVCodecContext openDecoder() {
    AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_AAC);
    if (codec == null || codec.isNull()) {
      throw new IllegalStateException("FFmpeg has no aac decoder");
    }
    AVCodecContext decoder = avcodec_alloc_context3(codec);
    if (decoder == null) {
      throw new OutOfMemoryError("avcodec_alloc_context3()");
    }
    try {
      FFmpegException.check("avcodec_parameters_to_context()", avcodec_parameters_to_context(decoder, parameters));
      decoder.pkt_timebase().num(1).den(AudioTrackEncoder.SAMPLE_RATE);
      FFmpegException.check("avcodec_open2()", avcodec_open2(decoder, codec, (AVDictionary) null));
      return decoder;
    } catch (RuntimeException | Error e) {
      avcodec_free_context(decoder);
      throw e;
    }
  }

  private static double squaredError(float[][] decoded, float[] left, float[] right, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double l = decoded[0][i] - left[i];
      double r = decoded[1][i] - right[i];
      sum += l * l + r * r;
    }
    return sum;
  }

  @Override
  public void close() {
    if (parameters != null) {
      avcodec_parameters_free(parameters);
      parameters = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
  }
}
