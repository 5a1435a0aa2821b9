package dev.videogen.media.render;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Renders 64×36 frames from synthetic images whose channels are linear in x or y. BT.709 is affine in
 * R, G, B and bilinear interpolation of a linear function is exact, so every luma and chroma sample must
 * equal the spec's sampling formula (at the H.264 "left" chroma siting) to within the final rounding (0.5)
 * plus the planes' half-step precision (0.25); positions sit on a 1/64-pixel grid.
 */
class ChunkRendererTest {
  private static final int W = 64;
  private static final int H = 36;
  private static final double TOLERANCE = 0.76;

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

  /** One rendered frame's planes, copied. */
  record Frame(int[][] y, int[][] cb, int[][] cr) {
    int[][] plane(int p) {
      return p == 0 ? y : p == 1 ? cb : cr;
    }
  }

  /** Renders with {@code with} and returns each frame's planes. */
  static List<Frame> render(ChunkRenderer with, List<SlideSegment> segments, long first, long end) {
    List<Frame> frames = new ArrayList<>();
    YuvPlanes target = YuvPlanes.allocate(with.width(), with.height());
    with.render(segments, first, end, new FrameSink() {
      @Override
      public YuvPlanes frame() {
        return target;
      }

      @Override
      public void accept(long index) {
        assertEquals(first + frames.size(), index);
        frames.add(copyOf(target));
      }
    });
    return frames;
  }

  /** A copy of a tightly packed frame's planes. */
  static Frame copyOf(YuvPlanes target) {
    return new Frame(copy(target.y(), target.width(), target.height()),
        copy(target.cb(), target.chromaWidth(), target.chromaHeight()),
        copy(target.cr(), target.chromaWidth(), target.chromaHeight()));
  }

