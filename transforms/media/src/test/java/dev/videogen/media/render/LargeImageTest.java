package dev.videogen.media.render;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.image.ImageDecoder;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.render.ChunkRendererTest.Frame;
import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 16000×1000 panorama panned across a 64×36 frame: with a budget too small for the full decode (48 MB) the
 * cache never holds it, decodes the JPEG at 1/8 and keeps only the pre-scaled level; the frames show the
 * right bands of the panorama at known pixels, as they do with a budget that holds the full image.
 */
class LargeImageTest {
  private static final int W = 64;
  private static final int H = 36;
  private static final int PANORAMA_WIDTH = 16000;
  private static final int PANORAMA_HEIGHT = 1000;
  private static final int BAND = 1000;
  private static byte[] panorama;

  /** Sixteen 1000-px vertical bands, band k of colour (B, G, R) = (16k, 255 - 16k, k odd ? 230 : 20). */
  @BeforeAll
  static void makePanorama() {
    try (Mat image = new Mat(PANORAMA_HEIGHT, PANORAMA_WIDTH, CV_8UC3); BytePointer encoded = new BytePointer();
        IntPointer quality = new IntPointer(IMWRITE_JPEG_QUALITY, 95)) {
      for (int k = 0; k < PANORAMA_WIDTH / BAND; k++) {
        int[] c = band(k);
        try (Rect r = new Rect(k * BAND, 0, BAND, PANORAMA_HEIGHT); Mat roi = new Mat(image, r);
            Scalar s = new Scalar(c[0], c[1], c[2], 0)) {
          roi.put(s);
        }
      }
      assertTrue(imencode(".jpg", image, encoded, quality));
      panorama = new byte[(int) encoded.limit()];
      encoded.get(panorama);
    }
  }

  private static int[] band(int k) {
    return new int[] {16 * k, 255 - 16 * k, k % 2 == 1 ? 230 : 20};
  }

  @Test
  void aPanoramaLargerThanTheBudgetIsNeverHeldAtFullSize() {
    long budget = 16L << 20; // a quarter is 4 MiB; the full decode is 48 MB
    try (SourceCache cache = new SourceCache(budget, ImageDecoder.DEFAULT_MAX_PIXELS, uri -> panorama);
        ChunkRenderer renderer = new ChunkRenderer(W, H, cache)) {
      List<Frame> frames = pan(renderer);
      assertBands(frames);
      assertEquals(1, cache.decodes());
      // Cover of 16000×1000 in 64:36 is 1777.8×1000; 1.5 source pixels per output pixel at zoom 1 → scale
      // 0.054: the level is 864×54. The JPEG was decoded at 1/8 (2000×125, the smallest still covering it).
      assertEquals(2000L * 125 * 3, cache.largestTransientBytes());
      try (SourceCache.Lease level = cache.acquire("pano.jpg", PANORAMA_WIDTH, PANORAMA_HEIGHT, 864, 54)) {
        assertEquals(864, level.mat().cols());
        assertEquals(54, level.mat().rows());
      }
      assertEquals(1, cache.decodes(), "the level was prepared once and reused");
      assertTrue(cache.usedBytes() <= budget, "used " + cache.usedBytes());
      assertTrue(cache.usedBytes() < 3L * PANORAMA_WIDTH * PANORAMA_HEIGHT / 100, "no full-size entry");
    }
  }

  @Test
  void withinTheBudgetTheFullDecodeIsCachedAsBefore() {
    try (SourceCache cache = new SourceCache(1L << 30, ImageDecoder.DEFAULT_MAX_PIXELS, uri -> panorama);
        ChunkRenderer renderer = new ChunkRenderer(W, H, cache)) {
      assertBands(pan(renderer));
      assertEquals(0, cache.largestTransientBytes());
      assertTrue(cache.usedBytes() >= 3L * PANORAMA_WIDTH * PANORAMA_HEIGHT, "the full decode is an entry");
    }
  }

  /** Five frames panning from the left end (x = 0) to the right end (x = 1) at zoom 1. */
  private static List<Frame> pan(ChunkRenderer renderer) {
    SlideSegment segment = new SlideSegment(0, "pano.jpg", PANORAMA_WIDTH, PANORAMA_HEIGHT, 0, 5,
        new CameraPoint(1, 0, 0.5), new CameraPoint(1, 1, 0.5), Easing.LINEAR, Fit.COVER);
    return ChunkRendererTest.render(renderer, List.of(segment), 0, 5);
  }

  /**
   * The view is 1777.8 px wide: output column u shows image x = left + (u + ½)·1777.8/64. Frame 0 (left = 0)
   * shows band 0 at u = 10 (x ≈ 292) and band 1 at u = 50 (x ≈ 1403); frame 4 (left = 14222.2) shows band 14
   * at u = 10 (x ≈ 14514) and band 15 at u = 50 (x ≈ 15625); frame 2 (left = 7111.1) band 7 at u = 10.
   */
  private static void assertBands(List<Frame> frames) {
    assertEquals(5, frames.size());
    assertLuma(frames.get(0), 10, 0);
    assertLuma(frames.get(0), 50, 1);
    assertLuma(frames.get(2), 10, 7);
    assertLuma(frames.get(4), 10, 14);
    assertLuma(frames.get(4), 50, 15);
  }

  private static void assertLuma(Frame frame, int u, int band) {
    int[] c = band(band);
    double expected = ChunkRendererTest.yuv(c[0], c[1], c[2])[0];
    for (int v : new int[] {2, 18, 33}) {
      int actual = frame.y()[v][u];
      assertTrue(Math.abs(actual - expected) <= 2, "band " + band + " at (" + u + ", " + v + "): luma " + actual
          + ", expected " + expected);
    }
  }
}
