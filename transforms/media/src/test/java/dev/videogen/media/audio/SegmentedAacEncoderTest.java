package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.decodePacketFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.audio.AudioFixtures.DecodedPacketFile;
import dev.videogen.media.audio.SegmentedAacEncoder.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segmented AAC encoding: the joined stream has the single encoder's timeline, its bytes do not depend on
 * the thread count, and it decodes about as faithfully as one encoder's stream, at the seams too. Segments
 * here are short (0.68 s; 5.5 s and 22 s where quality is measured) so that seconds of audio cross several
 * seams.
 */
class SegmentedAacEncoderTest {
  private static final int RATE = AudioTrackEncoder.SAMPLE_RATE;
  private static final Layout SHORT = new Layout(32, 32);

  @TempDir Path dir;

  @Test
  void joinedStreamHasTheSingleEncodersTimeline() throws Exception {
    float[][] pcm = music(5 * RATE + 777);
    Path segmented = dir.resolve("segmented.vgp");

    EncodedAudio encoded = SegmentedAacEncoder.encode(source(pcm), pcm[0].length, SHORT, 2, segmented);

    DecodedPacketFile decoded = decodePacketFile(segmented);
    int total = pcm[0].length;
    long frames = (total + 1024 + 1023) / 1024;
    assertEquals(new EncodedAudio(total, frames, 8), encoded);
    assertEquals(frames, decoded.packets().size());
    for (int i = 0; i < frames; i++) {
      long[] packet = decoded.packets().get(i);
      assertEquals(-1024 + 1024L * i, packet[0], "pts of packet " + i);
      assertEquals(packet[0], packet[1], "dts of packet " + i);
      assertEquals(i < frames - 1 ? 1024 : total - packet[0], packet[2], "duration of packet " + i);
    }
    assertEquals(1024, decoded.initialPadding());
    assertEquals(5, decoded.extradataSize());
  }

  @Test
  void bytesDoNotDependOnTheThreadCount() throws Exception {
    float[][] pcm = music(4 * RATE + 100);
    Path one = dir.resolve("one.vgp");
    Path two = dir.resolve("two.vgp");
    Path five = dir.resolve("five.vgp");

    SegmentedAacEncoder.encode(source(pcm), pcm[0].length, SHORT, 1, one);
    SegmentedAacEncoder.encode(source(pcm), pcm[0].length, SHORT, 2, two);
    SegmentedAacEncoder.encode(source(pcm), pcm[0].length, SHORT, 5, five);

    assertEquals(-1, Files.mismatch(one, two));
    assertEquals(-1, Files.mismatch(one, five));
  }

  /**
   * Each encoder's rate control has its own history, so around a seam frames differ in coding error from one
   * encoder's by up to ~3× either way (0.26–3.0 measured), and a fresh encoder, started from its silent
   * lead-in, spends slightly more bits for a while; overall the joined stream's error energy and size stay
   * within a few percent of one encoder's (this test prints them: 0.86 and 1.008 now). Mismatched windows at a seam would alias at the level of the signal, tens of
   * times the coding noise.
   */
  @Test
  void decodesAboutAsFaithfullyAsOneEncoderAtEverySeam() throws Exception {
    Layout layout = new Layout(256, 128);
    float[][] pcm = music(24 * RATE);
    Path whole = dir.resolve("whole.vgp");
    Path segmented = dir.resolve("segmented.vgp");

    AudioTrackEncoder.encodeWhole(source(pcm), pcm[0].length, whole);
    EncodedAudio encoded = SegmentedAacEncoder.encode(source(pcm), pcm[0].length, layout, 2, segmented);

    assertEquals(5, encoded.segments());
    double[] wholeError = frameErrors(decodePacketFile(whole), pcm);
    double[] segmentedError = frameErrors(decodePacketFile(segmented), pcm);
    for (int seam = layout.segmentFrames(); seam < wholeError.length; seam += layout.segmentFrames()) {
      for (int frame = seam - 1; frame <= Math.min(seam + 2, wholeError.length - 1); frame++) {
        double ratio = segmentedError[frame] / wholeError[frame];
        assertTrue(ratio < 4, "frame " + frame + " (seam at " + seam + "): error " + ratio + "× one encoder's");
      }
    }
    double ratio = sum(segmentedError) / sum(wholeError);
    double bytes = Files.size(segmented) / (double) Files.size(whole);
    System.out.printf("segmented / one encoder, 24 s of music in 5.5-s segments: error energy %.3f, bytes %.4f%n",
        ratio, bytes);
    assertTrue(ratio > 0.8 && ratio < 1.25, "error energy, segmented / one encoder: " + ratio);
    assertTrue(bytes > 0.99 && bytes < 1.01, "size, segmented / one encoder: " + bytes);
  }

