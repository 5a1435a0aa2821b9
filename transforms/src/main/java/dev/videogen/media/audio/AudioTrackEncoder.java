package dev.videogen.media.audio;

import dev.videogen.media.codec.FFmpegLog;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Encodes a track's audio once, to AAC-LC 48 kHz stereo at 192 kb/s with FFmpeg's native {@code aac}
 * encoder, into a {@link PacketFile}.
 *
 * <p>The samples come from {@link PcmTrack} (decode, resample, fades, concatenation, exact cut or pad),
 * are fed in frames of the encoder's {@code frame_size} (1024; the last one shorter) with pts counted in
 * samples, and the encoder is flushed at the end. Packets are written with the encoder's own timestamps in
 * its time base 1/48000: the first packet's pts is {@code -initial_padding} (-1024, the AAC priming), and
 * the last packet ends ({@code pts + duration}) at exactly {@code totalSamples}. The packet file carries the
 * codec parameters from {@code avcodec_parameters_from_context} (AudioSpecificConfig extradata and
 * {@code initial_padding} included).
 *
 * <p>Deterministic: the same clips and total give a byte-identical packet file (single-threaded encoder,
 * {@code AV_CODEC_FLAG_BITEXACT}). Memory is flat in the track's length.
 */
public final class AudioTrackEncoder {
  public static final int SAMPLE_RATE = 48_000;
  public static final int CHANNELS = 2;
  public static final long BIT_RATE = 192_000;
  /**
   * How far below the requested true peak the limiter holds the samples it gives the AAC encoder: the
   * encoder's quantisation noise rides on the peaks (measured here: see AudioLoudnessOracleTest).
   */
  public static final double CODEC_HEADROOM_DB = 0.5;

  private AudioTrackEncoder() {}

  /**
   * Decodes the clips in order, resamples each to 48 kHz stereo, applies each clip's fades, concatenates,
   * cuts or pads with silence to exactly {@code totalSamples} (48 kHz), encodes AAC-LC once and writes
   * {@code packetFile}. On failure no packet file is left behind.
   *
   * @throws dev.videogen.media.BadInputException if a clip cannot be decoded
   */
  public static EncodedAudio encode(List<AudioClip> clips, long totalSamples, Path packetFile) {
    return encode(clips, totalSamples, OptionalDouble.empty(), packetFile);
  }

  /**
   * As {@link #encode(List, long, Path)}; when {@code truePeak} (dBTP) is present, the mixed track goes
   * through a {@link TruePeakLimiter} first so that the encoded audio's true peak stays at or below it. The
   * limiter's ceiling is {@link #CODEC_HEADROOM_DB} lower: AAC's quantisation noise adds to the peaks it
   * is given.
   */
  public static EncodedAudio encode(List<AudioClip> clips, long totalSamples, OptionalDouble truePeak,
      Path packetFile) {
    FFmpegLog.configure();
    if (totalSamples <= 0) {
      throw new IllegalArgumentException("totalSamples must be > 0: " + totalSamples);
    }
    boolean complete = false;
    try {
      EncodedAudio encoded = encodeOrFail(clips, totalSamples, truePeak, packetFile);
      complete = true;
      return encoded;
    } finally {
      if (!complete) {
        try {
          Files.deleteIfExists(packetFile);
        } catch (IOException ignored) {
          // the original failure matters more
        }
      }
    }
  }

  private static EncodedAudio encodeOrFail(List<AudioClip> clips, long totalSamples, OptionalDouble truePeak,
      Path packetFile) {
    AVCodecContext encoder = null;
    AVCodecParameters parameters = null;
    AVFrame frame = null;
    AVPacket packet = null;
    PcmTrack track = new PcmTrack(clips, totalSamples);
    try (PcmSource pcm = truePeak.isPresent()
        ? new TruePeakLimiter(track, truePeak.getAsDouble() - CODEC_HEADROOM_DB) : track) {
      encoder = openEncoder();
      parameters = avcodec_parameters_alloc();
      frame = av_frame_alloc();
      packet = av_packet_alloc();
      if (parameters == null || frame == null || packet == null) {
        throw new OutOfMemoryError("avcodec_parameters_alloc()/av_frame_alloc()/av_packet_alloc()");
      }
      FFmpegException.check("avcodec_parameters_from_context()", avcodec_parameters_from_context(parameters, encoder));
      int frameSize = encoder.frame_size();
      frame.nb_samples(frameSize);
      frame.format(AV_SAMPLE_FMT_FLTP);
      frame.sample_rate(SAMPLE_RATE);
      FFmpegException.check("av_channel_layout_copy()", av_channel_layout_copy(frame.ch_layout(), encoder.ch_layout()));
      FFmpegException.check("av_frame_get_buffer()", av_frame_get_buffer(frame, 0));

      float[] left = new float[frameSize];
      float[] right = new float[frameSize];
      long pts = 0;
      try (PacketFile.Writer writer = new PacketFile.Writer(packetFile, parameters, encoder.time_base())) {
        while (true) {
          int count = fill(pcm, left, right);
          if (count == 0) {
            break;
          }
          // The encoder may still reference the previous buffer; this gives a private one if it does.
          FFmpegException.check("av_frame_make_writable()", av_frame_make_writable(frame));
          frame.nb_samples(count);
          try (FloatPointer l = new FloatPointer(frame.data(0)); FloatPointer r = new FloatPointer(frame.data(1))) {
            l.put(left, 0, count);
            r.put(right, 0, count);
          }
          frame.pts(pts);
          pts += count;
          FFmpegException.check("avcodec_send_frame()", avcodec_send_frame(encoder, frame));
          drain(encoder, packet, writer);
        }
        FFmpegException.check("avcodec_send_frame(flush)", avcodec_send_frame(encoder, null));
        drain(encoder, packet, writer);
        if (pts != totalSamples) {
          throw new IllegalStateException("encoded " + pts + " samples instead of " + totalSamples);
        }
        return new EncodedAudio(totalSamples, writer.packets());
      }
    } finally {
      if (packet != null) {
        av_packet_free(packet);
      }
      if (frame != null) {
        av_frame_free(frame);
      }
      if (parameters != null) {
        avcodec_parameters_free(parameters);
      }
      if (encoder != null) {
        avcodec_free_context(encoder);
      }
    }
  }

  /** Reads a whole frame's worth of samples (fewer only at the end of the track); 0 at the end. */
  private static int fill(PcmSource pcm, float[] left, float[] right) {
    int filled = 0;
    while (filled < left.length) {
      int count = pcm.read(left, right, filled, left.length - filled);
      if (count < 0) {
        break;
      }
      filled += count;
    }
    return filled;
  }

  private static AVCodecContext openEncoder() {
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
      encoder.sample_rate(SAMPLE_RATE);
      av_channel_layout_default(encoder.ch_layout(), CHANNELS);
      encoder.bit_rate(BIT_RATE);
      encoder.profile(AV_PROFILE_AAC_LOW);
      encoder.time_base().num(1).den(SAMPLE_RATE);
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

  private static void drain(AVCodecContext encoder, AVPacket packet, PacketFile.Writer writer) {
    while (true) {
      int ret = avcodec_receive_packet(encoder, packet);
      if (ret == AudioInput.AVERROR_EAGAIN || ret == AVERROR_EOF()) {
        return;
      }
      FFmpegException.check("avcodec_receive_packet()", ret);
      try {
        writer.write(packet);
      } finally {
        av_packet_unref(packet);
      }
    }
  }
}
