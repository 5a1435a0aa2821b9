package dev.videogen.media.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_SKIP_SAMPLES;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_AAC_LOW;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_get_side_data;
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
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_STILL_IMAGE;
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
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.videogen.media.BadInputException;
import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.FFmpegMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Decodes one audio stream of one local file, frame by frame, at its native rate and layout: the stream
 * FFmpeg's {@code av_find_best_stream} picks (what players play: a stream flagged default first, then
 * streams not marked for the hearing or visually impaired, then the highest bit rate), or the one asked
 * for by its number among the file's audio streams. Every other stream (the video of an MP4/MKV/MOV/WebM,
 * cover art) is discarded before the demuxer reads any packet, so none of its frames is ever decoded
 * (avformat_find_stream_info() still opens its decoder on the header's parameter sets, e.g. H.264 SPS/PPS).
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
  private final AudioStreamChoice streamChoice;

  private int sampleRate;
  private int channels;
  private long samples;
  private boolean demuxerDone;
  private boolean finished;

  /** Asks for av_find_best_stream's choice instead of a numbered audio stream. */
  static final int BEST_STREAM = -1;

  /**
   * Formats that libavformat reads as pictures (image2 takes a name's extension, the {@code *_pipe} demuxers
   * probe the content): refused with "is an image, not audio".
   */
  static final List<String> IMAGE_FORMATS = List.of("image2", "image2pipe", "gif", "apng", "ico");

  private AudioInput(String name, Path file, int requestedStream) {
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
      if (isImageFormat(formatName)) {
        throw new BadInputException(name, "is an image, not audio (format '" + formatName + "')");
      }
      if (!accepted(formatName)) {
        throw new BadInputException(
            name,
            "format '" + formatName + "' is not an accepted audio format (accepted: "
                + String.join(", ", ACCEPTED_FORMATS) + ")");
      }
      openFormat(url, inputFormat);
      streamIndex = requestedStream == BEST_STREAM ? findBestAudioStream() : audioStream(requestedStream);
      for (int i = 0; i < format.nb_streams(); i++) {
        if (i != streamIndex) {
          format.streams(i).discard(AVDISCARD_ALL);
        }
      }
      AVStream stream = format.streams(streamIndex);
      codecName = avcodec_get_name(stream.codecpar().codec_id()).getString();
      tags = tags(format.metadata(), stream.metadata());
      streamChoice = choice(requestedStream != BEST_STREAM);
      openDecoder(stream);
      long streamDeclared = format.duration_estimation_method() == AVFMT_DURATION_FROM_STREAM
          ? declaredSamples(stream)
          : -1;
      // Matroska/WebM declare no stream duration, but the muxers (FFmpeg's, and others) write the track's
      // length as a DURATION tag near the start: without it a file cut in half would play half silently.
      declaredSamples = streamDeclared >= 0 ? streamDeclared : taggedSamples(stream);
      // MP4/M4A/MOV: the edit list is the presentation. libavformat applies its start (AAC priming) but
      // not its end, so the encoder's trailing padding would be decoded as extra audio; stop there.
      presentationEnd = isMov(formatName) ? streamDeclared : -1;
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

  /** Opens {@code file}'s best audio stream for decoding; the caller owns the result and closes it. */
  static AudioInput open(String name, Path file) {
    return new AudioInput(name, file, BEST_STREAM);
  }

  /**
   * Opens audio stream {@code stream} (counted from 0 among the file's audio streams, in file order), or the
   * best one for {@link #BEST_STREAM}; the caller owns the result and closes it.
   */
  static AudioInput open(String name, Path file, int stream) {
    if (stream < BEST_STREAM) {
      throw new IllegalArgumentException("stream " + stream);
    }
    return new AudioInput(name, file, stream);
  }

  static boolean isImageFormat(String inputFormatName) {
    for (String alias : inputFormatName.split(",")) {
      String format = alias.trim().toLowerCase(Locale.ROOT);
      if (IMAGE_FORMATS.contains(format) || format.endsWith("_pipe")) {
        return true;
      }
    }
    return false;
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
      // Streams the header declares that are not audio are dropped before avformat_find_stream_info()
      // reads packets: it would otherwise decode a few video frames to learn their parameters.
      for (int i = 0; i < format.nb_streams(); i++) {
        if (format.streams(i).codecpar().codec_type() != AVMEDIA_TYPE_AUDIO) {
          format.streams(i).discard(AVDISCARD_ALL);
        }
      }
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

  private int findBestAudioStream() {
    int index;
    try (PointerPointer<AVCodec> decoderFound = new PointerPointer<>(1)) {
      // Asking for the decoder makes a stream without one rank last and report AVERROR_DECODER_NOT_FOUND.
      index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, decoderFound, 0);
    }
    if (index == AVERROR_STREAM_NOT_FOUND()) {
      throw noAudioStream();
    }
    if (index == AVERROR_DECODER_NOT_FOUND()) {
      throw new BadInputException(name, "unsupported audio codec " + describeAudioCodec());
    }
    if (index < 0) {
      throw new BadInputException(name, "no usable audio stream: " + FFmpegException.describe(index),
          new FFmpegException("av_find_best_stream()", index));
    }
    return index;
  }

  /** The file index of audio stream {@code number} (counted among the audio streams). */
  private int audioStream(int number) {
    List<Integer> audio = audioStreams();
    if (audio.isEmpty()) {
      throw noAudioStream();
    }
    if (number >= audio.size()) {
      throw new BadInputException(name, "has no audio stream " + number + ": it has " + audio.size()
          + " audio stream" + (audio.size() == 1 ? " (number 0)" : "s (numbered 0 to " + (audio.size() - 1) + ")"));
    }
    return audio.get(number);
  }

  private List<Integer> audioStreams() {
    List<Integer> audio = new ArrayList<>();
    for (int i = 0; i < format.nb_streams(); i++) {
      if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
        audio.add(i);
      }
    }
    return audio;
  }

  /**
   * Says what the file holds instead: pictures only (an image in an MP4-family box, as HEIC and AVIF are: each
   * video stream a single frame, a still image or cover art) or video.
   */
  private BadInputException noAudioStream() {
    List<String> video = new ArrayList<>();
    boolean pictures = format.nb_streams() > 0;
    for (int i = 0; i < format.nb_streams(); i++) {
      AVStream stream = format.streams(i);
      if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
        video.add(avcodec_get_name(stream.codecpar().codec_id()).getString());
        pictures &= stream.nb_frames() == 1
            || (stream.disposition() & (AV_DISPOSITION_ATTACHED_PIC | AV_DISPOSITION_STILL_IMAGE)) != 0;
      } else {
        pictures = false;
      }
    }
    if (pictures) {
      return new BadInputException(name, "is an image, not audio (" + String.join(", ", video) + " picture in a "
          + formatName + " file)");
    }
    if (!video.isEmpty()) {
      return new BadInputException(name, "has no audio stream: this " + formatName + " file holds only video ("
          + String.join(", ", video) + ")");
    }
    return new BadInputException(name, "has no audio stream: this " + formatName + " file holds no streams at all");
  }

  private AudioStreamChoice choice(boolean requested) {
    List<Integer> audio = audioStreams();
    AVCodecParameters parameters = format.streams(streamIndex).codecpar();
    int videoStreams = 0;
    for (int i = 0; i < format.nb_streams(); i++) {
      if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
        videoStreams++;
      }
    }
    return new AudioStreamChoice(audio.indexOf(streamIndex), audio.size(), streamIndex, format.nb_streams(),
        videoStreams, codecName, parameters.ch_layout().nb_channels(), parameters.sample_rate(), requested);
  }

  /** A codec tag as its four characters when they are printable ('ac-4'), else in hex (0x1234, a WAV format tag). */
  static String tag(int codecTag) {
    StringBuilder fourcc = new StringBuilder(4);
    for (int shift = 0; shift < 32; shift += 8) {
      char c = (char) ((codecTag >>> shift) & 0xff);
      if (c < 0x20 || c > 0x7e) {
        return "0x" + Integer.toHexString(codecTag);
      }
      fourcc.append(c);
    }
    return "'" + fourcc + "'";
  }

  /** Names the first audio stream's codec, e.g. {@code 'none' (tag 0x1234)} or {@code 'ac4' (tag 'ac-4')}. */
  private String describeAudioCodec() {
    for (int i = 0; i < format.nb_streams(); i++) {
      AVCodecParameters parameters = format.streams(i).codecpar();
      if (parameters.codec_type() == AVMEDIA_TYPE_AUDIO) {
        return "'" + avcodec_get_name(parameters.codec_id()).getString() + "' (tag " + tag(parameters.codec_tag()) + ")";
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

  /** Matroska's {@code DURATION} tag ({@code HH:MM:SS.nnnnnnnnn}) in samples at the stream's rate, or -1. */
  static long taggedSamples(AVStream stream) {
    int rate = stream.codecpar().sample_rate();
    AVDictionaryEntry tag = av_dict_get(stream.metadata(), "DURATION", null, 0);
    return tag == null || rate <= 0 ? -1 : taggedSamples(tag.value().getString(), rate);
  }

  static long taggedSamples(String duration, int rate) {
    Matcher matcher = TAGGED_DURATION.matcher(duration.trim());
    if (!matcher.matches()) {
      return -1;
    }
    BigDecimal seconds = new BigDecimal(matcher.group(3))
        .add(BigDecimal.valueOf(60L * Long.parseLong(matcher.group(2))))
        .add(BigDecimal.valueOf(3600L * Long.parseLong(matcher.group(1))));
    return seconds.multiply(BigDecimal.valueOf(rate)).setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  private static final Pattern TAGGED_DURATION =
      Pattern.compile("(\\d{1,6}):(\\d{2}):(\\d{2}(?:\\.\\d{1,9})?)");

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
    if (!readPacket()) {
      demuxerDone = true;
      FFmpegException.check("avcodec_send_packet(flush)", avcodec_send_packet(decoder, null));
      return;
    }
    try {
      int ret = avcodec_send_packet(decoder, packet);
      if (ret < 0) {
        throw decodeError(ret);
      }
    } finally {
      av_packet_unref(packet);
    }
  }

  /**
   * Reads the next packet of the stream into {@link #packet} (the caller unreferences it); false at the end of
   * the file. A read error, or a packet the demuxer flags as corrupt or cut short, is bad input.
   */
  private boolean readPacket() {
    while (true) {
      int ret = av_read_frame(format, packet);
      if (ret == AVERROR_EOF()) {
        if (format.pb() != null && format.pb().error() < 0 && format.pb().error() != AVERROR_EOF()) {
          int error = format.pb().error();
          throw new BadInputException(name, "read error: " + FFmpegException.describe(error),
              new FFmpegException("av_read_frame()", error));
        }
        return false;
      }
      if (ret < 0) {
        throw new BadInputException(name, "cannot read " + formatName + " data at " + position() + ": "
            + FFmpegException.describe(ret), new FFmpegException("av_read_frame()", ret));
      }
      if (packet.stream_index() != streamIndex) {
        av_packet_unref(packet);
        continue;
      }
      if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
        av_packet_unref(packet);
        // Demuxers flag a packet cut short by the end of the file as corrupt.
        throw new BadInputException(name, avio_feof(format.pb()) != 0
            ? "truncated: the file ends inside a packet of " + codecName + " audio at " + position()
            : "corrupt " + codecName + " packet at " + position());
      }
      return true;
    }
  }

  /**
   * True when {@link #countWithoutDecoding()} gives what decoding would: MPEG audio in an MP3 file, each of
   * whose frames holds a number of samples its own header names; FLAC in a FLAC file, each of whose frames
   * holds the block size its header names (the demuxer's parser gives it as the packet's duration); AAC-LC
   * in an MP4/M4A/MOV, every frame of which decodes to the codec's frame size (1024 samples) at the
   * stream's rate and channels (HE-AAC's SBR and PS change both, so it is decoded); Opus in Ogg, Matroska/WebM
   * or the MP4 family, each of whose packets names its frames' duration and count in its first bytes, decoded
   * at 48 kHz. The encoder's delay and padding are the demuxer's skip-samples side data and discard flags (and
   * Opus's pre-skip, which its decoder starts from), which is what the decoder applies, and for MP4 the edit
   * list's end, which this class applies either way.
   */
  boolean countableWithoutDecoding() {
    if (formatName.equals("mp3")) {
      return List.of("mp1", "mp2", "mp3").contains(codecName);
    }
    if (formatName.equals("flac")) {
      return codecName.equals("flac");
    }
    if (codecName.equals("opus")) {
      return formatName.equals("ogg") || formatName.startsWith("matroska") || isMov(formatName);
    }
    AVCodecParameters parameters = format.streams(streamIndex).codecpar();
    return isMov(formatName) && codecName.equals("aac") && parameters.profile() == AV_PROFILE_AAC_LOW
        && parameters.frame_size() > 0 && parameters.sample_rate() > 0 && parameters.ch_layout().nb_channels() > 0;
  }

  /**
   * Measures a file {@link #countableWithoutDecoding()} from its packets (an MP3's frame headers) and the
   * demuxer's skip-samples side data instead of decoding it: the same length, rate and channels as
   * {@link #next()} to the end, and the same checks (an MP3 rate that changes, a file cut short, one shorter
   * than its header declares; tested against decoding). A frame whose header is sound but whose data is
   * damaged is not noticed here: decoding it for the encoder fails the job then, naming the file. Three hours of
   * MP3 cost 7 CPU-s to decode; this reads their headers.
   *
   * @return false, the count abandoned, when a FLAC packet came without a length (its parser lost the frame
   *     structure: damage, or something it does not know) or an Opus packet's first bytes are not valid; the
   *     caller decodes the file instead
   */
  boolean countWithoutDecoding() {
    if (!countableWithoutDecoding() || finished) {
      throw new IllegalStateException(name + " (" + formatName + ", " + codecName + ") cannot be counted without decoding");
    }
    // Opus's decoder starts from the OpusHead's pre-skip (none without one), until side data replaces it.
    ByteBuffer opusHead = codecName.equals("opus") ? opusHead() : null;
    long skipStart = opusHead == null ? 0 : Short.toUnsignedInt(opusHead.getShort(10));
    try (SizeTPointer sideDataSize = new SizeTPointer(1)) {
      while (readPacket()) {
        skipStart = countPacket(skipStart, sideDataSize);
        if (skipStart < 0) {
          return false;
        }
      }
    }
    demuxerDone = true;
    finish();
    return true;
  }

  /**
   * Counts the samples of the packet in {@link #packet} and unreferences it; returns the start skip left, or -1
   * if the packet does not say how many samples it holds.
   */
  private long countPacket(long skipStart, SizeTPointer sideDataSize) {
    try {
      long count = formatName.equals("mp3") ? mpegFrameSamples() : packetSamples();
      if (count < 0) {
        return -1;
      }
      long skipEnd = 0;
      BytePointer skip = av_packet_get_side_data(packet, AV_PKT_DATA_SKIP_SAMPLES, sideDataSize);
      if (skip != null && !skip.isNull() && sideDataSize.get() >= 8) {
        ByteBuffer fields = skip.capacity(sideDataSize.get()).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        skipStart = Integer.toUnsignedLong(fields.getInt(0));
        skipEnd = Integer.toUnsignedLong(fields.getInt(4));
      }
      // As libavcodec applies them: a frame flagged for discarding is dropped whole but counts against the
      // start skip, which may span frames; the end padding trims this frame only.
      long skipped = Math.min(skipStart, count);
      skipStart -= skipped;
      count = (packet.flags() & AV_PKT_FLAG_DISCARD) != 0 ? 0 : count - skipped;
      if (skipEnd > 0 && skipEnd <= count) {
        count -= skipEnd;
      }
      if (presentationEnd >= 0 && sampleRate == declaredRate && samples + count > presentationEnd) {
        count = Math.max(0, presentationEnd - samples);
      }
      samples += count;
      return skipStart;
    } finally {
      av_packet_unref(packet);
    }
  }

  /** The samples of the MPEG audio frame in {@link #packet}, as its header says; the rate checked as decoding does. */
  private long mpegFrameSamples() {
    MpegFrame header = MpegFrame.parse(packet.data(), packet.size());
    if (header == null) {
      throw new BadInputException(name, "corrupt " + codecName + " frame header at " + position());
    }
    if (sampleRate == 0) {
      sampleRate = header.rate();
      channels = header.channels();
    } else if (header.rate() != sampleRate) {
      throw new BadInputException(name, "sample rate changes from " + sampleRate + " Hz to " + header.rate()
          + " Hz at " + position());
    }
    return header.samples();
  }

  /**
   * The samples the packet in {@link #packet} decodes to: FLAC's block size, AAC-LC's frame size, Opus's frames;
   * -1 for a FLAC packet without a length or an Opus packet whose first bytes are not valid.
   */
  private long packetSamples() {
    AVStream stream = format.streams(streamIndex);
    AVCodecParameters parameters = stream.codecpar();
    if (codecName.equals("opus")) {
      if (sampleRate == 0) {
        // As its decoder: 48 kHz, the channels of the OpusHead (without one, mono or stereo).
        ByteBuffer head = opusHead();
        sampleRate = OpusPacket.RATE;
        channels = head != null ? Byte.toUnsignedInt(head.get(9)) : parameters.ch_layout().nb_channels() == 1 ? 1 : 2;
      }
      return OpusPacket.samples(packet.data(), packet.size());
    }
    if (sampleRate == 0) {
      sampleRate = parameters.sample_rate();
      channels = parameters.ch_layout().nb_channels();
    }
    if (codecName.equals("aac")) {
      return parameters.frame_size();
    }
    if (packet.duration() <= 0) {
      return -1;
    }
    return av_rescale(packet.duration(), (long) stream.time_base().num() * sampleRate, stream.time_base().den());
  }

  /**
   * The stream's OpusHead, little-endian (the demuxers give Ogg's header, Matroska's codec private data and
   * MP4's dOps box in that form), or null when it has none: its decoder then assumes no pre-skip.
   */
  private ByteBuffer opusHead() {
    AVCodecParameters parameters = format.streams(streamIndex).codecpar();
    BytePointer extradata = parameters.extradata();
    if (extradata == null || extradata.isNull() || parameters.extradata_size() < 19) {
      return null;
    }
    return extradata.capacity(parameters.extradata_size()).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
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

  /** Which stream is decoded, and what else the file holds. */
  AudioStreamChoice streamChoice() {
    return streamChoice;
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
