package dev.videogen.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Assumptions;

/**
 * The ffmpeg and ffprobe programs shipped in the bytedeco FFmpeg artifact: an oracle that shares no code
 * with videogen. Unlike the libraries videogen uses, the programs link libpulse and libva from the system
 * (Debian: libpulse0 libva2 libva-drm2, which .ci/run installs); where those are missing, the tests that
 * need the programs are skipped with that reason rather than failed.
 */
public final class BundledPrograms {
  private static String ffprobe;
  private static String ffmpeg;
  private static String unavailable;

  private BundledPrograms() {}

  public static String ffprobe() {
    load();
    return ffprobe;
  }

  public static String ffmpeg() {
    load();
    return ffmpeg;
  }

  private static synchronized void load() {
    if (ffprobe == null && unavailable == null) {
      try {
        ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Process process = new ProcessBuilder(ffprobe, "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
          unavailable = "ffprobe -version failed: " + output.strip();
        }
      } catch (UnsatisfiedLinkError | java.io.IOException e) {
        unavailable = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable = "interrupted";
      }
      if (unavailable != null) {
        ffprobe = null;
        ffmpeg = null;
      }
    }
    Assumptions.assumeTrue(unavailable == null, () -> "the bundled ffmpeg/ffprobe programs cannot run here ("
        + unavailable + "); on Debian they need the packages libpulse0 libva2 libva-drm2");
  }
}
