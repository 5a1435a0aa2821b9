package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.constant;
import static dev.videogen.media.audio.AudioFixtures.readAll;
import static dev.videogen.media.audio.AudioFixtures.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The 48 kHz stereo PCM stage: resampling, fades, concatenation, cut and pad, at exact sample indices. */
class AudioPcmTrackTest {
  @TempDir Path dir;

  /** 16384 / 32768: exactly 0.5 after the s16 to float conversion. */
  private static final int HALF = 16384;

  @Test
  void stereoAt48kPassesThroughExactly() {
    Path file = wav(dir.resolve("c.wav"), 48_000, 2, 1000, constant(HALF, -HALF / 2));

    float[][] pcm = readAll(List.of(AudioClip.of("c.wav", file)), 1000);

    for (int i = 0; i < 1000; i++) {
      assertEquals(0.5f, pcm[0][i], "left " + i);
      assertEquals(-0.25f, pcm[1][i], "right " + i);
    }
  }

  @Test
  void fadeGainsAtKnownIndices() {
    // 1 s at 0.5, fade-in 0.1 s (A = 4800), fade-out 0.2 s (B = 9600), L = 48000.
    Path file = wav(dir.resolve("c.wav"), 48_000, 2, 48_000, constant(HALF));

    float[][] pcm = readAll(List.of(new AudioClip("c.wav", file, 0.1, 0.2)), 48_000);
    float[] left = pcm[0];

    // fade-in: 0 at the start, linear, full from sample A on
    assertEquals(0f, left[0]);
    assertEquals(0.5f * 1 / 4800, left[1], 1e-9);
    assertEquals(0.25f, left[2400]);
    assertEquals((float) (0.5 * 4799 / 4800), left[4799]);
    assertEquals(0.5f, left[4800]);
    assertEquals(0.5f, left[24_000]);
    // fade-out: full up to L-1-B, 0 at the last sample
    assertEquals(0.5f, left[38_399]);
    assertEquals((float) (0.5 * 9599 / 9600), left[38_400]);
    assertEquals(0.25f, left[43_199]);
    assertEquals((float) (0.5 * 1 / 9600), left[47_998]);
    assertEquals(0f, left[47_999]);
    assertArrayEqualsBoth(pcm);
    // every sample follows the documented curve
    for (int i = 0; i < 48_000; i++) {
      assertEquals((float) (0.5f * PcmTrack.gain(i, 4800, 9600, 48_000)), left[i], "sample " + i);
    }
  }

  @Test
  void gainCurve() {
    assertEquals(0.0, PcmTrack.gain(0, 10, 0, -1));
    assertEquals(0.5, PcmTrack.gain(5, 10, 0, -1));
    assertEquals(1.0, PcmTrack.gain(10, 10, 0, -1));
    assertEquals(1.0, PcmTrack.gain(89, 0, 10, 100));
    assertEquals(0.9, PcmTrack.gain(90, 0, 10, 100), 1e-12);
    assertEquals(0.0, PcmTrack.gain(99, 0, 10, 100));
    assertEquals(0.0, PcmTrack.gain(150, 0, 10, 100)); // past the measured end: never negative
    // overlapping fades multiply
    assertEquals(0.5 * 0.9, PcmTrack.gain(5, 10, 10, 15), 1e-12);
  }

  @Test
  void fadeLongerThanTheClipNeverReachesFullLevel() {
    Path file = wav(dir.resolve("c.wav"), 48_000, 1, 480, constant(HALF));

    float[][] pcm = readAll(List.of(new AudioClip("c.wav", file, 1.0, 0)), 480);

    assertEquals(0f, pcm[0][0]);
    assertEquals((float) (0.5 * 479 / 48_000), pcm[0][479]);
  }

