package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.ffmpeg;
import static dev.videogen.media.audio.AudioFixtures.readAll;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_from_string;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_build_matrix2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Surround to stereo by ITU-R BS.775 and resampling from 8 to 192 kHz, on real files the bundled ffmpeg
 * writes with known content per channel: exact sample values where no resampling happens, levels where it does.
 */
class AudioDownmixTest {
  @TempDir Path dir;

  /** √½ as libswresample applies it to float samples. */
  private static final float K = (float) StereoDownmix.MINUS_3_DB;

  /**
   * A FLAC of {@code layout} holding the constant {@code level} on the channels named (0 elsewhere), made by
   * aevalsrc: 0.5 is exactly 16384 in 16 bits, so the decoded value is exactly 0.5f.
   */
  private Path constantOn(String layout, int channels, int rate, double level, int... on) {
    StringBuilder exprs = new StringBuilder();
    for (int c = 0; c < channels; c++) {
      boolean lit = false;
      for (int o : on) {
        lit |= o == c;
      }
      exprs.append(c == 0 ? "" : "|").append(lit ? Double.toString(level) : "0");
    }
    Path file = dir.resolve(layout.replaceAll("[^0-9a-z]", "") + "-" + String.join("", java.util.Arrays.stream(on)
        .mapToObj(Integer::toString).toList()) + "-" + rate + ".flac");
    ffmpeg("-f", "lavfi", "-i", "aevalsrc=exprs=" + exprs + ":s=" + rate + ":c=" + layout + ":d=0.1",
        "-sample_fmt", "s16", "-c:a", "flac", file.toString());
    return file;
  }

  private static float[][] pcm(Path file, long samples) {
    return readAll(List.of(AudioClip.of(file.getFileName().toString(), file)), samples);
  }

  private static void assertEverySample(float expectedLeft, float expectedRight, float[][] pcm) {
    for (int i = 0; i < pcm[0].length; i++) {
      assertEquals(expectedLeft, pcm[0][i], "left " + i);
      assertEquals(expectedRight, pcm[1][i], "right " + i);
    }
  }

  /** 5.1 (FL FR FC LFE BL BR): one channel at 0.5 at a time, at 48 kHz (no resampling: exact values). */
  @ParameterizedTest(name = "5.1 channel {0}")
  @CsvSource({"0, 0.5, 0", "1, 0, 0.5", "2, K, K", "3, 0, 0", "4, K, 0", "5, 0, K"})
  void fivePointOneChannelByChannel(int channel, String left, String right) {
    float[][] pcm = pcm(constantOn("5.1", 6, 48_000, 0.5, channel), 4800);

    assertEverySample(value(left), value(right), pcm);
  }

  /** 0.5 · √½ in float: what a channel at 0.5 with weight k gives. */
  private static float value(String text) {
    return text.equals("K") ? 0.5f * K : Float.parseFloat(text);
  }

  /** 5.1(side) (FL FR FC LFE SL SR): the side surrounds are Ls/Rs. */
  @Test
  void fivePointOneSide() {
    assertEverySample(0.5f * K, 0, pcm(constantOn("5.1(side)", 6, 48_000, 0.5, 4), 4800));
    assertEverySample(0, 0.5f * K, pcm(constantOn("5.1(side)", 6, 48_000, 0.5, 5), 4800));
  }

  /** 7.1 (FL FR FC LFE BL BR SL SR): back and side surrounds both at √½; LFE dropped. */
  @ParameterizedTest(name = "7.1 channel {0}")
  @CsvSource({"2, K, K", "3, 0, 0", "4, K, 0", "5, 0, K", "6, K, 0", "7, 0, K"})
  void sevenPointOneChannelByChannel(int channel, String left, String right) {
    assertEverySample(value(left), value(right), pcm(constantOn("7.1", 8, 48_000, 0.5, channel), 4800));
  }

