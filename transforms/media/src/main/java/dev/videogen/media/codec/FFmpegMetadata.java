package dev.videogen.media.codec;

import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.javacpp.BytePointer;

/** Reads FFmpeg metadata dictionaries (container, stream, chapter tags). */
public final class FFmpegMetadata {
  private FFmpegMetadata() {}

  /**
   * Every entry of {@code metadata} in the dictionary's order, keys and values decoded as UTF-8 (FFmpeg's
   * metadata encoding) and exactly as stored; empty for a null dictionary.
   */
  public static Map<String, String> entries(AVDictionary metadata) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (metadata == null || metadata.isNull()) {
      return entries;
    }
    AVDictionaryEntry entry = null;
    while ((entry = av_dict_get(metadata, "", entry, AV_DICT_IGNORE_SUFFIX)) != null && !entry.isNull()) {
      entries.put(utf8(entry.key()), utf8(entry.value()));
    }
    return entries;
  }

  private static String utf8(BytePointer pointer) {
    return pointer == null || pointer.isNull() ? "" : pointer.getString(StandardCharsets.UTF_8);
  }
}
