package dev.videogen.media.mux;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import dev.videogen.media.codec.FFmpegException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One MP4 file being written by libavformat's mp4 muxer, local files only. Owns the output context and,
 * once {@link #writeHeader} opened it, the file's I/O context; {@link #close()} frees both, whether the file
 * was finished or the write failed half way (the caller deletes the file). The order of calls is the
 * muxer's: {@link #addStream} and {@link #setMetadata}, then {@link #writeHeader}, {@link #write} the
 * packets, {@link #finish}. Not thread-safe.
 */
final class Mp4Muxer implements AutoCloseable {
  private final Path file;
  private final String url;
  private AVFormatContext format;
  private boolean ioOpen;

  /** Creates the muxer for {@code file}; nothing is written until {@link #writeHeader}. */
  Mp4Muxer(Path file) {
    this.file = file;
    this.url = "file:" + file.toAbsolutePath();
    AVFormatContext context = new AVFormatContext(null);
    FFmpegException.check("avformat_alloc_output_context2(mp4)", avformat_alloc_output_context2(context, null, "mp4", url));
    format = context;
    try {
      // The faststart pass re-opens the file through the context: local files only, there too.
      FFmpegException.check("av_opt_set(protocol_whitelist)", av_opt_set(format, "protocol_whitelist", "file", 0));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * A new stream with a copy of {@code parameters}, its codec tag cleared so the muxer picks its own (avc1,
   * mp4a, tx3g); the context owns the stream.
   */
  AVStream addStream(AVCodecParameters parameters) {
    AVStream stream = FFmpegException.notNull(avformat_new_stream(format, null), "avformat_new_stream()");
    FFmpegException.check("avcodec_parameters_copy()", avcodec_parameters_copy(stream.codecpar(), parameters));
    stream.codecpar().codec_tag(0);
    return stream;
  }

  /** The file's tags, set in key order; the context owns them. */
  void setMetadata(Map<String, String> metadata) {
    AVDictionary tags = new AVDictionary(null);
    try {
      for (Map.Entry<String, String> tag : new TreeMap<>(metadata).entrySet()) {
        FFmpegException.check("av_dict_set(metadata)", av_dict_set(tags, tag.getKey(), tag.getValue(), 0));
      }
    } catch (RuntimeException e) {
      av_dict_free(tags);
      throw e;
    }
    format.metadata(tags);
  }

  /** The output context, for what this class does not wrap (chapters); owned by this muxer. */
  AVFormatContext context() {
    return format;
  }

  /**
   * Opens the file and writes the header with {@code movflags}; an option the muxer did not take is an
   * error (a typo must not silently write another file).
   */
  void writeHeader(String movflags) {
    AVDictionary ioOptions = new AVDictionary(null);
    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(ioOptions, "protocol_whitelist", "file", 0);
      AVIOContext io = new AVIOContext(null);
      FFmpegException.check("avio_open2(" + file + ")", avio_open2(io, url, AVIO_FLAG_WRITE, null, ioOptions));
      format.pb(io);
      ioOpen = true;
      av_dict_set(options, "movflags", movflags, 0);
      FFmpegException.check("avformat_write_header()", avformat_write_header(format, options));
      if (av_dict_count(options) > 0) {
        AVDictionaryEntry unused = av_dict_get(options, "", null, AV_DICT_IGNORE_SUFFIX);
        throw new IllegalStateException("the mp4 muxer ignored option " + unused.key().getString());
      }
    } finally {
      av_dict_free(options);
      av_dict_free(ioOptions);
    }
  }

  /** Writes {@code packet}, its timestamps rescaled from {@code from} to the stream's; unreferences it. */
  void write(AVPacket packet, AVRational from, AVStream stream) {
    try {
      av_packet_rescale_ts(packet, from, stream.time_base());
      packet.stream_index(stream.index());
      packet.pos(-1);
      FFmpegException.check("av_interleaved_write_frame()", av_interleaved_write_frame(format, packet));
    } finally {
      av_packet_unref(packet);
    }
  }

  /** Flushes the interleaving queue and writes the trailer (and, with faststart, moves moov to the front). */
  void finish() {
    FFmpegException.check("av_write_trailer()", av_write_trailer(format));
  }

  /** Closes the file (if open) and frees the context; safe to call twice. */
  @Override
  public void close() {
    if (format == null) {
      return;
    }
    if (ioOpen && format.pb() != null && !format.pb().isNull()) {
      avio_closep(format.pb());
      format.pb(null);
    }
    ioOpen = false;
    if (!format.isNull()) {
      avformat_free_context(format);
    }
    format = null;
  }
}
