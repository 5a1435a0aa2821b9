package dev.videogen.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.randu;
import static org.bytedeco.opencv.global.opencv_core.theRNG;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Deterministic stand-ins for high-detail photographs (~4000×2667 JPEG): colour noise over several octaves
 * (smooth regions and fine texture down to single pixels, which is what makes a warp alias and an encoder
 * work) plus hard anti-aliased edges. Generated into a cache folder once; never committed.
 */
final class Photos {
  static final int WIDTH = 4000;
  static final int HEIGHT = 2667;
  private static final String VERSION = "v1";

  private Photos() {}

  /** The first {@code count} photos, generated if missing. */
  static List<Path> generate(Path folder, int count) throws IOException {
    Path dir = Files.createDirectories(folder.resolve("photos-" + VERSION));
    List<Path> photos = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Path file = dir.resolve(String.format("photo-%02d.jpg", k + 1));
      if (!Files.exists(file)) {
        Path partial = dir.resolve(file.getFileName() + ".partial.jpg");
        write(partial, k);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      photos.add(file);
    }
    return photos;
  }

  private static void write(Path file, int seed) {
    theRNG().state(1000L + seed);
    Random random = new Random(seed);
    try (Mat sum = new Mat(HEIGHT, WIDTH, CV_32FC3, new Scalar(0.0, 0.0, 0.0, 0.0));
        Mat image = new Mat()) {
      // octaves: 6×4 … full size, amplitude falling slowly so fine detail stays strong
      int[] cells = {6, 24, 96, 384, 1536, WIDTH};
      double[] amplitude = {110, 70, 45, 30, 22, 16};
      for (int o = 0; o < cells.length; o++) {
        int w = cells[o];
        int h = Math.max(2, w * HEIGHT / WIDTH);
        try (Mat small = new Mat(h, w, CV_32FC3); Mat big = new Mat();
            Mat lo = new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(-amplitude[o]));
            Mat hi = new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(amplitude[o]));
            Size size = new Size(WIDTH, HEIGHT)) {
          randu(small, lo, hi);
          if (w == WIDTH) {
            add(sum, small, sum);
          } else {
            resize(small, big, size, 0, 0, INTER_CUBIC);
            add(sum, big, sum);
          }
        }
      }
      sum.convertTo(image, CV_8UC3, 1.0, 128);
      for (int i = 0; i < 60; i++) {
        try (Point a = new Point(random.nextInt(WIDTH), random.nextInt(HEIGHT));
            Point b = new Point(random.nextInt(WIDTH), random.nextInt(HEIGHT));
            Scalar colour = new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256), 0)) {
          if (i % 2 == 0) {
            circle(image, a, 20 + random.nextInt(400), colour, 2 + random.nextInt(12), LINE_AA, 0);
          } else {
            line(image, a, b, colour, 1 + random.nextInt(6), LINE_AA, 0);
          }
        }
      }
      try (IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 90)) {
        if (!imwrite(file.toString(), image, params)) {
          throw new IllegalStateException("cannot write " + file);
        }
      }
    }
  }
}