  /**
   * Every channel at 0.25 at once: L' = L + k·C + k·Lb + k·Ls = 0.25 · (1 + 3k) = 0.78, above what any one
   * channel holds and not normalised; summed in float in channel order, as libswresample does.
   */
  @Test
  void sevenPointOneAllChannelsSumWithoutNormalising() {
    float[][] pcm = pcm(constantOn("7.1", 8, 48_000, 0.25, 0, 1, 2, 3, 4, 5, 6, 7), 4800);

    float expected = 0.25f;
    expected += 0.25f * K; // FC
    expected += 0.25f * K; // BL
    expected += 0.25f * K; // SL
    assertEverySample(expected, expected, pcm);
    assertEquals(0.25 * (1 + 3 * Math.sqrt(0.5)), expected, 1e-6);
  }

  /** A full-scale 5.1 sums above 1.0 and is kept: floats to the encoder, no clipping, no normalising. */
  @Test
  void fullScaleSurroundIsNotClipped() {
    float[][] pcm = pcm(constantOn("5.1", 6, 48_000, 0.5, 0, 1, 2, 3, 4, 5), 4800);

    float expected = 0.5f;
    expected += 0.5f * K;
    expected += 0.5f * K;
    assertEverySample(expected, expected, pcm);
    assertEquals(1.2071, expected, 1e-4);
  }

  /** A sine on C only, at 192 kHz: resampled to 48 kHz, it sounds on both sides at √½ of its level. */
  @Test
  void sineOnCentreAt192k() {
    Path file = dir.resolve("c.flac");
    ffmpeg("-f", "lavfi", "-i", "aevalsrc=exprs=0|0|0.5*sin(2*PI*1000*t)|0|0|0:s=192000:c=5.1:d=0.5",
        "-sample_fmt", "s16", "-c:a", "flac", file.toString());
    assertEquals(new AudioTrackInfo(192_000, 6, 96_000), AudioProbe.probe("c.flac", file).withTags(Map.of()));

    float[][] pcm = pcm(file, 24_000);

    double expected = 0.5 * Math.sqrt(0.5) / Math.sqrt(2);
    assertEquals(expected, AudioFixtures.rms(pcm[0], 2400, 21_600), 1e-4);
    assertEquals(expected, AudioFixtures.rms(pcm[1], 2400, 21_600), 1e-4);
  }

  /** A sine on LFE only is dropped: silence on both sides, at any rate. */
  @Test
  void sineOnLfeOnlyIsSilence() {
    Path file = dir.resolve("lfe.flac");
    ffmpeg("-f", "lavfi", "-i", "aevalsrc=exprs=0|0|0|0.5*sin(2*PI*60*t)|0|0:s=44100:c=5.1:d=0.5",
        "-sample_fmt", "s16", "-c:a", "flac", file.toString());

    float[][] pcm = pcm(file, 24_000);

    assertEverySample(0, 0, pcm);
  }

  /** A sine on Ls only (the back left of a 5.1): left at √½ of its level, right silent. */
  @Test
  void sineOnLeftSurroundOnly() {
    Path file = dir.resolve("ls.flac");
    ffmpeg("-f", "lavfi", "-i", "aevalsrc=exprs=0|0|0|0|0.5*sin(2*PI*1000*t)|0:s=48000:c=5.1:d=0.5",
        "-sample_fmt", "s16", "-c:a", "flac", file.toString());

    float[][] pcm = pcm(file, 24_000);

    assertEquals(0.5 * Math.sqrt(0.5) / Math.sqrt(2), AudioFixtures.rms(pcm[0], 0, 24_000), 1e-4);
    for (int i = 0; i < 24_000; i++) {
      assertEquals(0f, pcm[1][i], "right " + i);
    }
  }

