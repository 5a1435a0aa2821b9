package dev.videogen.media.probe;

import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import dev.videogen.media.codec.FFmpegLog;
import dev.videogen.media.codec.FFmpegMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * What an MP4's header says, read without its media data: tags, video frame count and duration. A fast-start
 * MP4 keeps its {@code moov} box before {@code mdat}, so the header is a short prefix of the file — enough to
 * tell whether a published video (possibly gigabytes in object storage) was made from the same spec.
 */
public record Mp4Header(Map<String, String> tags, long videoFrames, double seconds) {
  private static final int MAX_BOXES = 64;

  public Mp4Header {
    tags = Map.copyOf(tags);
  }

  /**
   * Copies the leading top-level boxes of an MP4 up to the end of {@code moov} from {@code in} to
   * {@code out}. Returns false, having copied only part, when {@code mdat} comes first (not fast start) or
   * the stream is not an MP4.
   */
  public static boolean copyHeader(InputStream in, OutputStream out, long maxBytes) throws IOException {
    Mp4Boxes boxes = new Mp4Boxes(in);
    long copied = 0;
    for (int count = 0; count < MAX_BOXES; count++) {
      Mp4Boxes.Header box = boxes.next();
      if (box == null || box.type().equals("mdat") || box.size() < 0 || copied + box.size() > maxBytes) {
        return false;
      }
      out.write(box.raw());
      if (!boxes.copy(box, out)) {
        return false;
      }
      copied += box.size();
      if (box.type().equals("moov")) {
        return true;
      }
    }
    return false;
  }

  /** Reads the header of a local MP4 (whole, or cut after {@code moov}); null when it is not one. */
  public static Mp4Header read(Path file) {
    FFmpegLog.configure();
    AVFormatContext context = avformat_alloc_context();
    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(options, "protocol_whitelist", "file", 0);
      av_dict_set(options, "format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2", 0);
      if (avformat_open_input(context, file.toAbsolutePath().toString(), null, options) < 0) {
        context = null; // freed by avformat_open_input on failure
        return null;
      }
      Map<String, String> tags = FFmpegMetadata.entries(context.metadata());
      long frames = -1;
      for (int i = 0; i < context.nb_streams(); i++) {
        AVStream stream = context.streams(i);
        if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
          frames = stream.nb_frames();
          break;
        }
      }
      double seconds = context.duration() > 0 ? context.duration() / 1e6 : 0;
      return new Mp4Header(tags, frames, seconds);
    } finally {
      if (context != null) {
        avformat_close_input(context);
      }
      av_dict_free(options);
    }
  }
}
