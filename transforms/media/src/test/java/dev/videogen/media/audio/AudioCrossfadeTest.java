package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.constant;
import static dev.videogen.media.audio.AudioFixtures.readAll;
import static dev.videogen.media.audio.AudioFixtures.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crossfades in the 48 kHz PCM stage, checked sample by sample against the documented equal-power mix. */
class AudioCrossfadeTest {
  @TempDir Path dir;

  private static final int HALF = 16384; // exactly 0.5 as float

  /** The documented weights at overlap index k of X, written out independently of PcmTrack. */
  private static double out(long k, long x) {
    return StrictMath.cos((k + 0.5) / x * Math.PI / 2);
  }

  private static double in(long k, long x) {
    return StrictMath.sin((k + 0.5) / x * Math.PI / 2);
  }

  private static AudioClip clip(String name, Path file, double fadeIn, double fadeOut, long crossfade) {
    return new AudioClip(name, file, fadeIn, fadeOut, crossfade, 1.0, -1);
  }

  @Test
  void overlapMixesBothTracksWithEqualPowerWeights() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF, HALF / 2)); // 0.5, 0.25
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 1500, constant(-HALF / 2, -HALF)); // -0.25, -0.5
    long x = 200;

    // 1000 + 1500 - 200 samples: the overlap shortens the track exactly.
    float[][] pcm = readAll(List.of(clip("a", a, 0, 0, 0), clip("b", b, 0, 0, x)), 2300);

    for (int p = 0; p < 800; p++) {
      assertEquals(0.5f, pcm[0][p], "a alone at " + p);
      assertEquals(0.25f, pcm[1][p]);
    }
    for (int k = 0; k < x; k++) {
      assertEquals((float) (0.5f * out(k, x) + -0.25f * in(k, x)), pcm[0][800 + k], "overlap index " + k);
      assertEquals((float) (0.25f * out(k, x) + -0.5f * in(k, x)), pcm[1][800 + k], "overlap index " + k);
    }
    for (int p = 1000; p < 2300; p++) {
      assertEquals(-0.25f, pcm[0][p], "b alone at " + p);
      assertEquals(-0.5f, pcm[1][p]);
    }
    // Mirror images: the earlier track's weight at k is the later one's at X-1-k; power sums to 1.
    for (int k = 0; k < x; k++) {
      assertEquals(out(k, x), in(x - 1 - k, x), 1e-15);
      assertEquals(1.0, out(k, x) * out(k, x) + in(k, x) * in(k, x), 1e-15);
    }
    assertEquals(StrictMath.cos(Math.PI / 800), PcmTrack.crossfadeOut(0.5 / 200), 0.0);
  }

  @Test
  void crossfadeOverFadesMixesTheFadedSamples() {
    // a fades out over its last 400 samples, b fades in over its first 300; they overlap by 200.
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 1000, constant(-HALF));
    long x = 200;

    float[] left = readAll(List.of(clip("a", a, 0, 400 / 48_000.0, 0), clip("b", b, 300 / 48_000.0, 0, x)),
        1800)[0];

    assertEquals(0.5f, left[599]); // before a's fade-out
    assertEquals((float) (0.5 * PcmTrack.gain(700, 0, 400, 1000)), left[700]); // a fading, alone
    for (int k = 0; k < x; k++) {
      float earlier = (float) (0.5f * PcmTrack.gain(800 + k, 0, 400, 1000));
      float later = (float) (-0.5f * PcmTrack.gain(k, 300, 0, -1));
      assertEquals((float) (earlier * out(k, x) + later * in(k, x)), left[800 + k], "overlap index " + k);
    }
    assertEquals((float) (-0.5 * 250 / 300), left[800 + 250]); // b still fading in, alone
    assertEquals(-0.5f, left[800 + 300]);
    assertEquals(-0.5f, left[1799]);
  }

  @Test
  void resampledTracksOverlapInThe48kDomain() {
    // 44.1 kHz mono 0.5 s (22 050 samples → 24 000 at 48 kHz) then 48 kHz 0.5 s, 0.1 s overlap.
    Path a = wav(dir.resolve("a.wav"), 44_100, 1, 22_050, constant(HALF));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 24_000, constant(HALF));
    List<AudioClip> clips = List.of(clip("a", a, 0, 0, 0), clip("b", b, 0, 0, 4800));
    long total = 24_000 + 24_000 - 4800;

    float[] left = readAll(clips, total)[0];

    // DC through the overlap: 0.5 (cos + sin), so the sum rises to 0.5·√2 in the middle and is 0.5 after.
    assertEquals(0.5 * Math.sqrt(2), left[19_200 + 2400], 0.5 * Math.sqrt(2) * 1e-3);
    assertEquals(0.5f, left[(int) total - 1]);
    try (PcmTrack track = new PcmTrack(clips, total + 10)) {
      float[] l = new float[(int) total + 10];
      float[] r = new float[(int) total + 10];
      int read = 0;
      while (read < l.length) {
        read += track.read(l, r, read, l.length - read);
      }
      assertEquals(-1, track.read(l, r, 0, 1));
      assertEquals(0f, l[(int) total + 5]); // past the crossfaded end: padding
    }
  }

  @Test
  void cutInsideAnOverlapStopsThere() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 1000, constant(HALF));

    float[] left = readAll(List.of(clip("a", a, 0, 0, 0), clip("b", b, 0, 0, 200)), 900)[0];

    assertEquals((float) (0.5f * out(99, 200) + 0.5f * in(99, 200)), left[899]);
  }

  @Test
  void gainScalesTheTrackBeforeTheMix() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF));

    float[] left = readAll(List.of(new AudioClip("a", a, 0, 0, 0, 0.25, 1000)), 1000)[0];

    for (int i = 0; i < 1000; i++) {
      assertEquals(0.125f, left[i]);
    }
  }

  @Test
  void overlapNotShorterThanTheTrackBeforeFails() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 3000, constant(HALF));

    BadInputException e = assertThrows(BadInputException.class,
        () -> readAll(List.of(clip("a.wav", a, 0, 0, 0), clip("music/b.wav", b, 0, 0, 1000)), 3000));

    assertEquals("music/b.wav", e.subject());
    assertTrue(e.reason().contains("not shorter than the track before it, a.wav"), e.reason());
  }

  @Test
  void laterTrackShorterThanItsOverlapFails() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 3000, constant(HALF));
    Path b = wav(dir.resolve("b.wav"), 48_000, 2, 500, constant(HALF));

    BadInputException e = assertThrows(BadInputException.class,
        () -> readAll(List.of(clip("a.wav", a, 0, 0, 0), clip("b.wav", b, 0, 0, 800)), 3000));

    assertEquals("b.wav", e.subject());
  }

  @Test
  void firstClipCannotCrossfade() {
    Path a = wav(dir.resolve("a.wav"), 48_000, 2, 1000, constant(HALF));
    assertThrows(IllegalArgumentException.class, () -> new PcmTrack(List.of(clip("a", a, 0, 0, 10)), 100));
  }
}
