package dev.videogen.media.render;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Renders 64×36 frames from synthetic images whose channels are linear in x or y. Bilinear interpolation of
 * a linear function is exact, so every output pixel must equal the spec's sampling formula to within the
 * final rounding (and the warp's 1/32-pixel position grid).
 */
class ChunkRendererTest {
  private static final int W = 64;
  private static final int H = 36;

  private final Map<String, byte[]> files = new HashMap<>();
  private final SourceCache cache = new SourceCache(64L << 20, 1_000_000, uri -> {
    byte[] bytes = files.get(uri);
    if (bytes == null) {
      throw new java.io.FileNotFoundException(uri);
    }
    return bytes;
  });
  private final ChunkRenderer renderer = new ChunkRenderer(W, H, cache);

  @AfterEach
  void close() {
    renderer.close();
    cache.close();
  }

  /** A PNG whose pixel (x, y) has channels (b, g, r) = f(x, y). */
  private void png(String uri, int width, int height, IntBinaryOperator blue, IntBinaryOperator green, int red) {
    try (Mat image = new Mat(height, width, CV_8UC3); UByteIndexer pixels = image.createIndexer();
        BytePointer encoded = new BytePointer()) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          pixels.put(y, x, 0, blue.applyAsInt(x, y));
          pixels.put(y, x, 1, green.applyAsInt(x, y));
          pixels.put(y, x, 2, red);
        }
      }
      assertTrue(imencode(".png", image, encoded));
      byte[] bytes = new byte[(int) encoded.limit()];
      encoded.get(bytes);
      files.put(uri, bytes);
    }
  }

  private static SlideSegment segment(String uri, int width, int height, long start, long end,
      CameraPoint from, CameraPoint to, Fit fit) {
    return new SlideSegment(0, uri, width, height, start, end, from, to, Easing.LINEAR, fit);
  }

  /** Renders and returns each frame's pixels as [frame][y][x][channel]. */
  private int[][][][] render(List<SlideSegment> segments, long first, long end) {
    List<int[][][]> frames = new ArrayList<>();
    renderer.render(segments, first, end, (index, frame) -> {
      assertEquals(first + frames.size(), index);
      int[][][] copy = new int[H][W][3];
      try (UByteIndexer pixels = frame.createIndexer()) {
        for (int y = 0; y < H; y++) {
          for (int x = 0; x < W; x++) {
            for (int c = 0; c < 3; c++) {
              copy[y][x][c] = pixels.get(y, x, c);
            }
          }
        }
      }
      frames.add(copy);
    });
    return frames.toArray(new int[0][][][]);
  }

  @Test
  void baseViewAtOneToOneIsTheCentredCrop() {
    png("wide.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 5 * y, 7);
    CameraPoint still = new CameraPoint(1, 0.5, 0.5);
    int[][][][] frames = render(List.of(segment("wide.png", 72, 36, 0, 2, still, still, Fit.COVER)), 0, 2);
    assertEquals(2, frames.length);
    // Base view 64×36 centred in 72×36: left = 4, so output u shows image column u + 4.
    for (int u : new int[] {0, 1, 31, 63}) {
      for (int v : new int[] {0, 17, 35}) {
        assertEquals(3 * (u + 4), frames[1][v][u][0], "blue at " + u + "," + v);
        assertEquals(5 * v, frames[1][v][u][1], "green at " + u + "," + v);
        assertEquals(7, frames[1][v][u][2]);
      }
    }
  }

  @Test
  void panMovesBySubPixelSteps() {
    png("wide.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 5 * y, 7);
    // Centre moves 1 px over 3 frames: left = 4, 4.5, 5.
    CameraPoint from = new CameraPoint(1, 0.5, 0.5);
    CameraPoint to = new CameraPoint(1, 37.0 / 72, 0.5);
    int[][][][] frames = render(List.of(segment("wide.png", 72, 36, 10, 13, from, to, Fit.COVER)), 10, 13);
    for (int u = 0; u < W - 1; u++) {
      assertEquals(3 * (u + 4), frames[0][10][u][0]);
      assertEquals(3 * (u + 4.5), frames[1][10][u][0], 0.5, "half-pixel step at u=" + u);
      assertEquals(3 * (u + 5), frames[2][10][u][0]);
    }
  }

  @Test
  void zoomSamplesAtTheSpecsPixelCentres() {
    png("wide.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 3 * y, 7);
    CameraPoint zoomed = new CameraPoint(2, 0.5, 0.5);
    int[][][][] frames = render(List.of(segment("wide.png", 72, 36, 0, 1, zoomed, zoomed, Fit.COVER)), 0, 1);
    // View 32×18 at left 20, top 9: x = (u + ½)·0.5 + 20 − ½ = 0.5u + 19.75; y = 0.5v + 8.75.
    for (int u = 0; u < W; u += 7) {
      for (int v = 0; v < H; v += 5) {
        assertEquals(3 * (0.5 * u + 19.75), frames[0][v][u][0], 0.51, "blue at " + u + "," + v);
        assertEquals(3 * (0.5 * v + 8.75), frames[0][v][u][1], 0.51, "green at " + u + "," + v);
      }
    }
  }

  @Test
  void largeImagesArePreScaledWithoutAliasing() {
    // 6× the output: a 1-px checkerboard must come out as its average grey, not as a moiré. The level for
    // 1.5× oversampling is 96×54, an exact 4× area reduction, then warped down by 1.5×.
    png("fine.png", 384, 216, (x, y) -> ((x + y) % 2) * 200, (x, y) -> ((x + y) % 2) * 200, 0);
    CameraPoint still = new CameraPoint(1, 0.5, 0.5);
    int[][][][] frames = render(List.of(segment("fine.png", 384, 216, 0, 1, still, still, Fit.COVER)), 0, 1);
    for (int u = 0; u < W; u++) {
      assertEquals(100, frames[0][18][u][0], 1, "u=" + u);
    }
  }

  @Test
  void containShowsTheWholeImageOverADarkenedBackground() {
    png("square.png", 36, 36, (x, y) -> 200, (x, y) -> 100, 60);
    CameraPoint still = new CameraPoint(1, 0.5, 0.5);
    int[][][][] frames = render(List.of(segment("square.png", 36, 36, 0, 1, still, still, Fit.CONTAIN)), 0, 1);
    // Base view 64×36 centred on the 36-px-wide image: it covers output columns 14..49 exactly.
    for (int v : new int[] {0, 18, 35}) {
      for (int u : new int[] {14, 30, 49}) {
        assertEquals(List.of(200, 100, 60), List.of(frames[0][v][u][0], frames[0][v][u][1], frames[0][v][u][2]));
      }
      for (int u : new int[] {0, 13, 50, 63}) {
        // The background of a flat image is the same colour darkened by 0.55.
        assertEquals(110, frames[0][v][u][0], 1);
        assertEquals(55, frames[0][v][u][1], 1);
        assertEquals(33, frames[0][v][u][2], 1);
      }
    }
  }

  @Test
  void framesAcrossTwoSlidesAndAChunkBoundaryMatchASingleRender() {
    png("a.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 5 * y, 7);
    png("b.png", 36, 72, (x, y) -> 2 * x, (x, y) -> 3 * y, 9);
    List<SlideSegment> segments = List.of(
        segment("a.png", 72, 36, 0, 4, new CameraPoint(1, 0.3, 0.5), new CameraPoint(1.5, 0.6, 0.4), Fit.COVER),
        new SlideSegment(1, "b.png", 36, 72, 4, 9, CameraPoint.DEFAULT_FROM, CameraPoint.DEFAULT_TO,
            Easing.EASE_IN_OUT, Fit.CONTAIN));
    int[][][][] whole = render(segments, 0, 9);
    int[][][][] head = render(segments, 0, 3);
    int[][][][] tail = render(segments, 3, 9);
    assertEquals(9, whole.length);
    for (int i = 0; i < 9; i++) {
      int[][][] part = i < 3 ? head[i] : tail[i - 3];
      for (int v = 0; v < H; v++) {
        for (int u = 0; u < W; u++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(whole[i][v][u][c], part[v][u][c]);
          }
        }
      }
    }
    assertEquals(2, cache.decodes(), "each image is decoded once");
  }

  @Test
  void uncoveredFramesAreAnError() {
    png("a.png", 72, 36, (x, y) -> 0, (x, y) -> 0, 0);
    List<SlideSegment> segments = List.of(segment("a.png", 72, 36, 0, 4, CameraPoint.DEFAULT_FROM,
        CameraPoint.DEFAULT_TO, Fit.COVER));
    assertThrows(IllegalArgumentException.class, () -> render(segments, 0, 5));
  }

  @Test
  void aRenderThatFailsHalfWayReleasesItsSources() {
    png("a.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 5 * y, 7);
    List<SlideSegment> segments = List.of(segment("a.png", 72, 36, 0, 10, CameraPoint.DEFAULT_FROM,
        CameraPoint.DEFAULT_TO, Fit.COVER));
    RuntimeException failure = new RuntimeException("encoder failed");
    int[] seen = {0};
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> renderer.render(segments, 0, 10, (i, f) -> {
      if (++seen[0] == 4) {
        throw failure;
      }
    }));
    assertEquals(failure, thrown);
    assertTrue(cache.usedBytes() > 0);
    cache.close(); // nothing is leased any more, so closing frees every prepared source
    assertEquals(0, cache.usedBytes());
  }

  @Test
  void aMissingImageIsBadInputNamingIt() {
    List<SlideSegment> segments = List.of(segment("missing.png", 72, 36, 0, 2, CameraPoint.DEFAULT_FROM,
        CameraPoint.DEFAULT_TO, Fit.COVER));
    dev.videogen.media.BadInputException e =
        assertThrows(dev.videogen.media.BadInputException.class, () -> render(segments, 0, 2));
    assertEquals("missing.png", e.subject());
  }
}
