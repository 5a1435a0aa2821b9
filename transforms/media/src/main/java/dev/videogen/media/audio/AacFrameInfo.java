package dev.videogen.media.audio;

/**
 * What the start of a stereo AAC-LC frame (a raw_data_block whose first element is a channel pair, as
 * {@link AudioTrackEncoder} writes them) says about its first channel: its window (ISO/IEC 14496-3 ics_info)
 * and how many of its scalefactor bands are coded as noise (PNS, section codebook 13). Read from the bits
 * before the first Huffman-coded field, so it needs no tables. For measuring what an encoder decided, e.g. at
 * a segment seam (docs/BENCHMARKS-audio-seams.md).
 *
 * @param window the window sequence
 * @param kbdWindow the window shape: Kaiser–Bessel-derived, else sine
 * @param commonWindow whether both channels share this ics_info (else it is the first channel's own)
 * @param maxSfb scalefactor bands transmitted per window group
 * @param noiseBands bands of the first channel, over all window groups, coded as perceptual noise substitution
 */
public record AacFrameInfo(Window window, boolean kbdWindow, boolean commonWindow, int maxSfb, int noiseBands) {
  /** window_sequence, in the order of its 2-bit code. */
  public enum Window { ONLY_LONG, LONG_START, EIGHT_SHORT, LONG_STOP }

  private static final int CHANNEL_PAIR = 1;
  private static final int NOISE_CODEBOOK = 13;

  /**
   * Reads a frame's first element.
   *
   * @throws IllegalArgumentException if it is not an AAC-LC channel pair, or the frame ends inside the fields read
   */
  public static AacFrameInfo parse(byte[] frame) {
    Bits bits = new Bits(frame);
    int element = bits.read(3);
    if (element != CHANNEL_PAIR) {
      throw new IllegalArgumentException("AAC frame starts with element " + element + ", not a channel pair");
    }
    bits.read(4); // element_instance_tag
    boolean common = bits.read(1) == 1;
    IcsInfo ics;
    if (common) {
      ics = IcsInfo.read(bits);
      int msMaskPresent = bits.read(2);
      if (msMaskPresent == 1) {
        bits.skip(ics.groups() * ics.maxSfb()); // ms_used, one bit per band and group
      }
      bits.read(8); // the first channel's global_gain
    } else {
      bits.read(8); // global_gain comes before a channel's own ics_info
      ics = IcsInfo.read(bits);
    }
    // section_data: per window group, runs of bands sharing a codebook; a run's length is a sum of fields of
    // 5 bits (long windows) or 3 (short), each all-ones field meaning "and more".
    int lengthBits = ics.window() == Window.EIGHT_SHORT ? 3 : 5;
    int escape = (1 << lengthBits) - 1;
    int noise = 0;
    for (int group = 0; group < ics.groups(); group++) {
      for (int band = 0; band < ics.maxSfb(); ) {
        int codebook = bits.read(4);
        int length = 0;
        int increment;
        do {
          increment = bits.read(lengthBits);
          length += increment;
        } while (increment == escape);
        if (length == 0 || band + length > ics.maxSfb()) {
          throw new IllegalArgumentException("AAC section of " + length + " bands at band " + band + " of " + ics.maxSfb());
        }
        if (codebook == NOISE_CODEBOOK) {
          noise += length;
        }
        band += length;
      }
    }
    return new AacFrameInfo(ics.window(), ics.kbd(), common, ics.maxSfb(), noise);
  }

  private record IcsInfo(Window window, boolean kbd, int maxSfb, int groups) {
    static IcsInfo read(Bits bits) {
      bits.read(1); // ics_reserved_bit
      Window window = Window.values()[bits.read(2)];
      boolean kbd = bits.read(1) == 1;
      if (window == Window.EIGHT_SHORT) {
        int maxSfb = bits.read(4);
        int grouping = bits.read(7); // a 1 puts window w + 1 in window w's group
        return new IcsInfo(window, kbd, maxSfb, 1 + 7 - Integer.bitCount(grouping));
      }
      int maxSfb = bits.read(6);
      if (bits.read(1) == 1) {
        throw new IllegalArgumentException("AAC frame has predictor data: not AAC-LC");
      }
      return new IcsInfo(window, kbd, maxSfb, 1);
    }
  }

  /** Most significant bit first, as AAC writes them. */
  private static final class Bits {
    private final byte[] data;
    private int position;

    Bits(byte[] data) {
      this.data = data;
    }

    int read(int count) {
      if (position + count > data.length * 8L) {
        throw new IllegalArgumentException("AAC frame of " + data.length + " bytes ends inside its first element");
      }
      int value = 0;
      for (int i = 0; i < count; i++, position++) {
        value = (value << 1) | ((data[position >> 3] >> (7 - (position & 7))) & 1);
      }
      return value;
    }

    void skip(int count) {
      for (int i = 0; i < count; i++) {
        read(1);
      }
    }
  }
}
