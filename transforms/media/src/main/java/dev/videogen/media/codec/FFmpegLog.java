package dev.videogen.media.codec;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * FFmpeg's log level for the process: errors only by default, because libx264 prints a block of statistics
 * for every chunk and a long video has hundreds of chunks. {@code VIDEOGEN_FFMPEG_LOG_LEVEL} (FFmpeg's
 * numeric levels, e.g. 32 for info) turns it up when debugging.
 */
public final class FFmpegLog {
  private static boolean configured;

  private FFmpegLog() {}

  /** Sets the level once per process; cheap to call from every native entry point. */
  public static synchronized void configure() {
    if (!configured) {
      String level = System.getenv("VIDEOGEN_FFMPEG_LOG_LEVEL");
      av_log_set_level(level == null || level.isBlank() ? AV_LOG_ERROR : Integer.parseInt(level.strip()));
      configured = true;
    }
  }

  public static int level() {
    return av_log_get_level();
  }
}
