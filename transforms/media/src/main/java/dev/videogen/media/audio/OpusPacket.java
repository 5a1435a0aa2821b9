package dev.videogen.media.audio;

import org.bytedeco.javacpp.BytePointer;

/**
 * What the first bytes of an Opus packet (RFC 6716, section 3.1) say about its length: the table-of-contents
 * byte's configuration gives the frame duration, its last two bits the frame count (one; two; or, for code 3, the
 * count in the next byte). Every stream of a multistream packet (RFC 7845) has the first one's duration.
 */
final class OpusPacket {
  /** Opus decodes at 48 kHz whatever rate its container declares. */
  static final int RATE = 48_000;
  private static final int MAX_SAMPLES = RATE * 120 / 1000; // a packet holds at most 120 ms
  private static final int[] SILK_FRAME_SAMPLES = {480, 960, 1920, 2880}; // 10, 20, 40, 60 ms

  private OpusPacket() {}

  /** The samples per channel the packet ({@code size} bytes at {@code data}) decodes to, or -1 if it is not a valid one. */
  static int samples(BytePointer data, int size) {
    if (data == null || data.isNull() || size < 1) {
      return -1;
    }
    int toc = data.get(0) & 0xFF;
    int frames = switch (toc & 3) {
      case 0 -> 1;
      case 1, 2 -> 2;
      default -> size < 2 ? 0 : data.get(1) & 0x3F;
    };
    int samples = frames * frameSamples(toc >>> 3);
    return frames == 0 || samples > MAX_SAMPLES ? -1 : samples;
  }

  /** Samples per frame at 48 kHz of configuration {@code config} (0–31). */
  private static int frameSamples(int config) {
    if (config < 12) { // SILK only
      return SILK_FRAME_SAMPLES[config & 3];
    }
    if (config < 16) { // hybrid: 10, 20 ms
      return (config & 1) == 0 ? 480 : 960;
    }
    return 120 << (config & 3); // CELT only: 2.5, 5, 10, 20 ms
  }
}
