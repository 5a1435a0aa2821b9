package dev.videogen.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.audio.AacFrameInfo.Window;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading ics_info and section data: from frames written bit by bit here, and from the encoder's own. */
class AacFrameInfoTest {
  @Test
  void commonLongWindowWithANoiseSection() {
    BitWriter bits = new BitWriter();
    bits.put(3, 1).put(4, 0).put(1, 1); // channel pair, tag 0, common window
    bits.put(1, 0).put(2, 0).put(1, 1).put(6, 49).put(1, 0); // ics_info: ONLY_LONG, KBD, max_sfb 49, no predictor
    bits.put(2, 1).put(49, 0); // ms_mask_present 1: one ms_used bit per band
    bits.put(8, 100); // global_gain
    bits.put(4, 11).put(5, 31).put(5, 9); // 40 bands of codebook 11 (31 + 9)
    bits.put(4, 13).put(5, 9); // 9 bands of noise

    assertEquals(new AacFrameInfo(Window.ONLY_LONG, true, true, 49, 9), AacFrameInfo.parse(bits.bytes()));
  }

  @Test
  void ownShortWindowsInThreeGroups() {
    BitWriter bits = new BitWriter();
    bits.put(3, 1).put(4, 0).put(1, 0).put(8, 90); // channel pair, separate windows, global_gain
    bits.put(1, 0).put(2, 2).put(1, 0).put(4, 14).put(7, 0b1011011); // EIGHT_SHORT, sine, max_sfb 14, 3 groups
    bits.put(4, 13).put(3, 7).put(3, 7).put(3, 0); // group 1: 14 bands of noise (7 + 7 + 0)
    bits.put(4, 1).put(3, 7).put(3, 7).put(3, 0); // group 2: codebook 1
    bits.put(4, 13).put(3, 3).put(4, 0).put(3, 7).put(3, 4); // group 3: 3 bands of noise, 11 of zeros

    assertEquals(new AacFrameInfo(Window.EIGHT_SHORT, false, false, 14, 17), AacFrameInfo.parse(bits.bytes()));
  }

  @Test
  void notAChannelPairOrCutShortIsRefused() {
    BitWriter single = new BitWriter().put(3, 0).put(5, 0);
    BitWriter cut = new BitWriter().put(3, 1).put(4, 0).put(1, 1).put(1, 0).put(2, 0);
    BitWriter tooLong = new BitWriter().put(3, 1).put(4, 0).put(1, 1).put(1, 0).put(2, 0).put(1, 1).put(6, 3)
        .put(1, 0).put(2, 0).put(8, 100).put(4, 1).put(5, 4);

    assertThrows(IllegalArgumentException.class, () -> AacFrameInfo.parse(single.bytes()));
    assertThrows(IllegalArgumentException.class, () -> AacFrameInfo.parse(cut.bytes()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AacFrameInfo.parse(tooLong.bytes()));
    assertEquals("AAC section of 4 bands at band 0 of 3", e.getMessage());
  }

  /** A click after silence: the encoder switches to short windows there, by the only legal path and back. */
  @Test
  void encodersWindowsAroundAClick() {
    int click = 20 * 1024 + 300;
    float[][] pcm = new float[2][40 * 1024];
    for (int i = click; i < click + 64; i++) {
      pcm[0][i] = 0.8f * (1 - (i - click) / 64f);
      pcm[1][i] = pcm[0][i];
    }

    List<AacPacket> packets = encode(pcm);

    List<Window> windows = new ArrayList<>();
    for (AacPacket packet : packets) {
      AacFrameInfo info = AacFrameInfo.parse(packet.data());
      windows.add(info.window());
      // Frames that end a frame before the click's: the one before the short windows starts the switch.
      if (packet.pts() + 3072 <= click) {
        assertEquals(new AacFrameInfo(Window.ONLY_LONG, true, true, 0, 0), info, "silent frame at " + packet.pts());
      }
      if (info.window() == Window.EIGHT_SHORT) {
        assertTrue(packet.pts() <= click && click < packet.pts() + 2048, "short windows at " + packet.pts());
      }
    }
    assertTrue(windows.contains(Window.EIGHT_SHORT), windows.toString());
    for (int i = 1; i < windows.size(); i++) {
      assertTrue(follows(windows.get(i - 1)).contains(windows.get(i)), "frame " + i + ": " + windows);
    }
  }

  /** White noise at -10 dBFS is what PNS is for: the encoder codes most of its upper bands as noise. */
  @Test
  void encodersNoiseBandsOnWhiteNoise() {
    float[][] pcm = new float[2][30 * 1024];
    long seed = 7;
    for (int i = 0; i < pcm[0].length; i++) {
      for (int channel = 0; channel < 2; channel++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        pcm[channel][i] = (float) (((seed >>> 40) / (double) (1L << 24)) * 2 - 1) * 0.3f;
      }
    }

    List<AacPacket> packets = encode(pcm);

    int noiseBands = 0;
    for (AacPacket packet : packets.subList(8, packets.size() - 2)) {
      AacFrameInfo info = AacFrameInfo.parse(packet.data());
      assertTrue(info.noiseBands() <= info.maxSfb(), info.toString());
      noiseBands += info.noiseBands();
    }
    assertTrue(noiseBands > 5 * (packets.size() - 10), "noise bands in " + packets.size() + " frames: " + noiseBands);
  }

  /** The window sequences that may follow each one (ISO/IEC 14496-3, 4.5.2.3.2). */
  private static Set<Window> follows(Window window) {
    return switch (window) {
      case ONLY_LONG, LONG_STOP -> EnumSet.of(Window.ONLY_LONG, Window.LONG_START);
      case LONG_START, EIGHT_SHORT -> EnumSet.of(Window.EIGHT_SHORT, Window.LONG_STOP);
    };
  }

  private static List<AacPacket> encode(float[][] pcm) {
    List<AacPacket> packets = new ArrayList<>();
    try (AacEncoder encoder = new AacEncoder()) {
      for (int offset = 0; offset < pcm[0].length; offset += 1024) {
        encoder.encode(pcm[0], pcm[1], offset, 1024, offset, packet -> packets.add(AacPacket.copyOf(packet)));
      }
      encoder.flush(packet -> packets.add(AacPacket.copyOf(packet)));
    }
    return packets;
  }

  /** Writes fields most significant bit first. */
  private static final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int filled;

    BitWriter put(int count, long value) {
      for (int i = count - 1; i >= 0; i--) {
        current = (current << 1) | (int) ((value >>> i) & 1);
        if (++filled == 8) {
          out.write(current);
          current = 0;
          filled = 0;
        }
      }
      return this;
    }

    /** The bits so far, the last byte padded with zeros. */
    byte[] bytes() {
      byte[] whole = out.toByteArray();
      if (filled == 0) {
        return whole;
      }
      byte[] padded = Arrays.copyOf(whole, whole.length + 1);
      padded[whole.length] = (byte) (current << (8 - filled));
      return padded;
    }
  }
}
