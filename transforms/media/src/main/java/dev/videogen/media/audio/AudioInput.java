package dev.videogen.media.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_STREAM;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_READ;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_buffer2;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_feof;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.videogen.media.BadInputException;
import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.FFmpegMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes the best audio stream of one local file, frame by frame, at its native rate and layout.
 *
 * <p>Security: the file is opened through the {@code file} protocol only ({@code protocol_whitelist=file},
 * also for anything a demuxer might open on its own), its format is probed first and must be one of
 * {@link #ACCEPTED_FORMATS} (real audio containers; HLS, concat, image2, tty and the like are refused before
 * their demuxer reads a header), and the same list is handed to libavformat as {@code format_whitelist}.
 *
 * <p>Exactness: libavcodec applies the skip-samples side data that the demuxers attach (MP3 LAME/Xing
 * encoder delay and padding, MP4 edit-list start for AAC priming), so the frames returned here are the
 * gapless audio. libavformat does not apply the end of an MP4 edit list, so for the QuickTime/MP4 family the
 * decoded audio is cut here at the duration the container declares (the encoder's trailing padding). Errors are loud: a read error, a corrupt packet or frame, a decoder error anywhere in the file, a
 * sample rate that changes mid-stream, no samples at all, or fewer samples than the container declares
 * (a truncated file) are {@link BadInputException}s naming the file.
 *
 * <p>Owns every native object it allocates; {@link #close()} frees them, and a failing constructor frees
 * what it had allocated. Not thread-safe.
 */
final class AudioInput implements AutoCloseable {
  /**
   * libavformat demuxer names accepted (an input format is accepted when one of its comma-separated names
   * is listed): MP3, WAV, Wave64, FLAC, Ogg, the QuickTime/MP4/M4A family, raw ADTS AAC, Matroska/WebM,
   * AIFF.
   */
  static final List<String> ACCEPTED_FORMATS =
      List.of("mp3", "wav", "w64", "flac", "ogg", "mov", "mp4", "m4a", "aac", "matroska", "webm", "aiff");

  /** AVERROR(EAGAIN) on Linux, the only platform whose natives this project ships. */
  static final int AVERROR_EAGAIN = -11;

  /** AV_FRAME_FLAG_CORRUPT (1 << 0) from libavutil/frame.h; the presets do not map it. */
  static final int AV_FRAME_FLAG_CORRUPT = 1;

  /**
   * How far the decoded length may fall short of the length the container declares before the file is
   * called truncated: a few codec frames, so an encoder's padding that a demuxer counts in its declared
   * duration is never taken for damage.
   */
  static final long TRUNCATION_TOLERANCE_SAMPLES = 8192;

  private final String name;
  private AVIOContext io;
  private AVFormatContext format;
  private AVCodecContext decoder;
  private AVPacket packet;
  private AVFrame frame;
  private final int streamIndex;
  private final long declaredSamples;
  private final long presentationEnd;
  private final int declaredRate;
  private final String formatName;
  private final String codecName;
  private final SortedMap<String, String> tags;

  private int sampleRate;
  private int channels;
  private long samples;
  private boolean demuxerDone;
  private boolean finished;

  private AudioInput(String name, Path file) {
    this.name = name;
    try {
      long size;
      try {
        size = Files.size(file);
      } catch (NoSuchFileException e) {
        // The pipeline copied this file here: its absence is an infrastructure fault, not bad input.
        throw new UncheckedIOException("audio file missing: " + file, e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stat " + file, e);
      }
      if (!Files.isRegularFile(file)) {
        throw new BadInputException(name, "not a regular file");
      }
      if (size == 0) {
        throw new BadInputException(name, "empty file");
      }
      String url = "file:" + file.toAbsolutePath();
      AVInputFormat inputFormat = openAndProbe(url);
      formatName = inputFormat.name().getString();
      if (!accepted(formatName)) {
        throw new BadInputException(
            name,
            "format '" + formatName + "' is not an accepted audio format (accepted: "
                + String.join(", ", ACCEPTED_FORMATS) + ")");
      }
      openFormat(url, inputFormat);
      streamIndex = findAudioStream();
      AVStream stream = format.streams(streamIndex);
      codecName = avcodec_get_name(stream.codecpar().codec_id()).getString();
      tags = tags(format.metadata(), stream.metadata());
      openDecoder(stream);
      declaredSamples = format.duration_estimation_method() == AVFMT_DURATION_FROM_STREAM
          ? declaredSamples(stream)
          : -1;
      // MP4/M4A/MOV: the edit list is the presentation. libavformat applies its start (AAC priming) but
      // not its end, so the encoder's trailing padding would be decoded as extra audio; stop there.
      presentationEnd = isMov(formatName) ? declaredSamples : -1;
      declaredRate = stream.codecpar().sample_rate();
      packet = av_packet_alloc();
      frame = av_frame_alloc();
      if (packet == null || frame == null) {
        throw new OutOfMemoryError("av_packet_alloc()/av_frame_alloc()");
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** Opens {@code file} for decoding; the caller owns the result and closes it. */
  static AudioInput open(String name, Path file) {
    return new AudioInput(name, file);
  }

  private static boolean isMov(String inputFormatName) {
    return List.of(inputFormatName.split(",")).contains("mov");
  }

  static boolean accepted(String inputFormatName) {
    for (String alias : inputFormatName.split(",")) {
      if (ACCEPTED_FORMATS.contains(alias.trim().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private AVInputFormat openAndProbe(String url) {
    AVDictionary options = new AVDictionary(null);
    try (BytePointer urlPointer = new BytePointer(url, "UTF-8")) {
      av_dict_set(options, "protocol_whitelist", "file", 0);
      AVIOContext opened = new AVIOContext(null);
      int ret = avio_open2(opened, urlPointer, AVIO_FLAG_READ, null, options);
      if (ret < 0) {
        throw new BadInputException(name, "cannot open: " + FFmpegException.describe(ret),
            new FFmpegException("avio_open2()", ret));
      }
      io = opened;
      AVInputFormat probed = new AVInputFormat(null);
      ret = av_probe_input_buffer2(io, probed, urlPointer, null, 0, 0);
      if (ret < 0 || probed.isNull()) {
        throw new BadInputException(name, "not a recognised audio file (" + FFmpegException.describe(ret) + ")",
            new FFmpegException("av_probe_input_buffer2()", ret));
      }
      return probed;
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    } finally {
      av_dict_free(options);
    }
  }

  private void openFormat(String url, AVInputFormat inputFormat) {
    AVFormatContext context = avformat_alloc_context();
    if (context == null) {
      throw new OutOfMemoryError("avformat_alloc_context()");
    }
    // Custom I/O: the already-probed AVIOContext is read from; libavformat never opens it again and
    // avformat_close_input() leaves it to close().
    context.pb(io);
    AVDictionary options = new AVDictionary(null);
    try (BytePointer urlPointer = new BytePointer(url, "UTF-8")) {
      av_dict_set(options, "protocol_whitelist", "file", 0);
      av_dict_set(options, "format_whitelist", String.join(",", ACCEPTED_FORMATS), 0);
      int ret = avformat_open_input(context, urlPointer, inputFormat, options);
      if (ret < 0) {
        // avformat_open_input() frees a user-supplied context on failure.
        throw new BadInputException(name, "cannot read " + formatName + " header: " + FFmpegException.describe(ret),
            new FFmpegException("avformat_open_input()", ret));
      }
      format = context;
      ret = avformat_find_stream_info(format, (AVDictionary) null);
      if (ret < 0) {
        throw new BadInputException(name, "cannot read stream info: " + FFmpegException.describe(ret),
            new FFmpegException("avformat_find_stream_info()", ret));
      }
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    } finally {
      av_dict_free(options);
    }
  }

  private int findAudioStream() {
    int index;
    try (PointerPointer<AVCodec> decoderFound = new PointerPointer<>(1)) {
      // Asking for the decoder makes a stream without one rank last and report AVERROR_DECODER_NOT_FOUND.
      index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, decoderFound, 0);
    }
    if (index == AVERROR_STREAM_NOT_FOUND()) {
      throw new BadInputException(name, "no audio stream in this " + formatName + " file");
    }
    if (index == AVERROR_DECODER_NOT_FOUND()) {
      throw new BadInputException(name, "unsupported audio codec " + describeAudioCodec());
    }
    if (index < 0) {
      throw new BadInputException(name, "no usable audio stream: " + FFmpegException.describe(index),
          new FFmpegException("av_find_best_stream()", index));
    }
    for (int i = 0; i < format.nb_streams(); i++) {
      if (i != index) {
        format.streams(i).discard(AVDISCARD_ALL);
      }
    }
    return index;
  }

  /** Names the first audio stream's codec, e.g. {@code 'none' (tag 0x1234)}. */
  private String describeAudioCodec() {
    for (int i = 0; i < format.nb_streams(); i++) {
      AVCodecParameters parameters = format.streams(i).codecpar();
      if (parameters.codec_type() == AVMEDIA_TYPE_AUDIO) {
        return "'" + avcodec_get_name(parameters.codec_id()).getString() + "' (tag 0x"
            + Integer.toHexString(parameters.codec_tag()) + ")";
      }
    }
    return "";
  }

  private void openDecoder(AVStream stream) {
    AVCodecParameters parameters = stream.codecpar();
    AVCodec codec = org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder(parameters.codec_id());
    if (codec == null || codec.isNull()) {
      throw new BadInputException(name, "unsupported audio codec '" + codecName + "'");
    }
    decoder = avcodec_alloc_context3(codec);
    if (decoder == null) {
      throw new OutOfMemoryError("avcodec_alloc_context3()");
    }
    FFmpegException.check("avcodec_parameters_to_context()", avcodec_parameters_to_context(decoder, parameters));
    decoder.pkt_timebase(stream.time_base());
    decoder.thread_count(1);
    int ret = avcodec_open2(decoder, codec, (AVDictionary) null);
    if (ret < 0) {
      throw new BadInputException(name, "cannot open the " + codecName + " decoder: " + FFmpegException.describe(ret),
          new FFmpegException("avcodec_open2()", ret));
    }
  }

  /**
   * The file's tags with keys lower-cased: the container's (ID3, MP4 {@code ilst}, FLAC/WAV/AIFF) first, then
   * the audio stream's (Ogg/Opus Vorbis comments, Matroska track tags) for keys the container did not set.
   * Where two keys differ only in case, the first in FFmpeg's order wins.
   */
  static SortedMap<String, String> tags(AVDictionary container, AVDictionary stream) {
    SortedMap<String, String> tags = new TreeMap<>();
    FFmpegMetadata.entries(container).forEach((key, value) -> tags.putIfAbsent(key.toLowerCase(Locale.ROOT), value));
    FFmpegMetadata.entries(stream).forEach((key, value) -> tags.putIfAbsent(key.toLowerCase(Locale.ROOT), value));
    return tags;
  }

  /** The number of samples the container declares, or -1 when it declares none. */
  private static long declaredSamples(AVStream stream) {
    long duration = stream.duration();
    int rate = stream.codecpar().sample_rate();
    if (duration == AV_NOPTS_VALUE || duration <= 0 || rate <= 0) {
      return -1;
    }
    try (AVRational perSample = new AVRational().num(1).den(rate)) {
      return av_rescale_q(duration, stream.time_base(), perSample);
    }
  }

  /**
   * Returns the next decoded frame, owned by this object and valid until the next call, or null at the end
   * of the stream (after the end-of-file checks passed).
   */
  AVFrame next() {
    if (finished) {
      return null;
    }
    while (true) {
      int ret = avcodec_receive_frame(decoder, frame);
      if (ret == 0) {
        if (accept(frame)) {
          return frame;
        }
        continue;
      }
      if (ret == AVERROR_EOF()) {
        finish();
        return null;
      }
      if (ret != AVERROR_EAGAIN) {
        throw decodeError(ret);
      }
      feedDecoder();
    }
  }

  private void feedDecoder() {
    if (demuxerDone) {
      throw new IllegalStateException("decoder wants input after the flush");
    }
    while (true) {
      int ret = av_read_frame(format, packet);
      if (ret == AVERROR_EOF()) {
        if (format.pb() != null && format.pb().error() < 0 && format.pb().error() != AVERROR_EOF()) {
          int error = format.pb().error();
          throw new BadInputException(name, "read error: " + FFmpegException.describe(error),
              new FFmpegException("av_read_frame()", error));
        }
        demuxerDone = true;
        FFmpegException.check("avcodec_send_packet(flush)", avcodec_send_packet(decoder, null));
        return;
      }
      if (ret < 0) {
        throw new BadInputException(name, "cannot read " + formatName + " data at " + position() + ": "
            + FFmpegException.describe(ret), new FFmpegException("av_read_frame()", ret));
      }
      try {
        if (packet.stream_index() != streamIndex) {
          continue;
        }
        if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
          // Demuxers flag a packet cut short by the end of the file as corrupt.
          throw new BadInputException(name, avio_feof(format.pb()) != 0
              ? "truncated: the file ends inside a " + codecName + " packet at " + position()
              : "corrupt " + codecName + " packet at " + position());
        }
        ret = avcodec_send_packet(decoder, packet);
        if (ret < 0) {
          throw decodeError(ret);
        }
        return;
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  /** Checks a decoded frame, trims it to the presentation end, counts it; false if nothing is left of it. */
  private boolean accept(AVFrame decoded) {
    if ((decoded.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || decoded.decode_error_flags() != 0) {
      throw new BadInputException(name, "corrupt " + codecName + " audio at " + position());
    }
    int rate = decoded.sample_rate();
    if (rate <= 0 || decoded.ch_layout().nb_channels() <= 0) {
      throw new BadInputException(name, "decoded audio has no sample rate or channels");
    }
    if (sampleRate == 0) {
      sampleRate = rate;
      channels = decoded.ch_layout().nb_channels();
    } else if (rate != sampleRate) {
      throw new BadInputException(name, "sample rate changes from " + sampleRate + " Hz to " + rate + " Hz at "
          + position());
    }
    int count = decoded.nb_samples();
    if (presentationEnd >= 0 && rate == declaredRate && samples + count > presentationEnd) {
      count = (int) Math.max(0, presentationEnd - samples);
      decoded.nb_samples(count);
    }
    samples += count;
    return count > 0;
  }

  private void finish() {
    finished = true;
    if (samples == 0) {
      throw new BadInputException(name, "no audio samples could be decoded");
    }
    if (declaredSamples > 0 && sampleRate == declaredRate
        && samples + TRUNCATION_TOLERANCE_SAMPLES < declaredSamples) {
      throw new BadInputException(name, String.format(Locale.ROOT,
          "truncated: the %s header declares %.3f s of audio, only %.3f s could be decoded", formatName,
          declaredSamples / (double) sampleRate, samples / (double) sampleRate));
    }
  }

  private BadInputException decodeError(int ret) {
    return new BadInputException(name, "cannot decode " + codecName + " audio at " + position() + ": "
        + FFmpegException.describe(ret), new FFmpegException("avcodec_receive_frame()", ret));
  }

  private String position() {
    return sampleRate == 0
        ? "the start"
        : String.format(Locale.ROOT, "%.3f s", samples / (double) sampleRate);
  }

  String formatName() {
    return formatName;
  }

  String codecName() {
    return codecName;
  }

  /** The tags, see {@link #tags(AVDictionary, AVDictionary)}. */
  SortedMap<String, String> tags() {
    return tags;
  }

  /** Declared length in samples at the stream's rate, or -1. */
  long declaredSamples() {
    return declaredSamples;
  }

  /** The native sample rate; known once the first frame was decoded. */
  int sampleRate() {
    return sampleRate;
  }

  /** The channel count of the first decoded frame. */
  int channels() {
    return channels;
  }

  /** Samples (per channel) decoded so far. */
  long samples() {
    return samples;
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
    if (io != null) {
      avio_closep(io);
      io = null;
    }
  }
}
