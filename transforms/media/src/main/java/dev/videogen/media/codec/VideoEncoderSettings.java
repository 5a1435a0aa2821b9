package dev.videogen.media.codec;

import dev.videogen.media.FrameRate;
import java.io.Serializable;
import java.util.List;

/**
 * How every chunk of one video is encoded. All chunks of a video must use equal settings: the assembler
 * concatenates their packets and accepts only chunks whose codec parameters (SPS/PPS) are identical.
 *
 * @param width frame width in pixels, even (4:2:0 chroma)
 * @param height frame height in pixels, even
 * @param fps the exact constant frame rate; the encoder's time base is its inverse
 * @param crf x264 constant rate factor, 1 to 51 (0 would be lossless, which High profile cannot encode)
 * @param preset an x264 preset name
 * @param threads x264 threads for one chunk encoder; fixed, because x264's output depends on it
 * @param keyframeInterval the longest GOP in frames (x264 keyint); each chunk also starts with an IDR frame
 */
public record VideoEncoderSettings(
    int width, int height, FrameRate fps, int crf, String preset, int threads, int keyframeInterval)
    implements Serializable {

  /** The x264 presets, fastest first. */
  public static final List<String> PRESETS = List.of(
      "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo");

  public VideoEncoderSettings {
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "frame size must be positive and even for 4:2:0 chroma, was " + width + "x" + height);
    }
    if (width > 16384 || height > 16384) {
      throw new IllegalArgumentException("frame size too large for H.264: " + width + "x" + height);
    }
    if (fps == null) {
      throw new IllegalArgumentException("fps is required");
    }
    if (crf < 0 || crf > 51) {
      throw new IllegalArgumentException("crf must be from 0 to 51, was " + crf);
    }
    if (crf == 0) {
      throw new IllegalArgumentException(
          "crf 0 means lossless, which the High profile cannot encode: use 1 to 51");
    }
    if (preset == null || !PRESETS.contains(preset)) {
      throw new IllegalArgumentException("preset must be one of " + PRESETS + ", was " + preset);
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("threads must be from 1 to 64, was " + threads);
    }
    if (keyframeInterval < 1) {
      throw new IllegalArgumentException("keyframeInterval must be at least 1, was " + keyframeInterval);
    }
  }
}
