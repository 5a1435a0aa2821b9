package dev.videogen.media.probe;

import dev.videogen.media.codec.FFmpegLog;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_range_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import dev.videogen.media.BadInputException;
import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.FFmpegMetadata;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * Reads a media file's container, streams and tags with libavformat, the way ffprobe would, and counts the
 * video packets. Opens local files only (protocol_whitelist=file).
 */
public final class MediaProbe {

  private MediaProbe() {}

  /**
   * Probes {@code file}.
   *
   * @throws BadInputException when the file is missing or is not a readable media file
   */
  public static ProbeReport probe(Path file) {
    return probe(file, false);
  }

  /**
   * As {@link #probe}, for an MP4 just written: the video frames are counted from the file's sample index
   * instead of by reading every packet, and the index is checked against the file instead: its top-level
   * boxes fill the file exactly (none cut short, nothing after the last) and every indexed sample of every
   * stream lies inside it. Reads the header and the few packets stream detection needs, not the media data,
   * so its cost grows with the index (megabytes for hours), not with the file (gigabytes).
   *
   * @throws BadInputException when the file is missing, is no MP4, or fails a check
   */
  public static ProbeReport probeIndexed(Path file) {
    return probe(file, true);
  }

  private static ProbeReport probe(Path file, boolean fromIndex) {
    FFmpegLog.configure();
    if (file == null) {
      throw new IllegalArgumentException("file is required");
    }
    String subject = file.toString();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new BadInputException(subject, "no such readable file");
    }
    Path absolute = file.toAbsolutePath();
    AVFormatContext context = new AVFormatContext(null);
    AVDictionary options = new AVDictionary(null);
    AVPacket packet = null;
    boolean opened = false;
    try {
      av_dict_set(options, "protocol_whitelist", "file", 0);
      int ret = avformat_open_input(context, "file:" + absolute, null, options);
      if (ret < 0) {
        throw new BadInputException(subject, "not a readable media file (" + FFmpegException.describe(ret) + ")");
      }
      opened = true;
      ret = avformat_find_stream_info(context, (org.bytedeco.javacpp.PointerPointer<?>) null);
      if (ret < 0) {
        throw new BadInputException(subject, "cannot read its streams (" + FFmpegException.describe(ret) + ")");
      }
      int videoIndex = -1;
      int audioIndex = -1;
      for (int i = 0; i < context.nb_streams(); i++) {
        AVStream stream = context.streams(i);
        int type = stream.codecpar().codec_type();
        if (type == AVMEDIA_TYPE_VIDEO && videoIndex < 0
            && (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
          videoIndex = i;
        } else if (type == AVMEDIA_TYPE_AUDIO && audioIndex < 0) {
          audioIndex = i;
        }
      }

      String formatName = string(context.iformat().name());
      long videoPackets = 0;
      if (fromIndex) {
        if (formatName == null || !formatName.contains("mp4")) {
          throw new BadInputException(subject, "not an MP4 (" + formatName + ")");
        }
        long length = checkBoxesFillFile(file, subject);
        for (int i = 0; i < context.nb_streams(); i++) {
          long samples = checkSamplesInside(context.streams(i), length, subject);
          if (i == videoIndex) {
            videoPackets = samples;
          }
        }
      } else {
        packet = av_packet_alloc();
        while (true) {
          ret = av_read_frame(context, packet);
          if (ret == AVERROR_EOF) {
            break;
          }
          if (ret < 0) {
            throw new BadInputException(subject, "unreadable after " + videoPackets + " video packets ("
                + FFmpegException.describe(ret) + ")");
          }
          if (packet.stream_index() == videoIndex) {
            videoPackets++;
          }
          av_packet_unref(packet);
        }
      }

      double duration = context.duration() == AV_NOPTS_VALUE ? Double.NaN
          : (double) context.duration() / AV_TIME_BASE;
      ProbeReport.Video video = videoIndex < 0 ? null : video(context.streams(videoIndex), videoPackets);
      ProbeReport.Audio audio = audioIndex < 0 ? null : audio(context.streams(audioIndex));
      boolean faststart = formatName != null && formatName.contains("mp4") && moovBeforeMdat(absolute);
      return new ProbeReport(subject, formatName, duration, faststart, FFmpegMetadata.entries(context.metadata()), video, audio);
    } finally {
      if (packet != null) {
        av_packet_free(packet);
      }
      if (opened) {
        avformat_close_input(context);
      }
      av_dict_free(options);
    }
  }