  /** 8 kHz and 192 kHz stereo: exactly ceil(n · 48000 / rate) samples long, level kept. */
  @ParameterizedTest(name = "{0} Hz")
  @CsvSource({"8000, 4000, 24000", "192000, 96000, 24000", "8000, 4001, 24006", "192000, 96001, 24001"})
  void extremeRatesAreResampledExactlyLong(int rate, int samples, long expected) {
    Path file = dir.resolve("s" + rate + ".flac");
    ffmpeg("-f", "lavfi", "-i", "aevalsrc=exprs=0.5*sin(2*PI*1000*t)|0.25*sin(2*PI*1000*t):s=" + rate
        + ":c=stereo,atrim=end_sample=" + samples, "-sample_fmt", "s16", "-c:a", "flac", file.toString());
    AudioTrackInfo info = AudioProbe.probe("s.flac", file);
    assertEquals(new AudioTrackInfo(rate, 2, samples), info.withTags(Map.of()));
    assertEquals(expected, info.samplesAt(48_000));

    float[][] pcm = pcm(file, expected);

    assertEquals(expected, ClipPcm.countSamples("s.flac", file));
    assertEquals(0.5 / Math.sqrt(2), AudioFixtures.rms(pcm[0], 2400, 21_600), 1e-3);
    assertEquals(0.25 / Math.sqrt(2), AudioFixtures.rms(pcm[1], 2400, 21_600), 1e-3);
  }

  /**
   * The matrix given to libswresample against its own default (swr_build_matrix2 with its default mix
   * levels): for float output the same coefficients to the float; for integer output libswresample would
   * normalise by 1 + 2k (5.1) or 1 + 3k (7.1), which this project does not do.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"5.1, 6", "5.1(side), 6", "7.1, 8", "5.0, 5", "quad, 4", "3.0, 3"})
  void sameCoefficientsAsLibswresamplesFloatDefault(String layoutName, int channels) {
    try (AVChannelLayout in = new AVChannelLayout(); AVChannelLayout out = new AVChannelLayout()) {
      assertEquals(0, av_channel_layout_from_string(in, layoutName));
      assertEquals(0, av_channel_layout_from_string(out, "stereo"));
      double[] ours = StereoDownmix.matrix(in);
      // libswresample writes past the used rows and columns: give it its own 64 x 64 (SWR_CH_MAX) matrix.
      double[] floatDefault = new double[64 * 64];
      double[] integerDefault = new double[64 * 64];
      double level = (float) Math.sqrt(0.5); // libswresample keeps its mix levels as floats
      assertEquals(0, swr_build_matrix2(in, out, level, level, 0, Integer.MAX_VALUE, 1, floatDefault, 64, 0, null));
      assertEquals(0, swr_build_matrix2(in, out, level, level, 0, 1.0, 1, integerDefault, 64, 0, null));
      av_channel_layout_uninit(in);
      av_channel_layout_uninit(out);

      double rowSum = 0;
      for (int j = 0; j < channels; j++) {
        rowSum += ours[j];
      }
      for (int row = 0; row < 2; row++) {
        for (int j = 0; j < channels; j++) {
          double coefficient = ours[row * channels + j];
          assertEquals((float) floatDefault[row * 64 + j], (float) coefficient, layoutName + " [" + row + "][" + j + "]");
          assertEquals(coefficient / rowSum, integerDefault[row * 64 + j], 1e-6,
              layoutName + " normalised [" + row + "][" + j + "]");
        }
      }
    }
  }

  /** Layouts with channels outside FL FR FC LFE BL BR SL SR are left to libswresample's default matrix. */
  @Test
  void otherLayoutsAreLeftToLibswresample() {
    for (String name : new String[] {"4.0", "6.1", "7.1(wide)", "hexagonal"}) {
      try (AVChannelLayout in = new AVChannelLayout()) {
        assertEquals(0, av_channel_layout_from_string(in, name));
        assertNull(StereoDownmix.matrix(in), name);
        av_channel_layout_uninit(in);
      }
    }
  }

  /** Stereo and mono keep the path they always had: stereo untouched, mono on both sides at unity. */
  @Test
  void stereoAndMonoAreUnchanged() {
    assertEverySample(0.5f, 0, pcm(constantOn("stereo", 2, 48_000, 0.5, 0), 4800));
    assertEverySample(0.5f, 0.5f, pcm(constantOn("mono", 1, 48_000, 0.5, 0), 4800));
  }
}