  @Test
  void concatenationBoundaryIsExact() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF, HALF / 2));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 1500, constant(-HALF / 2, -HALF));

    float[][] pcm = readAll(List.of(AudioClip.of("a", a), AudioClip.of("b", b)), 2500);

    for (int i = 0; i < 1000; i++) {
      assertEquals(0.5f, pcm[0][i]);
      assertEquals(0.25f, pcm[1][i]);
    }
    for (int i = 1000; i < 2500; i++) {
      assertEquals(-0.25f, pcm[0][i]);
      assertEquals(-0.5f, pcm[1][i]);
    }
  }

  @Test
  void eachClipFadesAgainstItsOwnLength() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 2000, constant(HALF));
    // A fades out over 100 samples, B fades in over 200 samples and out over 400.
    List<AudioClip> clips = List.of(new AudioClip("a", a, 0, 100 / 48_000.0),
        new AudioClip("b", b, 200 / 48_000.0, 400 / 48_000.0));

    float[] left = readAll(clips, 3000)[0];

    assertEquals(0.5f, left[899]);
    assertEquals((float) (0.5 * 99 / 100), left[900]);
    assertEquals(0f, left[999]); // last sample of a
    assertEquals(0f, left[1000]); // first sample of b
    assertEquals(0.25f, left[1100]);
    assertEquals(0.5f, left[1200]);
    assertEquals(0.5f, left[1000 + 1599]);
    assertEquals(0.25f, left[1000 + 1999 - 200]);
    assertEquals(0f, left[2999]);
  }

  @Test
  void cutAtTotalSamples() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 1000, constant(-HALF));
    Path never = dir.resolve("never-opened.wav"); // after the cut: not even opened

    try (PcmTrack track = new PcmTrack(List.of(AudioClip.of("a", a), AudioClip.of("b", b),
        AudioClip.of("never", never)), 1500)) {
      float[] left = new float[4000];
      float[] right = new float[4000];
      assertEquals(1500, track.read(left, right, 0, 4000));
      assertEquals(-1, track.read(left, right, 0, 4000));
      assertEquals(1500, track.position());
      assertEquals(0.5f, left[999]);
      assertEquals(-0.5f, left[1000]);
      assertEquals(-0.5f, left[1499]);
    }
  }

  @Test
  void padWithDigitalSilence() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF));

    float[][] pcm = readAll(List.of(AudioClip.of("a", a)), 3000);

    assertEquals(0.5f, pcm[0][999]);
    for (int i = 1000; i < 3000; i++) {
      assertEquals(0f, pcm[0][i]);
      assertEquals(0f, pcm[1][i]);
    }
  }

  @Test
  void noClipsIsSilence() {
    float[][] pcm = readAll(List.of(), 100);
    for (int i = 0; i < 100; i++) {
      assertEquals(0f, pcm[0][i]);
    }
  }

  @Test
  void monoIsDuplicatedAtUnityGain() {
    Path file = wav(dir.resolve("m.wav"), 48_000, 1, 1000, constant(HALF));

    float[][] pcm = readAll(List.of(AudioClip.of("m", file)), 1000);

    for (int i = 0; i < 1000; i++) {
      assertEquals(0.5f, pcm[0][i]);
      assertEquals(0.5f, pcm[1][i]);
    }
  }

  @Test
  void resampled44100To48000KeepsTheDuration() {
    Path file = wav(dir.resolve("m.wav"), 44_100, 1, 66_150, constant(HALF)); // 1.5 s

    assertEquals(72_000, ClipPcm.countSamples("m", file));
    float[][] pcm = readAll(List.of(AudioClip.of("m", file)), 72_000);
    // Away from the edges, where the resampling filter rings, the level is kept.
    for (int i = 1000; i < 71_000; i++) {
      assertEquals(0.5f, pcm[0][i], 1e-3, "sample " + i);
      assertEquals(pcm[0][i], pcm[1][i]);
    }
  }

  @ParameterizedTest(name = "{1} samples at {0} Hz")
  @CsvSource({"44100, 1", "44100, 7", "44100, 1000", "44100, 66151", "22050, 12345", "32000, 4001", "96000, 12345",
      "8000, 7", "48000, 5", "11025, 3"})
  void eachClipIsCeilOfItsRatioLong(int rate, long samples) {
    Path file = wav(dir.resolve("x.wav"), rate, 2, samples, AudioFixtures.sine(440, rate, 8000));
    long expected = (samples * 48_000 + rate - 1) / rate;

    long produced;
    try (ClipPcm clip = ClipPcm.open("x", file)) {
      float[] left = new float[333];
      float[] right = new float[333];
      while (clip.read(left, right, 0, left.length) > 0) {
        // count
      }
      produced = clip.produced();
    }

    assertEquals(expected, produced);
    assertEquals(expected, ClipPcm.countSamples("x", file));
    assertEquals(expected, new AudioTrackInfo(rate, 2, samples).samplesAt(48_000));
  }

  @Test
  void resampledFadeOutEndsAtTheResampledLength() {
    Path file = wav(dir.resolve("m.wav"), 44_100, 2, 44_100, constant(HALF)); // 1 s

    assertEquals(48_000, ClipPcm.countSamples("m", file));
    float[] left = readAll(List.of(new AudioClip("m", file, 0, 0.5)), 48_000)[0];

    assertEquals(0f, left[47_999]);
    assertEquals(0.25f, left[47_999 - 12_000], 1e-3);
  }

  @Test
  void surroundIsDownmixedToStereo() {
    // Plain PCM WAV with 6 channels: no channel mask, taken as 5.1 (FL FR FC LFE BL BR).
    Path file = wav(dir.resolve("s.wav"), 48_000, 6, 1000, constant(HALF, 0, 0, 0, 0, 0));
    Path centre = wav(dir.resolve("c.wav"), 48_000, 6, 1000, constant(0, 0, HALF, 0, 0, 0));

    float[][] left = readAll(List.of(AudioClip.of("s", file)), 1000);
    float[][] middle = readAll(List.of(AudioClip.of("c", centre)), 1000);

    assertEquals(0.5f, left[0][500], 1e-6);
    assertEquals(0f, left[1][500], 1e-6);
    assertEquals(0.5 * Math.sqrt(0.5), middle[0][500], 1e-6);
    assertEquals(0.5 * Math.sqrt(0.5), middle[1][500], 1e-6);
  }

  @Test
  void channelCountChangingMidStreamRebuildsTheResampler() throws java.io.IOException {
    // Two MP3s without LAME tags, mono then stereo, joined byte for byte: one stream whose layout changes.
    Path mono = wav(dir.resolve("mono.wav"), 44_100, 1, 44_100, AudioFixtures.sine(440, 44_100, HALF));
    Path stereo = wav(dir.resolve("stereo.wav"), 44_100, 2, 44_100,
        (i, channel) -> AudioFixtures.sine(440, 44_100, channel == 0 ? HALF / 2 : HALF).at(i, channel));
    Path monoMp3 = dir.resolve("mono.mp3");
    Path stereoMp3 = dir.resolve("stereo.mp3");
    AudioFixtures.ffmpeg("-i", mono.toString(), "-c:a", "libmp3lame", "-write_xing", "0", monoMp3.toString());
    AudioFixtures.ffmpeg("-i", stereo.toString(), "-c:a", "libmp3lame", "-write_xing", "0", "-id3v2_version", "0", stereoMp3.toString());
    Path joined = dir.resolve("joined.mp3");
    java.nio.file.Files.write(joined, concat(java.nio.file.Files.readAllBytes(monoMp3),
        java.nio.file.Files.readAllBytes(stereoMp3)));

    AudioTrackInfo info = AudioProbe.probe("joined.mp3", joined);
    long length = info.samplesAt(48_000);
    float[][] pcm = readAll(List.of(AudioClip.of("joined.mp3", joined)), length);

    assertEquals(1, info.channels()); // the first frame's
    assertEquals(length, ClipPcm.countSamples("joined.mp3", joined));
    // The mono part on both sides, then the stereo part with its own sides (sine RMS = amplitude / sqrt 2).
    int end = (int) length;
    assertEquals(0.5 / Math.sqrt(2), AudioFixtures.rms(pcm[0], 10_000, 40_000), 0.02);
    assertEquals(0.5 / Math.sqrt(2), AudioFixtures.rms(pcm[1], 10_000, 40_000), 0.02);
    assertEquals(0.25 / Math.sqrt(2), AudioFixtures.rms(pcm[0], end - 40_000, end - 10_000), 0.02);
    assertEquals(0.5 / Math.sqrt(2), AudioFixtures.rms(pcm[1], end - 40_000, end - 10_000), 0.02);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  @Test
  void badClipFailsWithItsName() {
    Path silent = wav(dir.resolve("zero.wav"), 48_000, 1, 0, constant(0)); // a valid WAV without samples

    BadInputException e = assertThrows(BadInputException.class,
        () -> readAll(List.of(AudioClip.of("user/zero.wav", silent)), 10));
    assertEquals("user/zero.wav", e.subject());
    assertEquals("no audio samples could be decoded", e.reason());
  }

  @Test
  void negativeFadeIsBadInput() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> new AudioClip("x.mp3", dir.resolve("x.mp3"), -1, 0));
    assertEquals("x.mp3", e.subject());
    assertThrows(BadInputException.class, () -> new AudioClip("x.mp3", dir.resolve("x.mp3"), 0, Double.NaN));
  }

  private static void assertArrayEqualsBoth(float[][] pcm) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(pcm[0], pcm[1]);
  }
}
