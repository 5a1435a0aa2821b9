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
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MOV_TEXT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import dev.videogen.media.chapters.Chapter;
import dev.videogen.media.codec.FFmpegException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One MP4 file being written by libavformat's mp4 muxer, local files only. Owns the output context and,
 * once {@link #writeHeader} opened it, the file's I/O context; {@link #close()} frees both, whether the file
 * was finished or the write failed half way (the caller deletes the file). The order of calls is the
 * muxer's: {@link #addStream}, {@link #addTimedTextStream}, {@link #setMetadata} and {@link #setChapters},
 * then {@link #writeHeader}, {@link #write} the
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

  /** The output context; owned by this muxer. */
  AVFormatContext context() {
    return format;
  }

  /**
   * A timed-text (mov_text, {@code tx3g}) stream in milliseconds with {@code sampleDescription} as its
   * extradata and {@code language} (ISO 639-2) as its track language.
   */
  AVStream addTimedTextStream(byte[] sampleDescription, String language) {
    AVStream stream = avformat_new_stream(format, null);
    if (stream == null || stream.isNull()) {
      throw new OutOfMemoryError("avformat_new_stream() returned null");
    }
    AVCodecParameters parameters = stream.codecpar();
    parameters.codec_type(AVMEDIA_TYPE_SUBTITLE);
    parameters.codec_id(AV_CODEC_ID_MOV_TEXT);
    // The stream's parameters own the extradata (freed with the context); libavcodec wants it padded.
    BytePointer extradata = new BytePointer(av_mallocz(sampleDescription.length + AV_INPUT_BUFFER_PADDING_SIZE));
    if (extradata.isNull()) {
      throw new OutOfMemoryError("av_mallocz() returned null");
    }
    extradata.put(sampleDescription, 0, sampleDescription.length);
    parameters.extradata(extradata);
    parameters.extradata_size(sampleDescription.length);
    stream.time_base().num(1).den(1000);
    AVDictionary tags = new AVDictionary(null);
    FFmpegException.check("av_dict_set(language)", av_dict_set(tags, "language", language, 0));
    stream.metadata(tags);
    return stream;
  }

  /**
   * The file's chapters, in milliseconds, each lasting to the next one's start and the last to
   * {@code endMs}; the mp4 muxer writes them as a QuickTime chapter track and a Nero {@code chpl} list. Call
   * before {@link #writeHeader}; the context owns them.
   */
  void setChapters(List<Chapter> chapters, long endMs) {
    if (chapters.isEmpty()) {
      return;
    }
    Pointer array = av_mallocz((long) chapters.size() * Loader.sizeof(PointerPointer.class));
    if (array == null || array.isNull()) {
      throw new OutOfMemoryError("av_mallocz() returned null");
    }
    format.chapters(new PointerPointer<AVChapter>(array));
    for (int i = 0; i < chapters.size(); i++) {
      Pointer memory = av_mallocz(Loader.sizeof(AVChapter.class));
      if (memory == null || memory.isNull()) {
        throw new OutOfMemoryError("av_mallocz() returned null");
      }
      AVChapter chapter = new AVChapter(memory);
      format.chapters(i, chapter);
      format.nb_chapters(i + 1); // from here avformat_free_context() frees it
      long start = chapters.get(i).startMs();
      long end = i + 1 < chapters.size() ? chapters.get(i + 1).startMs() : endMs;
      chapter.id(i + 1).start(start).end(Math.max(start, end));
      chapter.time_base().num(1).den(1000);
      AVDictionary tags = new AVDictionary(null);
      FFmpegException.check("av_dict_set(title)", av_dict_set(tags, "title", chapters.get(i).title(), 0));
      chapter.metadata(tags);
    }
  }

  /**
   * Opens the file and writes the header with {@code movflags} and, when {@code reservedIndexBytes} is positive,
   * that much room before the media for the index (moov), which the trailer then writes there followed by a
   * {@code free} box; an option the muxer did not take is an error (a typo must not silently write another file).
   */
  void writeHeader(String movflags, long reservedIndexBytes) {
    if (reservedIndexBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("cannot reserve " + reservedIndexBytes + " bytes for the index");
    }
    AVDictionary ioOptions = new AVDictionary(null);
    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(ioOptions, "protocol_whitelist", "file", 0);
      AVIOContext io = new AVIOContext(null);
      FFmpegException.check("avio_open2(" + file + ")", avio_open2(io, url, AVIO_FLAG_WRITE, null, ioOptions));
      format.pb(io);
      ioOpen = true;
      av_dict_set(options, "movflags", movflags, 0);
      if (reservedIndexBytes > 0) {
        av_dict_set(options, "moov_size", Long.toString(reservedIndexBytes), 0);
      }
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

  /**
   * Flushes the interleaving queue and writes the trailer: the index into its reserved room, or at the end and,
   * with faststart, moved to the front by rewriting the file behind it.
   */
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