  /** The file's length, after checking that its top-level boxes, header by header, add up to exactly that. */
  private static long checkBoxesFillFile(Path file, String subject) {
    try (FileChannel channel = FileChannel.open(file)) {
      long length = channel.size();
      ByteBuffer header = ByteBuffer.allocate(16);
      for (long at = 0; at < length; ) {
        header.clear();
        channel.read(header, at);
        Mp4Boxes.Header box = new Mp4Boxes(new ByteArrayInputStream(header.array(), 0, header.position())).next();
        if (box == null) {
          throw new BadInputException(subject, "has " + (length - at) + " bytes at offset " + at + " that are no box");
        }
        long size = box.size() < 0 ? length - at : box.size();
        if (size > length - at) {
          throw new BadInputException(subject, "is cut short: its " + box.type() + " box at offset " + at
              + " needs " + size + " bytes, the file has " + (length - at) + " left");
        }
        at += size;
      }
      return length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The number of samples the stream's index holds, after checking that each lies inside a file of {@code length}. */
  private static long checkSamplesInside(AVStream stream, long length, String subject) {
    int count = avformat_index_get_entries_count(stream);
    for (int i = 0; i < count; i++) {
      AVIndexEntry sample = avformat_index_get_entry(stream, i);
      if (sample.pos() < 0 || sample.pos() + sample.size() > length) {
        throw new BadInputException(subject, "sample " + i + " of stream " + stream.index() + " lies outside the file"
            + " (bytes " + sample.pos() + " to " + (sample.pos() + sample.size()) + " of " + length + ")");
      }
    }
    return count;
  }

  private static ProbeReport.Video video(AVStream stream, long packets) {
    AVCodecParameters p = stream.codecpar();
    return new ProbeReport.Video(
        string(avcodec_get_name(p.codec_id())),
        string(avcodec_profile_name(p.codec_id(), p.profile())),
        string(av_get_pix_fmt_name(p.format())),
        p.width(),
        p.height(),
        packets,
        fraction(stream.r_frame_rate()),
        fraction(stream.avg_frame_rate()),
        seconds(stream.start_time(), stream.time_base()),
        seconds(stream.duration(), stream.time_base()),
        string(av_color_primaries_name(p.color_primaries())),
        string(av_color_transfer_name(p.color_trc())),
        string(av_color_space_name(p.color_space())),
        string(av_color_range_name(p.color_range())));
  }

  private static ProbeReport.Audio audio(AVStream stream) {
    AVCodecParameters p = stream.codecpar();
    return new ProbeReport.Audio(
        string(avcodec_get_name(p.codec_id())),
        string(avcodec_profile_name(p.codec_id(), p.profile())),
        p.sample_rate(),
        p.ch_layout().nb_channels(),
        seconds(stream.start_time(), stream.time_base()),
        seconds(stream.duration(), stream.time_base()));
  }

  /**
   * True when the top-level box "moov" comes before "mdat" (or there is no mdat). Walks box headers only:
   * 32-bit sizes, 64-bit "largesize" (size 1) and "to end of file" (size 0).
   */
  static boolean moovBeforeMdat(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 12)) {
      Mp4Boxes boxes = new Mp4Boxes(in);
      for (Mp4Boxes.Header box = boxes.next(); box != null && box.size() >= 0; box = boxes.next()) {
        if (box.type().equals("moov")) {
          return true;
        }
        if (box.type().equals("mdat") || !boxes.skip(box)) {
          return false;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static String fraction(AVRational rational) {
    return rational.den() == 0 ? null : rational.num() + "/" + rational.den();
  }

  private static double seconds(long value, AVRational timeBase) {
    if (value == AV_NOPTS_VALUE || timeBase.den() == 0) {
      return Double.NaN;
    }
    return (double) value * timeBase.num() / timeBase.den();
  }

  private static String string(BytePointer pointer) {
    return pointer == null || pointer.isNull() ? null : pointer.getString(StandardCharsets.UTF_8);
  }
}
