package dev.videogen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loudness as the bundled ffmpeg program's {@code ebur128=peak=true} filter reads it: an EBU R128
 * implementation (libavfilter's) that shares no code with videogen's meter, decoding the file itself.
 */
public final class Ebur128 {
  private static final Pattern INTEGRATED = Pattern.compile("Integrated loudness:\\s+I:\\s+(-?[0-9.]+|-inf) LUFS");
  private static final Pattern TRUE_PEAK = Pattern.compile("True peak:\\s+Peak:\\s+(-?[0-9.]+|-inf) dBFS");

  private Ebur128() {}

  /** Integrated loudness (LUFS) and true peak (dBTP) of a file's first audio stream. */
  public record Reading(double integrated, double truePeak) {}

  /** Measures {@code file}; skips the calling test where the bundled programs cannot run. */
  public static Reading measure(Path file) {
    String ffmpeg = BundledPrograms.ffmpeg();
    try {
      Process process = new ProcessBuilder(ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-i", file.toString(),
          "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-")
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("ffmpeg ebur128 failed on " + file + ":\n" + output);
      }
      String summary = output.substring(Math.max(0, output.lastIndexOf("Summary:")));
      return new Reading(number(INTEGRATED, summary, output), number(TRUE_PEAK, summary, output));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double number(Pattern pattern, String summary, String output) {
    Matcher matcher = pattern.matcher(summary);
    if (!matcher.find()) {
      throw new AssertionError("no " + pattern + " in ffmpeg's output:\n" + output);
    }
    return matcher.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(matcher.group(1));
  }
}