  /**
   * A fresh encoder's rate control starts far below where it settles on noise, and until it gets there it
   * replaces bands with synthetic noise: started on the run-in itself, the 64 frames after a seam here were
   * 3.5 dB worse than one encoder's (mean per-frame SNR), against 0.6 dB for the rest of the segment; entering
   * from silence, 0.5 dB against 0.2 dB (this test prints the figures; the run-in here is a third of the
   * default's, so the settling shows).
   */
  @Test
  void framesAfterEverySeamAreCodedAsWellAsTheRestOnNoise() throws Exception {
    // One encoder takes as long to settle at the start of the track: seams from 22 s on.
    Layout layout = new Layout(1024, 128);
    float[][] pcm = pinkNoise(70 * RATE);
    Path whole = dir.resolve("whole.vgp");
    Path segmented = dir.resolve("segmented.vgp");

    AudioTrackEncoder.encodeWhole(source(pcm), pcm[0].length, whole);
    EncodedAudio encoded = SegmentedAacEncoder.encode(source(pcm), pcm[0].length, layout, 2, segmented);

    assertEquals(4, encoded.segments());
    double[] wholeError = frameErrors(decodePacketFile(whole), pcm);
    double[] segmentedError = frameErrors(decodePacketFile(segmented), pcm);
    double[] difference = new double[wholeError.length]; // SNR(segmented) - SNR(one encoder), dB
    for (int frame = 0; frame < difference.length; frame++) {
      difference[frame] = 10 * Math.log10(wholeError[frame] / segmentedError[frame]);
    }
    double head = 0;
    double rest = 0;
    int seams = 0;
    for (int seam = layout.segmentFrames(); seam + layout.segmentFrames() <= difference.length;
        seam += layout.segmentFrames()) {
      seams++;
      head += mean(difference, seam, seam + 64);
      rest += mean(difference, seam + 64, seam + layout.segmentFrames());
    }
    head /= seams;
    rest /= seams;
    System.out.printf("SNR, segmented - one encoder: %+.2f dB in the 64 frames after a seam, %+.2f dB in the rest"
        + " of the segment (%d seams)%n", head, rest, seams);
    assertEquals(2, seams);
    assertTrue(head > rest - 1, "after a seam " + head + " dB, elsewhere " + rest + " dB");
  }

  /** No seam of half a minute of music, nor of white noise (coded with synthetic noise, SNR ~1 dB), is refused. */
  @Test
  void seamCheckAcceptsEverySeamOfMusicAndOfNoise() throws Exception {
    float[][] noise = new float[2][30 * RATE];
    long seed = 99;
    for (int i = 0; i < noise[0].length; i++) {
      for (int channel = 0; channel < 2; channel++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        noise[channel][i] = (float) (((seed >>> 40) / (double) (1L << 24)) * 2 - 1) * 0.3f;
      }
    }
    Layout layout = new Layout(64, 32);

    for (float[][] pcm : List.of(music(30 * RATE), noise)) {
      Path out = dir.resolve("seams.vgp");
      EncodedAudio encoded = SegmentedAacEncoder.encode(source(pcm), pcm[0].length, layout, 2, out);
      assertEquals((pcm[0].length + 2047) / 1024, encoded.packets());
    }
  }

