package dev.videogen.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.videogen.media.camera.KenBurnsCamera;
import dev.videogen.media.camera.View;
import dev.videogen.media.image.ImageDecoder;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.FrameSink;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Render-only throughput of one Ken Burns frame, one thread: a 4000-px photo zooming 1 → 1.25 with a pan
 * over 120 frames, each invocation the next frame. {@code yuv-vector} and {@code yuv-scalar} are videogen's
 * kernel (complete yuv420p frames, ready for the encoder); {@code bgr-warpaffine} is the previous kernel
 * (OpenCV warpAffine into a BGR frame, colour conversion not included) on the same pre-scaled source.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBenchmark {
  private static final int FRAMES = 120;

  @Param({"1280x720", "1920x1080"})
  public String size;

  @Param({"yuv-vector", "yuv-scalar", "bgr-warpaffine"})
  public String kernel;

  /** The photo to render (set by the harness). */
  @Param({""})
  public String photo;

  private SourceCache cache;
  private ChunkRenderer renderer;
  private List<SlideSegment> segments;
  private YuvPlanes target;
  private FrameSink sink;
  private long frame;
  // the warpAffine reference
  private SourceCache.Lease bgrLevel;
  private Mat bgrFrame;
  private Mat warp;
  private DoublePointer warpValues;
  private Size frameSize;
  private Scalar black;
  private KenBurnsCamera camera;
  private int width;
  private int height;
  private ImageInfo info;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String[] wh = size.split("x");
    width = Integer.parseInt(wh[0]);
    height = Integer.parseInt(wh[1]);
    byte[] bytes = Files.readAllBytes(Path.of(photo));
    info = ImageDecoder.probe(photo, bytes, ImageDecoder.DEFAULT_MAX_PIXELS);
    cache = new SourceCache(2L << 30, ImageDecoder.DEFAULT_MAX_PIXELS, uri -> Files.readAllBytes(Path.of(uri)));
    CameraPoint from = new CameraPoint(1.0, 0.5, 0.5);
    CameraPoint to = new CameraPoint(1.25, 0.55, 0.45);
    segments = List.of(new SlideSegment(0, photo, info.width(), info.height(), 0, FRAMES, from, to, Easing.LINEAR, Fit.COVER));
    camera = new KenBurnsCamera(info.width(), info.height(), width, height, Fit.COVER, from, to, Easing.LINEAR);
    target = YuvPlanes.allocate(width, height);
    sink = new FrameSink() {
      @Override
      public YuvPlanes frame() {
        return target;
      }

      @Override
      public void accept(long frameIndex) {}
    };
    org.bytedeco.opencv.global.opencv_core.setNumThreads(1); // per core: no OpenCV worker threads
    if (kernel.startsWith("yuv")) {
      System.setProperty("videogen.kernel", kernel.equals("yuv-vector") ? "vector" : "scalar");
      renderer = new ChunkRenderer(width, height, cache);
      renderer.render(segments, 0, FRAMES, sink); // prepares every source level once
    } else {
      // the level the renderer uses for most of the path: one source pixel per output pixel at zoom 1.25
      double scale = Math.min(1.0, width * 1.25 / camera.baseWidth());
      bgrLevel = cache.acquire(photo, info.width(), info.height(), (int) Math.round(info.width() * scale),
          (int) Math.round(info.height() * scale));
      bgrFrame = new Mat(height, width, CV_8UC3);
      warp = new Mat(2, 3, CV_64F);
      warpValues = new DoublePointer(warp.data());
      frameSize = new Size(width, height);
      black = new Scalar(0.0);
    }
  }

  @Benchmark
  public Object renderFrame() {
    long i = frame;
    frame = (frame + 1) % FRAMES;
    if (renderer != null) {
      renderer.render(segments, i, i + 1, sink);
      return target;
    }
    Mat src = bgrLevel.mat();
    View view = camera.viewAt(i, FRAMES);
    double sx = (double) src.cols() / info.width();
    double sy = (double) src.rows() / info.height();
    double ax = view.width() / width * sx;
    double ay = view.height() / height * sy;
    warpValues.put(0, ax).put(1, 0).put(2, (0.5 * view.width() / width + view.left()) * sx - 0.5)
        .put(3, 0).put(4, ay).put(5, (0.5 * view.height() / height + view.top()) * sy - 0.5);
    warpAffine(src, bgrFrame, warp, frameSize, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_REPLICATE, black);
    return bgrFrame;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (renderer != null) {
      renderer.close();
    }
    if (bgrLevel != null) {
      bgrLevel.close();
      bgrFrame.close();
      warpValues.close();
      warp.close();
      frameSize.close();
      black.close();
    }
    cache.close();
  }
}
