package dev.videogen.tools;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.createHanningWindow;
import static org.bytedeco.opencv.global.opencv_imgproc.phaseCorrelate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Measures how evenly a pan moves: the per-frame horizontal displacement between consecutive frames of a
 * raw 8-bit gray video (phase correlation with a Hann window), and its mean and standard deviation. A
 * perfectly smooth linear pan has a constant step; jitter shows as spread. Used for docs/SMOOTHNESS.md.
 *
 * <p>Usage: {@code PanSmoothness FRAMES.gray WIDTH HEIGHT} (e.g. from
 * {@code ffmpeg -i video.mp4 -f rawvideo -pix_fmt gray FRAMES.gray}).
 */
public final class PanSmoothness {
  private PanSmoothness() {}

  public static void main(String[] args) throws IOException {
    int width = Integer.parseInt(args[1]);
    int height = Integer.parseInt(args[2]);
    byte[] video = Files.readAllBytes(Path.of(args[0]));
    int frameBytes = width * height;
    int frames = video.length / frameBytes;
    double[] steps = new double[frames - 1];
    try (Mat window = new Mat(); Size size = new Size(width, height); BytePointer pixels = new BytePointer(frameBytes);
        Mat gray = new Mat(height, width, CV_8UC1, pixels); Mat previous = new Mat(); Mat current = new Mat()) {
      createHanningWindow(window, size, CV_64F);
      for (int i = 0; i < frames; i++) {
        pixels.put(video, i * frameBytes, frameBytes);
        gray.convertTo(current, CV_64F);
        if (i > 0) {
          steps[i - 1] = phaseCorrelate(previous, current, window, (double[]) null).x();
        }
        current.copyTo(previous);
      }
    }
    double mean = java.util.Arrays.stream(steps).average().orElse(0);
    double std = Math.sqrt(java.util.Arrays.stream(steps).map(d -> (d - mean) * (d - mean)).average().orElse(0));
    System.out.printf("frames %d  mean step %.4f px  std %.4f px%n", frames, mean, std);
  }
}
