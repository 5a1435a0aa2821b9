package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.constant;
import static dev.videogen.media.audio.AudioFixtures.decodePacketFile;
import static dev.videogen.media.audio.AudioFixtures.ffmpeg;
import static dev.videogen.media.audio.AudioFixtures.rms;
import static dev.videogen.media.audio.AudioFixtures.sine;
import static dev.videogen.media.audio.AudioFixtures.wav;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_AAC_LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import dev.videogen.media.Sha256;
import dev.videogen.media.audio.AudioFixtures.DecodedPacketFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioTrackEncoderTest {
  @TempDir Path dir;

  @Test
  void packetFileDecodesToExactlyTotalSamples() {
    // 0.5 s silence, then 0.5 s of a 1 kHz tone, then 0.25 s of padding: 60 000 samples.
    Path silence = wav(dir.resolve("silence.wav"), 48_000, 2, 24_000, constant(0));
    Path tone = wav(dir.resolve("tone.wav"), 48_000, 2, 24_000, sine(1000, 48_000, 16384));
    Path out = dir.resolve("audio.vgp");

    EncodedAudio encoded = AudioTrackEncoder.encode(
        List.of(AudioClip.of("silence", silence), AudioClip.of("tone", tone)), 60_000, out);

    DecodedPacketFile decoded = decodePacketFile(out);
    assertEquals(60_000, encoded.samples());
    assertEquals(encoded.packets(), decoded.packets().size());
    assertEquals(AV_CODEC_ID_AAC, decoded.codecId());
    assertEquals(48_000, decoded.sampleRate());
    assertEquals(2, decoded.channels());
    assertEquals(AV_PROFILE_AAC_LOW, decoded.profile());
    assertEquals(192_000, decoded.bitRate());
    // AudioSpecificConfig for AAC-LC 48 kHz stereo, plus the (SBR off) sync extension FFmpeg's encoder adds.
    assertEquals(5, decoded.extradataSize());
    assertEquals(1, decoded.timeBaseNum());
    assertEquals(48_000, decoded.timeBaseDen());
    int priming = decoded.initialPadding();
    assertEquals(1024, priming);

    // The encoder's own timestamps: from -initial_padding, 1024 apart, ending at exactly totalSamples.
    List<long[]> packets = decoded.packets();
    assertEquals(-priming, packets.get(0)[0]);
    for (int i = 0; i < packets.size(); i++) {
      assertEquals(-priming + 1024L * i, packets.get(i)[0], "pts of packet " + i);
      assertEquals(packets.get(i)[0], packets.get(i)[1], "dts of packet " + i);
    }
    long[] last = packets.get(packets.size() - 1);
    assertEquals(60_000, last[0] + last[2]);
    assertEquals(60_000 + priming, packets.stream().mapToLong(p -> p[2]).sum());

    // Decoded: every packet gives 1024 samples; without the priming and past the end, exactly 60 000.
    assertEquals(1024L * packets.size(), decoded.left().length);
    long usable = decoded.left().length - priming;
    assertTrue(usable >= 60_000, "decoded " + usable);
    float[] left = java.util.Arrays.copyOfRange(decoded.left(), priming, priming + 60_000);
    float[] right = java.util.Arrays.copyOfRange(decoded.right(), priming, priming + 60_000);
    double toneRms = 0.5 / Math.sqrt(2);
    assertTrue(rms(left, 0, 23_000) < 0.01, "silence " + rms(left, 0, 23_000));
    assertEquals(toneRms, rms(left, 25_000, 47_000), 0.02);
    assertEquals(toneRms, rms(right, 25_000, 47_000), 0.02);
    assertTrue(rms(left, 49_000, 60_000) < 0.01, "padding " + rms(left, 49_000, 60_000));
  }

  @Test
  void sameInputGivesByteIdenticalPacketFiles() throws IOException {
    Path a = wav(dir.resolve("a.wav"), 44_100, 1, 30_000, sine(440, 44_100, 12000));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 20_000, sine(660, 48_000, 9000));
    List<AudioClip> clips = List.of(new AudioClip("a", a, 0.05, 0.1), new AudioClip("b", b, 0.1, 0.05));
    Path first = dir.resolve("first.vgp");
    Path second = dir.resolve("second.vgp");

    EncodedAudio one = AudioTrackEncoder.encode(clips, 70_000, first);
    EncodedAudio two = AudioTrackEncoder.encode(clips, 70_000, second);

    assertEquals(one, two);
    assertEquals(-1, Files.mismatch(first, second));
  }

  /**
   * Without crossfades or loudness the encoder writes the bytes it wrote before they existed: the SHA-256
   * was computed on main before the audio extensions (same natives, same inputs). Segmenting applies from ten
   * minutes, so with it asked for this short track still gets one encoder's bytes.
   */
  @Test
  void v1AudioBytesAreUnchanged() throws Exception {
    Path a = wav(dir.resolve("a.wav"), 44_100, 1, 30_000, sine(440, 44_100, 12000));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 20_000, sine(660, 48_000, 9000));
    List<AudioClip> clips = List.of(new AudioClip("a", a, 0.05, 0.1), new AudioClip("b", b, 0.1, 0.05));
    Path whole = dir.resolve("v1.vgp");
    Path segmentingAsked = dir.resolve("segmenting-asked.vgp");

    AudioTrackEncoder.encode(clips, 70_000, whole);
    AudioTrackEncoder.encode(clips, 70_000, java.util.OptionalDouble.empty(), true, 4, segmentingAsked);

    for (Path out : List.of(whole, segmentingAsked)) {
      assertEquals("9c55ef0728297f35061bdb9b3ba0cb1c389bcb5a7ddada4010f37329bd4f0c70", Sha256.hex(out), out.toString());
    }
  }

  /**
   * Ten minutes (a short tone, then padding: quick to encode) take the segmented path, 87-s segments joined to
   * the exact length. (Ten minutes without any clip are silence, which one encoder repeats for free.)
   */
  @Test
  void tenMinutesAreEncodedInSegments() {
    long total = AudioTrackEncoder.MIN_SEGMENTED_SAMPLES;
    Path tone = wav(dir.resolve("tone.wav"), 48_000, 2, 4800, sine(1000, 48_000, 8000));

    EncodedAudio encoded = AudioTrackEncoder.encode(List.of(AudioClip.of("tone", tone)), total,
        java.util.OptionalDouble.empty(), true, 2, dir.resolve("segmented.vgp"));

    assertEquals(new EncodedAudio(total, (total + 2047) / 1024, 7), encoded);
    DecodedPacketFile decoded = decodePacketFile(dir.resolve("segmented.vgp"));
    long[] last = decoded.packets().get(decoded.packets().size() - 1);
    assertEquals(total, last[0] + last[2]);
  }

  @Test
  void cutAndResampledMp3() {
    Path source = wav(dir.resolve("m.wav"), 44_100, 1, 66_150, sine(440, 44_100, 12000));
    Path mp3 = dir.resolve("m.mp3");
    ffmpeg("-i", source.toString(), "-c:a", "libmp3lame", mp3.toString());
    Path out = dir.resolve("audio.vgp");

    EncodedAudio encoded = AudioTrackEncoder.encode(List.of(new AudioClip("m.mp3", mp3, 0.2, 0.2)), 50_000, out);

    assertEquals(new EncodedAudio(50_000, (50_000 + 1024 + 1023) / 1024), encoded);
    DecodedPacketFile decoded = decodePacketFile(out);
    long[] last = decoded.packets().get(decoded.packets().size() - 1);
    assertEquals(50_000, last[0] + last[2]);
    float[] left = decoded.left();
    // The fade-in starts from silence; later the tone plays at full level (-8.7 dBFS peak, so ~0.26 RMS).
    assertTrue(rms(left, 1024, 1024 + 500) < 0.02, "fade start " + rms(left, 1024, 1024 + 500));
    assertEquals(12000 / 32768.0 / Math.sqrt(2), rms(left, 1024 + 20_000, 1024 + 40_000), 0.02);
  }

  @Test
  void badClipFailsAndLeavesNoPacketFile() throws IOException {
    Path good = wav(dir.resolve("good.wav"), 48_000, 2, 4800, constant(1000));
    Path bad = dir.resolve("bad.mp3");
    Files.write(bad, new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 1, 2, 3});
    Path out = dir.resolve("audio.vgp");

    BadInputException e = assertThrows(BadInputException.class, () -> AudioTrackEncoder.encode(
        List.of(AudioClip.of("good.wav", good), AudioClip.of("music/bad.mp3", bad)), 48_000, out));

    assertEquals("music/bad.mp3", e.subject());
    assertFalse(Files.exists(out));
  }

  @Test
  void totalMustBePositive() {
    assertThrows(IllegalArgumentException.class,
        () -> AudioTrackEncoder.encode(List.of(), 0, dir.resolve("x.vgp")));
  }
}