  @Test
  void seamCheckRejectsAStreamThatDoesNotContinueTheFirst() throws Exception {
    float[][] pcm = music(2 * RATE);
    float[][] shifted = {java.util.Arrays.copyOfRange(pcm[0], 512, pcm[0].length),
        java.util.Arrays.copyOfRange(pcm[1], 512, pcm[1].length)};
    List<AacPacket> first = packets(pcm);
    List<AacPacket> other = packets(shifted);
    int seam = 40; // packet index of pts 39 × 1024
    List<AacPacket> before = first.subList(seam - 2, seam);
    List<AacPacket> continuation = first.subList(seam, seam + 2);
    long pts = continuation.get(0).pts();
    List<AacPacket> misplaced = new ArrayList<>();
    for (AacPacket packet : other.subList(seam, seam + 2)) {
      misplaced.add(new AacPacket(packet.pts() + 512, packet.duration(), packet.key(), packet.data()));
    }
    float[] left = java.util.Arrays.copyOfRange(pcm[0], (int) pts, (int) pts + 2048);
    float[] right = java.util.Arrays.copyOfRange(pcm[1], (int) pts, (int) pts + 2048);

    try (AacEncoder encoder = new AacEncoder(); AacSeamCheck check = new AacSeamCheck(encoder)) {
      assertTrue(check.seamless(before, continuation, continuation, left, right, 2048));
      assertFalse(check.seamless(before, misplaced, continuation, left, right, 2048));
    }
  }

  @Test
  void trackShorterThanPromisedFails() {
    float[][] pcm = music(RATE);
    Path out = dir.resolve("short.vgp");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SegmentedAacEncoder.encode(source(pcm), 2L * RATE, SHORT, 2, out));

