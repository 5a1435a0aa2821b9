package dev.videogen.media.codec;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** A native FFmpeg call failed; the message names the call and its error code and text. */
public final class FFmpegException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  public FFmpegException(String call, int code) {
    super(call + " error " + code + ": " + describe(code));
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Returns {@code result} when it is not negative, else throws naming {@code call}. */
  public static int check(String call, int result) {
    if (result < 0) {
      throw new FFmpegException(call, result);
    }
    return result;
  }

  /** Returns {@code pointer} when FFmpeg allocated it, else throws naming {@code call} (FFmpeg's null is out of memory). */
  public static <T extends org.bytedeco.javacpp.Pointer> T notNull(T pointer, String call) {
    if (pointer == null || pointer.isNull()) {
      throw new OutOfMemoryError(call + " returned null");
    }
    return pointer;
  }

  public static String describe(int code) {
    byte[] buffer = new byte[256];
    av_strerror(code, buffer, buffer.length);
    int length = 0;
    while (length < buffer.length && buffer[length] != 0) {
      length++;
    }
    return new String(buffer, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
