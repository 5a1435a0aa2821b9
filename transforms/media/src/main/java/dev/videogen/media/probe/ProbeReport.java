package dev.videogen.media.probe;

import java.util.Locale;
import java.util.Map;

/**
 * What {@link MediaProbe} found in a media file. Times are in seconds; a time the file does not state is
 * {@code NaN} (written as JSON null). Names are FFmpeg's (e.g. profile "High", pix_fmt "yuv420p",
 * color_primaries "bt709", color_range "tv").
 *
 * @param file the probed file
 * @param format the container format as libavformat names it (e.g. "mov,mp4,m4a,3gp,3g2,mj2")
 * @param duration the container's duration
 * @param faststart true when an MP4/MOV file has its moov box before its mdat box (top-level boxes)
 * @param tags the container's metadata tags
 * @param video the first video stream, or null
 * @param audio the first audio stream, or null
 */
public record ProbeReport(String file, String format, double duration, boolean faststart,
    Map<String, String> tags, Video video, Audio audio) {

  public ProbeReport {
    tags = Map.copyOf(tags);
  }

  /**
   * The first video stream.
   *
   * @param frames the number of video packets in the file (counted, not estimated)
   * @param fps the frame rate as an exact fraction, e.g. "30000/1001" (FFmpeg's r_frame_rate)
   * @param averageFps FFmpeg's avg_frame_rate as a fraction
   */
  public record Video(String codec, String profile, String pixFmt, int width, int height, long frames,
      String fps, String averageFps, double startTime, double duration, String colorPrimaries,
      String colorTransfer, String colorSpace, String colorRange) {

    /** The frame rate as a number. */
    public double fpsValue() {
      return fraction(fps);
    }
  }

  /** The first audio stream. */
  public record Audio(String codec, String profile, int sampleRate, int channels, double startTime,
      double duration) {}

  /** The report as a JSON object, keys in a fixed order. */
  public String toJson() {
    StringBuilder json = new StringBuilder(512);
    json.append('{');
    field(json, "file", file).append(',');
    field(json, "format", format).append(',');
    field(json, "duration", duration).append(',');
    json.append("\"faststart\":").append(faststart).append(',');
    json.append("\"tags\":{");
    boolean first = true;
    for (Map.Entry<String, String> tag : new java.util.TreeMap<>(tags).entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      field(json, tag.getKey(), tag.getValue());
    }
    json.append("},\"video\":");
    if (video == null) {
      json.append("null");
    } else {
      json.append('{');
      field(json, "codec", video.codec()).append(',');
      field(json, "profile", video.profile()).append(',');
      field(json, "pix_fmt", video.pixFmt()).append(',');
      json.append("\"width\":").append(video.width()).append(',');
      json.append("\"height\":").append(video.height()).append(',');
      json.append("\"frames\":").append(video.frames()).append(',');
      field(json, "fps", video.fps()).append(',');
      field(json, "avg_fps", video.averageFps()).append(',');
      field(json, "start_time", video.startTime()).append(',');
      field(json, "duration", video.duration()).append(',');
      field(json, "color_primaries", video.colorPrimaries()).append(',');
      field(json, "color_transfer", video.colorTransfer()).append(',');
      field(json, "color_space", video.colorSpace()).append(',');
      field(json, "color_range", video.colorRange());
      json.append('}');
    }
    json.append(",\"audio\":");
    if (audio == null) {
      json.append("null");
    } else {
      json.append('{');
      field(json, "codec", audio.codec()).append(',');
      field(json, "profile", audio.profile()).append(',');
      json.append("\"sample_rate\":").append(audio.sampleRate()).append(',');
      json.append("\"channels\":").append(audio.channels()).append(',');
      field(json, "start_time", audio.startTime()).append(',');
      field(json, "duration", audio.duration());
      json.append('}');
    }
    return json.append('}').toString();
  }

  private static StringBuilder field(StringBuilder json, String key, String value) {
    string(json, key).append(':');
    return value == null ? json.append("null") : string(json, value);
  }

  private static StringBuilder field(StringBuilder json, String key, double value) {
    string(json, key).append(':');
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return json.append("null");
    }
    return json.append(String.format(Locale.ROOT, "%.6f", value));
  }

  private static StringBuilder string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }

  static double fraction(String value) {
    if (value == null) {
      return Double.NaN;
    }
    int slash = value.indexOf('/');
    if (slash < 0) {
      return Double.parseDouble(value);
    }
    double den = Double.parseDouble(value.substring(slash + 1));
    return den == 0 ? Double.NaN : Double.parseDouble(value.substring(0, slash)) / den;
  }
}
