package dev.videogen.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** MPEG audio frame headers, bit by bit. */
class MpegFrameTest {
  @Test
  void readsRateChannelsAndSamplesPerFrame() {
    // FF FB 90 64: MPEG-1 Layer III, 128 kb/s, 44.1 kHz, joint stereo.
    assertEquals(new MpegFrame(44_100, 2, 1152), MpegFrame.parse(0xFFFB9064));
    // FF FB 94 C4: the same at 48 kHz, mono (channel mode 11).
    assertEquals(new MpegFrame(48_000, 1, 1152), MpegFrame.parse(0xFFFB94C4));
    // FF F3 ..: MPEG-2 Layer III at 22.05 kHz: 576 samples a frame.
    assertEquals(new MpegFrame(22_050, 2, 576), MpegFrame.parse(0xFFF39064));
    // FF E3 ..: MPEG 2.5 Layer III, rate index 2: 8 kHz.
    assertEquals(new MpegFrame(8_000, 2, 576), MpegFrame.parse(0xFFE39864));
    // FF FD ..: MPEG-1 Layer II: 1152; FF F5 ..: MPEG-2 Layer II: 1152 too; FF FF ..: Layer I: 384.
    assertEquals(new MpegFrame(44_100, 2, 1152), MpegFrame.parse(0xFFFD9064));
    assertEquals(new MpegFrame(22_050, 2, 1152), MpegFrame.parse(0xFFF59064));
    assertEquals(new MpegFrame(44_100, 2, 384), MpegFrame.parse(0xFFFF9064));
  }

  @Test
  void refusesWhatIsNoHeader() {
    assertNull(MpegFrame.parse(0x7FFB9064), "no sync");
    assertNull(MpegFrame.parse(0xFFEB9064), "reserved version 01");
    assertNull(MpegFrame.parse(0xFFF99064), "reserved layer 00");
    assertNull(MpegFrame.parse(0xFFFB9C64), "reserved rate index 11");
    assertNull(MpegFrame.parse(0xFFFBF064), "bad bitrate index 1111");
    assertNull(MpegFrame.parse(null, 4));
  }
}
