package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.constant;
import static dev.videogen.media.audio.AudioFixtures.ffmpeg;
import static dev.videogen.media.audio.AudioFixtures.readAll;
import static dev.videogen.media.audio.AudioFixtures.sine;
import static dev.videogen.media.audio.AudioFixtures.wav;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio as people have it: the audio stream of a video file (MP4, MOV, MKV, WebM), made by the bundled ffmpeg
 * with a video stream beside it. The video is ignored; which audio stream plays is av_find_best_stream's choice
 * or the one asked for.
 */
class AudioContainerTest {
  @TempDir Path dir;

  /** 16384 / 32768: exactly 0.5 after the s16 to float conversion. */
  private static final int HALF = 16384;

  private static final String[] VIDEO = {"-f", "lavfi", "-i", "testsrc=s=64x36:r=25:d=1.5"};

  private Path tone() {
    return wav(dir.resolve("tone.wav"), 48_000, 2, 72_000, sine(440, 48_000, 8000));
  }

  private static AudioStreamChoice choice(Path file, int stream) {
    try (AudioInput input = AudioInput.open(file.getFileName().toString(), file, stream)) {
      return input.streamChoice();
    }
  }

  /**
   * The same AAC packets in an M4A and, beside an H.264 video, in an MP4 and a MOV: the same samples, exactly,
   * and the same exact length (the edit list honoured).
   */
  @Test
  void aacInAVideoFileIsTheSameAudioAsInAnM4a() {
    Path m4a = dir.resolve("tone.m4a");
    ffmpeg("-i", tone().toString(), "-c:a", "aac", m4a.toString());
    float[][] expected = readAll(List.of(AudioClip.of("tone.m4a", m4a)), 72_000);

    for (String name : new String[] {"film.mp4", "film.mov"}) {
      Path film = dir.resolve(name);
      ffmpeg(VIDEO[0], VIDEO[1], VIDEO[2], VIDEO[3], "-i", m4a.toString(), "-map", "0:v", "-map", "1:a",
          "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "copy", film.toString());

      assertEquals(new AudioTrackInfo(48_000, 2, 72_000), AudioProbe.probe(name, film).withTags(Map.of()), name);
      float[][] pcm = readAll(List.of(AudioClip.of(name, film)), 72_000);
      assertArrayEquals(expected[0], pcm[0], name);
      assertArrayEquals(expected[1], pcm[1], name);
      assertEquals(new AudioStreamChoice(0, 1, 1, 2, 1, "aac", 2, 48_000, false), choice(film, -1), name);
    }
  }

  /** Two FLAC audio streams (0.25 and 0.5) after a video stream in an MKV. */
  private Path twoAudioStreams(String name, String... dispositions) {
    Path quarter = wav(dir.resolve("quarter.wav"), 48_000, 2, 4800, constant(HALF / 2));
    Path half = wav(dir.resolve("half.wav"), 48_000, 2, 4800, constant(HALF));
    Path mkv = dir.resolve(name);
    List<String> arguments = new java.util.ArrayList<>(List.of(VIDEO));
    arguments.addAll(List.of("-i", quarter.toString(), "-i", half.toString(), "-map", "0:v", "-map", "1:a",
        "-map", "2:a", "-t", "0.1", "-c:v", "mpeg4", "-c:a", "flac"));
    arguments.addAll(List.of(dispositions));
    arguments.add(mkv.toString());
    ffmpeg(arguments.toArray(String[]::new));
    return mkv;
  }

  private static void assertLevel(float expected, float[][] pcm) {
    for (int i = 0; i < pcm[0].length; i++) {
      assertEquals(expected, pcm[0][i], "left " + i);
      assertEquals(expected, pcm[1][i], "right " + i);
    }
  }

  /**
   * Without dispositions the Matroska muxer flags the first audio stream default, and av_find_best_stream
   * takes the default-flagged stream; flag the second and it takes that one. {@code stream} overrides both.
   */
  @Test
  void mkvWithTwoAudioStreams() {
    Path plain = twoAudioStreams("plain.mkv");
    Path second = twoAudioStreams("second.mkv", "-disposition:a:0", "0", "-disposition:a:1", "default");

    assertEquals(new AudioStreamChoice(0, 2, 1, 3, 1, "flac", 2, 48_000, false), choice(plain, -1));
    assertLevel(0.25f, readAll(List.of(AudioClip.of("plain.mkv", plain)), 4800));

    assertEquals(new AudioStreamChoice(1, 2, 2, 3, 1, "flac", 2, 48_000, false), choice(second, -1));
    assertLevel(0.5f, readAll(List.of(AudioClip.of("second.mkv", second)), 4800));

    // Asked for by number among the audio streams (0 = the first audio stream, whatever the video's place).
    assertEquals(new AudioStreamChoice(1, 2, 2, 3, 1, "flac", 2, 48_000, true), choice(plain, 1));
    assertEquals(new AudioTrackInfo(48_000, 2, 4800), AudioProbe.probe("plain.mkv", plain, 1).withTags(Map.of()));
    assertLevel(0.5f, readAll(List.of(new AudioClip("plain.mkv", plain, 0, 0, 0, 1.0, -1, 1)), 4800));
    assertLevel(0.25f, readAll(List.of(new AudioClip("second.mkv", second, 0, 0, 0, 1.0, -1, 0)), 4800));
    assertEquals("audio stream 1 of 2 (file stream #2 of 3: flac, 2 channels, 48000 Hz); the video stream is "
        + "ignored, as the spec asks (stream)", choice(plain, 1).describe());
    assertEquals("audio stream 1 of 2 (file stream #2 of 3: flac, 2 channels, 48000 Hz); the video stream is "
        + "ignored, chosen by FFmpeg's av_find_best_stream", choice(second, -1).describe());
  }

  /** WebM: VP8 video and Opus audio; Opus's pre-skip is honoured, so the length is exact. */
  @Test
  void webmWithOpus() {
    Path webm = dir.resolve("film.webm");
    ffmpeg(VIDEO[0], VIDEO[1], VIDEO[2], VIDEO[3], "-i", tone().toString(), "-map", "0:v", "-map", "1:a",
        "-c:v", "libvpx", "-c:a", "libopus", "-b:a", "128k", webm.toString());

    assertEquals(new AudioTrackInfo(48_000, 2, 72_000), AudioProbe.probe("film.webm", webm).withTags(Map.of()));
    float[][] pcm = readAll(List.of(AudioClip.of("film.webm", webm)), 72_000);
    // A lossy codec: the sine's level (8000 / 32768 / sqrt 2) within 2 %.
    double level = 8000 / 32768.0 / Math.sqrt(2);
    assertEquals(level, AudioFixtures.rms(pcm[0], 4800, 67_200), level * 0.02);
    assertEquals(level, AudioFixtures.rms(pcm[1], 4800, 67_200), level * 0.02);
    assertEquals(new AudioStreamChoice(0, 1, 1, 2, 1, "opus", 2, 48_000, false), choice(webm, -1));
  }

  /** A film's 5.1 AAC soundtrack with a sine on the centre only: both sides at √½ of its level. */
  @Test
  void surroundSoundtrackOfAFilmIsDownmixed() {
    Path centre = dir.resolve("centre.wav");
    ffmpeg("-f", "lavfi", "-i", "aevalsrc=exprs=0|0|0.5*sin(2*PI*1000*t)|0|0|0:s=48000:c=5.1:d=1.5",
        "-c:a", "pcm_s16le", centre.toString());
    Path film = dir.resolve("film.mp4");
    ffmpeg(VIDEO[0], VIDEO[1], VIDEO[2], VIDEO[3], "-i", centre.toString(), "-map", "0:v", "-map", "1:a",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "384k", film.toString());

    assertEquals(new AudioTrackInfo(48_000, 6, 72_000), AudioProbe.probe("film.mp4", film).withTags(Map.of()));
    float[][] pcm = readAll(List.of(AudioClip.of("film.mp4", film)), 72_000);
    double level = 0.5 * Math.sqrt(0.5) / Math.sqrt(2);
    assertEquals(level, AudioFixtures.rms(pcm[0], 4800, 67_200), level * 0.02);
    assertEquals(level, AudioFixtures.rms(pcm[1], 4800, 67_200), level * 0.02);
  }
}