    assertTrue(e.getMessage().contains("ended at sample 48000"), e.getMessage());
  }

  @Test
  void layoutNeedsRoomForTheSeamCheck() {
    assertThrows(IllegalArgumentException.class, () -> new Layout(3, 2));
    assertThrows(IllegalArgumentException.class, () -> new Layout(32, 1));
    assertThrows(IllegalArgumentException.class, () -> new Layout(32, 33));
    assertEquals(1, Layout.DEFAULT.segments(1));
    assertEquals(1, Layout.DEFAULT.segments(4096L * 1024));
    assertEquals(2, Layout.DEFAULT.segments(4096L * 1024 + 1));
  }

  @Test
  void tracksOfNinetyMinutesOrMoreGetSegmentsTwiceAsLong() {
    long longer = 31L * 8192 * 1024; // 90.3 min: 62 segments of 4096 frames, 31 of 8192
    assertEquals(Layout.DEFAULT, Layout.forTrack(1));
    assertEquals(Layout.DEFAULT, Layout.forTrack(600L * 48_000));
    assertEquals(Layout.DEFAULT, Layout.forTrack(longer));
    assertEquals(new Layout(8192, 384), Layout.forTrack(longer + 1));
    assertEquals(32, Layout.forTrack(longer + 1).segments(longer + 1));
    // Three hours at 48 kHz: 62 segments instead of 124; six hours: 124, never longer than 8192 frames.
    assertEquals(62, Layout.forTrack(10_800L * 48_000).segments(10_800L * 48_000));
    assertEquals(new Layout(8192, 384), Layout.forTrack(21_600L * 48_000));
    assertEquals(124, Layout.forTrack(21_600L * 48_000).segments(21_600L * 48_000));
  }

  /** Squared error per 1024-sample frame of the decoded stream (priming skipped) against the input. */
  private static double[] frameErrors(DecodedPacketFile decoded, float[][] pcm) {
    int frames = (pcm[0].length + 1023) / 1024;
    double[] errors = new double[frames];
    for (int i = 0; i < pcm[0].length; i++) {
      double l = decoded.left()[1024 + i] - pcm[0][i];
      double r = decoded.right()[1024 + i] - pcm[1][i];
      errors[i / 1024] += l * l + r * r;
    }
    return errors;
  }

  private static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }

  private static double sum(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum;
  }

  /** The packets one encoder makes of {@code pcm}. */
  private static List<AacPacket> packets(float[][] pcm) {
    List<AacPacket> packets = new ArrayList<>();
    try (AacEncoder encoder = new AacEncoder()) {
      for (int offset = 0; offset < pcm[0].length; offset += 1024) {
        encoder.encode(pcm[0], pcm[1], offset, Math.min(1024, pcm[0].length - offset), offset,
            packet -> packets.add(AacPacket.copyOf(packet)));
      }
      encoder.flush(packet -> packets.add(AacPacket.copyOf(packet)));
    }
    return packets;
  }

  /**
   * Something like music, hard for the coder: chords that change every 0.4 s, drum-like bursts of noise
   * with sharp attacks (short windows) at irregular times, and a quiet noise floor. Deterministic.
   */
  static float[][] music(int samples) {
    float[] left = new float[samples];
    float[] right = new float[samples];
    long seed = 12345;
    double[] chord = {220, 277.2, 329.6};
    double hit = 0;
    long nextHit = 7000;
    for (int i = 0; i < samples; i++) {
      if (i % 19_200 == 0) {
        double root = 110 * Math.pow(2, ((i / 19_200) * 5 % 12) / 12.0);
        chord = new double[] {root * 2, root * 2.52, root * 3};
      }
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      double noise = ((seed >>> 40) / (double) (1L << 24)) * 2 - 1;
      if (i == nextHit) {
        hit = 0.6;
        nextHit += 9000 + (seed >>> 50) % 14_000;
      }
      hit *= 0.9995;
      double t = i / (double) RATE;
      double tone = 0.12 * (Math.sin(2 * Math.PI * chord[0] * t) + Math.sin(2 * Math.PI * chord[1] * t)
          + Math.sin(2 * Math.PI * chord[2] * t));
      left[i] = (float) (tone + hit * noise + 0.01 * noise);
      right[i] = (float) (0.8 * tone + hit * noise * 0.7 + 0.01 * noise);
    }
    return new float[][] {left, right};
  }

  /**
   * Pink noise (-3 dB per octave: Paul Kellet's three-pole filter of white noise), independent in each channel,
   * about -19 dBFS RMS, like the bench's ({@code anoisesrc=color=pink:amplitude=0.3}). Deterministic.
   */
  static float[][] pinkNoise(int samples) {
    float[][] pcm = new float[2][samples];
    long seed = 2024;
    for (int channel = 0; channel < 2; channel++) {
      double b0 = 0;
      double b1 = 0;
      double b2 = 0;
      for (int i = 0; i < samples; i++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        double white = ((seed >>> 40) / (double) (1L << 24)) * 2 - 1;
        b0 = 0.99765 * b0 + white * 0.0990460;
        b1 = 0.96300 * b1 + white * 0.2965164;
        b2 = 0.57000 * b2 + white * 1.0526913;
        pcm[channel][i] = (float) (0.05 * (b0 + b1 + b2 + white * 0.1848));
      }
    }
    return pcm;
  }

  /** An in-memory {@link PcmSource}, read in the uneven pieces a real track gives. */
  static PcmSource source(float[][] pcm) {
    return new PcmSource() {
      private int position;

      @Override
      public int read(float[] left, float[] right, int offset, int length) {
        if (position == pcm[0].length) {
          return -1;
        }
        int count = Math.min(Math.min(length, 700), pcm[0].length - position);
        System.arraycopy(pcm[0], position, left, offset, count);
        System.arraycopy(pcm[1], position, right, offset, count);
        position += count;
        return count;
      }

      @Override
      public void close() {}
    };
  }
}