  private static int[][] copy(java.nio.ByteBuffer plane, int width, int height) {
    int[][] out = new int[height][width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out[y][x] = plane.get(y * width + x) & 0xff;
      }
    }
    return out;
  }

  private List<Frame> render(List<SlideSegment> segments, long first, long end) {
    return render(renderer, segments, first, end);
  }

  /** BT.709 limited-range (Y, Cb, Cr) of a full-range colour given as real B, G, R. */
  static double[] yuv(double b, double g, double r) {
    double y = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    return new double[] {16 + 219 * y, 128 + 224 * (b / 255 - y) / 1.8556, 128 + 224 * (r / 255 - y) / 1.5748};
  }

  /** Luma (u, v) and chroma (j, k) of a frame against the image colour at the given image positions. */
  private static void assertSamples(Frame frame, java.util.function.DoubleBinaryOperator blue,
      java.util.function.DoubleBinaryOperator green, double red, java.util.function.DoubleUnaryOperator imageX,
      java.util.function.DoubleUnaryOperator imageY, int[] us, int[] vs) {
    for (int u : us) {
      for (int v : vs) {
        // luma sample (u, v) sits at output position (u + ½, v + ½)
        double x = imageX.applyAsDouble(u + 0.5);
        double y = imageY.applyAsDouble(v + 0.5);
        assertEquals(yuv(blue.applyAsDouble(x, y), green.applyAsDouble(x, y), red)[0], frame.y()[v][u], TOLERANCE,
            "Y at " + u + "," + v);
        // chroma sample (j, k) = (u/2, v/2) sits at output position (2j + ½, 2k + 1)
        int j = u / 2;
        int k = v / 2;
        double cx = imageX.applyAsDouble(2 * j + 0.5);
        double cy = imageY.applyAsDouble(2 * k + 1);
        double[] expected = yuv(blue.applyAsDouble(cx, cy), green.applyAsDouble(cx, cy), red);
        assertEquals(expected[1], frame.cb()[k][j], TOLERANCE, "Cb at " + j + "," + k);
        assertEquals(expected[2], frame.cr()[k][j], TOLERANCE, "Cr at " + j + "," + k);
      }
    }
  }

  @Test
  void baseViewAtOneToOneIsTheCentredCrop() {
    png("wide.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 5 * y, 7);
    CameraPoint still = new CameraPoint(1, 0.5, 0.5);
    List<Frame> frames = render(List.of(segment("wide.png", 72, 36, 0, 2, still, still, Fit.COVER)), 0, 2);
    assertEquals(2, frames.size());
    // Base view 64×36 centred in 72×36: left = 4, so output position X shows image position X + 4 − ½
    // (pixel centres), and image pixel x has blue 3x.
    assertSamples(frames.get(1), (x, y) -> 3 * x, (x, y) -> 5 * y, 7, X -> X + 4 - 0.5, Y -> Y - 0.5,
        new int[] {2, 3, 31, 60}, new int[] {2, 17, 33});
  }

  @Test
  void panMovesBySubPixelSteps() {
    png("wide.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 5 * y, 7);
    // Centre moves 1 px over 3 frames: left = 4, 4.5, 5.
    CameraPoint from = new CameraPoint(1, 0.5, 0.5);
    CameraPoint to = new CameraPoint(1, 37.0 / 72, 0.5);
    List<Frame> frames = render(List.of(segment("wide.png", 72, 36, 10, 13, from, to, Fit.COVER)), 10, 13);
    for (int i = 0; i < 3; i++) {
      double left = 4 + 0.5 * i;
      assertSamples(frames.get(i), (x, y) -> 3 * x, (x, y) -> 5 * y, 7, X -> X + left - 0.5, Y -> Y - 0.5,
          new int[] {2, 9, 30, 61}, new int[] {10});
    }
  }

  @Test
  void zoomSamplesAtTheSpecsPixelCentres() {
    png("wide.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 3 * y, 7);
    CameraPoint zoomed = new CameraPoint(2, 0.5, 0.5);
    List<Frame> frames = render(List.of(segment("wide.png", 72, 36, 0, 1, zoomed, zoomed, Fit.COVER)), 0, 1);
    // View 32×18 at left 20, top 9: image position = 0.5·X + 20 − ½ across, 0.5·Y + 9 − ½ down.
    assertSamples(frames.get(0), (x, y) -> 3 * x, (x, y) -> 3 * y, 7, X -> 0.5 * X + 19.5, Y -> 0.5 * Y + 8.5,
        new int[] {0, 7, 14, 33, 63}, new int[] {0, 5, 20, 35});
  }

  @Test
  void largeImagesArePreScaledWithoutAliasing() {
    // 6× the output: a 1-px checkerboard must come out as its average grey, not as a moiré. The level for
    // 1.5× oversampling is 96×54, an exact 4× area reduction, then warped down by 1.5×.
    png("fine.png", 384, 216, (x, y) -> ((x + y) % 2) * 200, (x, y) -> ((x + y) % 2) * 200, 0);
    CameraPoint still = new CameraPoint(1, 0.5, 0.5);
    List<Frame> frames = render(List.of(segment("fine.png", 384, 216, 0, 1, still, still, Fit.COVER)), 0, 1);
    double[] grey = yuv(100, 100, 0);
    for (int u = 0; u < W; u++) {
      assertEquals(grey[0], frames.get(0).y()[18][u], 1, "u=" + u);
      assertEquals(grey[1], frames.get(0).cb()[9][u / 2], 1, "u=" + u);
    }
  }

  @Test
  void containShowsTheWholeImageOverADarkenedBackground() {
    png("square.png", 36, 36, (x, y) -> 200, (x, y) -> 100, 60);
    CameraPoint still = new CameraPoint(1, 0.5, 0.5);
    List<Frame> frames = render(List.of(segment("square.png", 36, 36, 0, 1, still, still, Fit.CONTAIN)), 0, 1);
    Frame frame = frames.get(0);
    double[] image = yuv(200, 100, 60);
    // The background of a flat image is the same colour darkened by 0.55.
    double[] background = yuv(110, 55, 33);
    // Base view 64×36 centred on the 36-px-wide image: it covers output columns 14..49 exactly.
    for (int v : new int[] {0, 18, 35}) {
      for (int u : new int[] {14, 30, 49}) {
        assertEquals(image[0], frame.y()[v][u], TOLERANCE, "image Y at " + u);
      }
      for (int u : new int[] {0, 13, 50, 63}) {
        assertEquals(background[0], frame.y()[v][u], 1, "background Y at " + u);
      }
    }
    for (int k : new int[] {0, 9, 17}) {
      for (int j : new int[] {8, 15, 23}) {
        assertEquals(image[1], frame.cb()[k][j], TOLERANCE, "image Cb at " + j);
        assertEquals(image[2], frame.cr()[k][j], TOLERANCE, "image Cr at " + j);
      }
      for (int j : new int[] {0, 5, 26, 31}) {
        assertEquals(background[1], frame.cb()[k][j], 1, "background Cb at " + j);
        assertEquals(background[2], frame.cr()[k][j], 1, "background Cr at " + j);
      }
    }
  }

  @Test
  void framesAcrossTwoSlidesAndAChunkBoundaryMatchASingleRender() {
    png("a.png", 72, 36, (x, y) -> 3 * x, (x, y) -> 5 * y, 7);
    png("b.png", 36, 72, (x, y) -> 2 * x, (x, y) -> 3 * y, 9);
    List<SlideSegment> segments = twoSlides();
    List<Frame> whole = render(segments, 0, 9);
    List<Frame> head = render(segments, 0, 3);
    List<Frame> tail = render(segments, 3, 9);
    assertEquals(9, whole.size());
    for (int i = 0; i < 9; i++) {
      assertSamePlanes(whole.get(i), i < 3 ? head.get(i) : tail.get(i - 3), "frame " + i);
    }
    assertEquals(2, cache.decodes(), "each image is decoded once");
  }

  private static List<SlideSegment> twoSlides() {
    return List.of(
        segment("a.png", 72, 36, 0, 4, new CameraPoint(1, 0.3, 0.5), new CameraPoint(1.5, 0.6, 0.4), Fit.COVER),
        new SlideSegment(1, "b.png", 36, 72, 4, 9, CameraPoint.DEFAULT_FROM, CameraPoint.DEFAULT_TO,
            Easing.EASE_IN_OUT, Fit.CONTAIN));
  }

  private static void assertSamePlanes(Frame expected, Frame actual, String what) {
    for (int p = 0; p < 3; p++) {
      for (int y = 0; y < expected.plane(p).length; y++) {
        assertArrayEquals(expected.plane(p)[y], actual.plane(p)[y], what + ", plane " + p + ", row " + y);
      }
    }
  }

  @Test
  void theVectorAndScalarKernelsGiveIdenticalFrames() {
    RowKernel vector;
    try {
      vector = (RowKernel) Class.forName("dev.videogen.media.render.VectorRowKernel").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
      Assumptions.abort("no vector kernel on this JVM: " + e);
      return;
    }
    // Detailed content, zooms and pans with positions off the grid, both fits, a width that leaves a tail.
    png("a.png", 300, 170, (x, y) -> (x * 37 + y * 11) % 251, (x, y) -> (x * x + 3 * y) % 253, 90);
    png("b.png", 120, 200, (x, y) -> (x * 13) % 256, (x, y) -> (y * 29) % 256, 30);
    List<SlideSegment> segments = List.of(
        segment("a.png", 300, 170, 0, 5, new CameraPoint(1, 0.3, 0.5), new CameraPoint(2.7, 0.61, 0.43), Fit.COVER),
        new SlideSegment(1, "b.png", 120, 200, 5, 9, new CameraPoint(1.1, 0.4, 0.5), CameraPoint.DEFAULT_TO,
            Easing.EASE_IN_OUT, Fit.CONTAIN));
    try (ChunkRenderer scalar = new ChunkRenderer(70, 40, cache, new ScalarRowKernel());
        ChunkRenderer vectored = new ChunkRenderer(70, 40, cache, vector)) {
      List<Frame> expected = render(scalar, segments, 0, 9);
      List<Frame> actual = render(vectored, segments, 0, 9);
      for (int i = 0; i < 9; i++) {
        assertSamePlanes(expected.get(i), actual.get(i), "frame " + i);
      }
    }
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
    YuvPlanes target = YuvPlanes.allocate(W, H);
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> renderer.render(segments, 0, 10, new FrameSink() {
      @Override
      public YuvPlanes frame() {
        return target;
      }

      @Override
      public void accept(long index) {
        if (++seen[0] == 4) {
          throw failure;
        }
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
