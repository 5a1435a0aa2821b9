package dev.videogen.media.audio;

import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;

/**
 * What the 4-byte header of an MPEG audio frame (MP1, MP2, MP3; ISO 11172-3, 13818-3 and the MPEG 2.5
 * extension) says about its samples: the rate, the channels and how many samples per channel the frame decodes to.
 */
record MpegFrame(int rate, int channels, int samples) {
  private static final int[][] RATES = {
      {11_025, 12_000, 8_000}, // MPEG 2.5 (version bits 00)
      null,                    // reserved (01)
      {22_050, 24_000, 16_000}, // MPEG 2 (10)
      {44_100, 48_000, 32_000}, // MPEG 1 (11)
  };

  /** The header at the start of {@code data} ({@code size} bytes), or null if it is not a valid one. */
  static MpegFrame parse(BytePointer data, int size) {
    if (data == null || data.isNull() || size < 4) {
      return null;
    }
    return parse(data.capacity(4).asByteBuffer().order(ByteOrder.BIG_ENDIAN).getInt(0)); // JavaCPP gives native order
  }

  /** The header {@code header} (its four bytes, big-endian), or null if it is not a valid one. */
  static MpegFrame parse(int header) {
    int version = header >>> 19 & 3;
    int layer = header >>> 17 & 3; // 3: Layer I, 2: Layer II, 1: Layer III
    int rateIndex = header >>> 10 & 3;
    int bitrateIndex = header >>> 12 & 15;
    if ((header >>> 21 & 0x7FF) != 0x7FF || RATES[version] == null || layer == 0 || rateIndex == 3
        || bitrateIndex == 15) {
      return null;
    }
    boolean mpeg1 = version == 3;
    int samples = layer == 3 ? 384 : layer == 2 || mpeg1 ? 1152 : 576;
    int channels = (header >>> 6 & 3) == 3 ? 1 : 2;
    return new MpegFrame(RATES[version][rateIndex], channels, samples);
  }
}
