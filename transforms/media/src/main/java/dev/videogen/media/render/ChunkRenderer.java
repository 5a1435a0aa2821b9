package dev.videogen.media.render;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.videogen.media.camera.KenBurnsCamera;
import dev.videogen.media.camera.View;
import dev.videogen.media.overlay.Overlays;
import dev.videogen.media.plan.ChunkTask;
import dev.videogen.media.plan.Composition;
import dev.videogen.media.plan.FrameMix;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.spec.Fit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Renders frames of one output size straight into yuv420p planes (the encoder's own buffers): no BGR frame,
 * no per-frame colour conversion. Each slide's prepared source is converted to BT.709 planes once per
 * pre-scaled level ({@link YuvImage}); each frame then resamples Y at full size and Cb, Cr at half size with
 * a separable bilinear kernel ({@link PlaneWarp}), because a Ken Burns view is an axis-aligned scale plus a
 * translation. Owns its buffers and reuses them for every frame of every chunk. Not thread-safe: one per
 * DoFn instance.
 *
 * <p>Sampling follows job spec v1 exactly: output pixel (u, v) samples the image at
 * ((u + ½)·view_w/w + left − ½, (v + ½)·view_h/h + top − ½), through a source pre-scaled with INTER_AREA
 * so that the bilinear warp shrinks it by at most 3× (see {@link #OVERSAMPLING}; no aliasing), and never
 * rounds a position to a whole pixel. Chroma sample (j, k) sits where H.264's default ("left") siting puts it: at output position
 * (2j + ½, 2k + 1), i.e. on luma column 2j, between luma rows 2k and 2k+1; it samples the source's
 * 2×2-filtered chroma there.
 *
 * <p>Transitions and fades ({@link Composition}) happen in the same pass: a frame inside a transition window
 * draws the outgoing slide into the sink's planes and the incoming one into a scratch frame, then blends the
 * scratch into the sink's planes in place ({@link FrameBlend}); a faded frame is scaled toward black in
 * place. Every other frame costs exactly what it did without transitions.
 *
 * <p>Overlays ({@link Composition#overlays}) are drawn last, over the finished frame (transitions and fades
 * included): each layer is prepared once per renderer and only its rectangle is blended
 * ({@link OverlayPainter}); a frame without overlays pays nothing for them.
 */
public final class ChunkRenderer implements AutoCloseable {
  /**
   * Source pixels per output pixel that the pre-scaled levels aim for (where the image has them). Warping
   * from a source exactly as dense as the output makes every frame a pure sub-pixel translation, and
   * bilinear blur then changes with the fractional offset from frame to frame: a slow pan shimmers
   * (measured: per-frame displacement std 0.059 px at 1:1, 0.012 px at 1.5×, 0.025 px at 2×).
   */
  static final double OVERSAMPLING = 1.5;
  /** How much a {@code contain} slide's background is darkened. */
  static final double BACKGROUND_GAIN = 0.55;
  private static final int BACKGROUND_REDUCTION = 8;

  private final int width;
  private final int height;
  private final SourceCache sources;
  private final Mat background;
  private final Size frameSize;
  private final RowKernel kernel;
  private final PlaneWarp luma;
  private final PlaneWarp chroma;
  /** The second slide of a transition frame, allocated on the first one. */
  private YuvPlanes scratch;
  /** Prepared overlay layers, made on the first frame that shows one. */
  private OverlayPainter painter;

  public ChunkRenderer(int width, int height, SourceCache sources) {
    this(width, height, sources, RowKernel.create());
  }

  ChunkRenderer(int width, int height, SourceCache sources, RowKernel kernel) {
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("frame size must be positive and even, was " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.sources = sources;
    this.kernel = kernel;
    this.background = new Mat(height, width, CV_8UC3);
    this.frameSize = new Size(width, height);
    this.luma = new PlaneWarp(kernel);
    this.chroma = new PlaneWarp(newKernelLike(kernel));
  }

  private static RowKernel newKernelLike(RowKernel kernel) {
    try {
      return kernel.getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The inner-loop implementation in use ("VectorRowKernel" or "ScalarRowKernel"). */
  public String kernelName() {
    return RowKernel.describe(kernel);
  }

  /**
   * Renders frames [first, end) of a plan's global frame grid, transitions and fades included: the one
   * entry point for a chunk, a preview frame ({@code first + 1 == end}) or a whole video. The same frame
   * index always gives the same pixels, whatever range it is rendered in.
   */
  public void render(JobPlan plan, long first, long end, FrameSink sink) {
    render(plan.segments(), plan.composition(), first, end, sink);
  }

  /** Renders a chunk's frames, with the slides and composition it carries. */
  public void render(ChunkTask task, FrameSink sink) {
    render(task.segments(), task.composition(), task.firstFrame(), task.endFrame(), sink);
  }

  /** Renders frames [first, end) of the global grid without transitions or fades; {@code segments} must cover them. */
  public void render(List<SlideSegment> segments, long first, long end, FrameSink sink) {
    render(segments, Composition.NONE, first, end, sink);
  }

  /**
   * Renders frames [first, end) of the global grid. {@code segments} (in frame order) must cover them with
   * their own frames and include every slide a transition window blends there; {@code composition} says
   * which frames blend (its windows and fades; it may hold more than these frames need).
   *
   * <p>A plain frame is drawn straight into the sink's planes, as without transitions. Otherwise slide A
   * is drawn there and slide B into a scratch frame, and the sink's planes become
   * black + gainA·(A − black) + gainB·(B − black) per sample, in YUV (affine in RGB, so the same blend as in
   * RGB), black being Y 16, Cb = Cr = 128; a slide at gain 0 is not drawn at all.
   */
  public void render(List<SlideSegment> segments, Composition composition, long first, long end, FrameSink sink) {
    checkCovered(segments, first, end);
    Overlays overlays = composition.overlays().slice(first, end);
    Map<SlideSegment, SlideState> open = new HashMap<>();
    try {
      int own = firstShowing(segments, first);
      for (long frameIndex = first; frameIndex < end; frameIndex++) {
        while (!segments.get(own).contains(frameIndex)) {
          own++;
        }
        FrameMix mix = composition.mixAt(frameIndex);
        YuvPlanes target = sink.frame();
        checkSize(target);
        if (mix.isPlain()) {
          draw(open, segments.get(own), frameIndex, target);
        } else {
          drawMixed(open, segments, own, mix, frameIndex, target);
        }
        if (!overlays.isEmpty()) {
          overlayPainter().paint(overlays, frameIndex, target);
        }
        sink.accept(frameIndex);
        closeFinished(open, frameIndex + 1);
      }
    } finally {
      open.values().forEach(SlideState::close);
      open.clear();
    }
  }

  private OverlayPainter overlayPainter() {
    if (painter == null) {
      painter = new OverlayPainter(width, height, sources);
    }
    return painter;
  }

  /** The index of the segment whose own frames contain {@code frame} (a plan may hold thousands). */
  private static int firstShowing(List<SlideSegment> segments, long frame) {
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (segments.get(mid).endFrame() <= frame) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The segments' own frames must cover [first, end) without gap. */
  private static void checkCovered(List<SlideSegment> segments, long first, long end) {
    long next = first;
    for (SlideSegment segment : segments) {
      long from = Math.max(first, segment.startFrame());
      long to = Math.min(end, segment.endFrame());
      if (from >= to) {
        continue;
      }
      if (from != next) {
        throw new IllegalArgumentException("slide segments leave frame " + next + " uncovered");
      }
      next = to;
    }
    if (next != end) {
      throw new IllegalArgumentException("slide segments leave frame " + next + " uncovered");
    }
  }

  private void checkSize(YuvPlanes target) {
    if (target.width() != width || target.height() != height) {
      throw new IllegalArgumentException("target frame is " + target.width() + "x" + target.height() + ", not "
          + width + "x" + height);
    }
  }

  /** A frame of a transition or fade: up to two slides drawn, then blended toward black in place. */
  private void drawMixed(Map<SlideSegment, SlideState> open, List<SlideSegment> segments, int own, FrameMix mix,
      long frameIndex, YuvPlanes target) {
    SlideSegment a = mix.gainA() > 0 ? neighbour(segments, own, mix.frameA(), frameIndex) : null;
    SlideSegment b = mix.hasB() && mix.gainB() > 0 ? neighbour(segments, own, mix.frameB(), frameIndex) : null;
    if (a == null && b == null) {
      FrameBlend.fillBlack(target);
    } else if (a == null || b == null) {
      draw(open, a != null ? a : b, frameIndex, target);
      FrameBlend.scale(target, a != null ? mix.gainA() : mix.gainB());
    } else {
      draw(open, a, frameIndex, target);
      if (scratch == null) {
        scratch = YuvPlanes.allocate(width, height);
      }
      draw(open, b, frameIndex, scratch);
      FrameBlend.mix(target, mix.gainA(), scratch, mix.gainB());
    }
  }

  /** The segment (the own one or an adjacent one) whose own frames contain {@code frame}. */
  private static SlideSegment neighbour(List<SlideSegment> segments, int own, long frame, long frameIndex) {
    for (int k = Math.max(0, own - 1); k <= Math.min(segments.size() - 1, own + 1); k++) {
      SlideSegment segment = segments.get(k);
      if (segment.contains(frame)) {
        if (frameIndex < segment.cameraStart() || frameIndex >= segment.cameraEnd()) {
          throw new IllegalArgumentException("frame " + frameIndex + " blends slide " + segment.slideIndex()
              + " outside its visible frames [" + segment.cameraStart() + ", " + segment.cameraEnd() + ")");
        }
        return segment;
      }
    }
    throw new IllegalArgumentException("frame " + frameIndex + " blends the slide shown at frame " + frame
        + ", which the slide segments do not include");
  }

  /** Draws {@code segment}'s view at {@code frameIndex} (its camera runs over its visible frames). */
  private void draw(Map<SlideSegment, SlideState> open, SlideSegment segment, long frameIndex, YuvPlanes target) {
    SlideState state = open.get(segment);
    if (state == null) {
      state = new SlideState(segment);
      open.put(segment, state);
    }
    long index = frameIndex - segment.cameraStart();
    View view = state.camera.viewAt(index, segment.cameraFrames());
    double zoom = state.camera.zoomAt(state.camera.easedProgress(index, segment.cameraFrames()));
    YuvImage src = state.levels.lease(state.levels.levelFor(zoom)).yuv();
    drawFrame(src, segment, view, state.background, target);
  }

  /** Releases the sources of slides no longer visible from {@code nextFrame} on. */
  private static void closeFinished(Map<SlideSegment, SlideState> open, long nextFrame) {
    for (var it = open.values().iterator(); it.hasNext(); ) {
      SlideState state = it.next();
      if (state.segment.cameraEnd() <= nextFrame) {
        state.close();
        it.remove();
      }
    }
  }

  /** One visible slide's camera, leased source levels and (for contain) background, held while visible. */
  private final class SlideState implements AutoCloseable {
    final SlideSegment segment;
    final KenBurnsCamera camera;
    final SourceLevels levels;
    final YuvImage background;

    SlideState(SlideSegment segment) {
      this.segment = segment;
      this.camera = new KenBurnsCamera(segment.imageWidth(), segment.imageHeight(), width, height,
          segment.fit(), segment.from(), segment.to(), segment.easing());
      this.levels = new SourceLevels(segment, camera);
      try {
        if (segment.fit() == Fit.CONTAIN) {
          try (SourceCache.Lease full = levels.leaseBgr(0)) {
            prepareBackground(full, segment);
          }
          background = YuvImage.fromBgr(ChunkRenderer.this.background);
        } else {
          background = null;
        }
      } catch (RuntimeException e) {
        levels.close();
        throw e;
      }
    }

    @Override
    public void close() {
      levels.close();
    }
  }

  private void drawFrame(YuvImage src, SlideSegment segment, View view, YuvImage backgroundPlanes, YuvPlanes target) {
    boolean contain = backgroundPlanes != null;
    double scaleX = (double) src.width() / segment.imageWidth();
    double scaleY = (double) src.height() / segment.imageHeight();
    double stepX = view.width() / width;
    double stepY = view.height() / height;
    // Luma sample u sits at output position u + ½; chroma sample j at 2j + ½ across and 2k + 1 down. A
    // source chroma sample j covers source luma [2j, 2j + 2), so its centre is at source position 2j + 1.
    double ax = stepX * scaleX;
    double ay = stepY * scaleY;
    luma.prepare(width, height, src.width(), src.height(), ax, (0.5 * stepX + view.left()) * scaleX - 0.5,
        ay, (0.5 * stepY + view.top()) * scaleY - 0.5, contain);
    luma.apply(src.y(), target.y(), target.yStride(), contain ? backgroundPlanes.y() : null);
    chroma.prepare(target.chromaWidth(), target.chromaHeight(), src.chromaWidth(), src.chromaHeight(), ax,
        (0.5 * stepX + view.left()) * scaleX / 2 - 0.5, ay, (stepY + view.top()) * scaleY / 2 - 0.5, contain);
    chroma.apply(src.cb(), target.cb(), target.cbStride(), contain ? backgroundPlanes.cb() : null);
    chroma.apply(src.cr(), target.cr(), target.crStride(), contain ? backgroundPlanes.cr() : null);
  }

  /**
   * The blurred, darkened cover of the image, made once per slide: the cover view of the image, reduced,
   * blurred and scaled back to the output size.
   */
  private void prepareBackground(SourceCache.Lease source, SlideSegment segment) {
    Mat src = source.mat();
    KenBurnsCamera cover = new KenBurnsCamera(segment.imageWidth(), segment.imageHeight(), width, height,
        Fit.COVER, segment.from(), segment.from(), segment.easing());
    double scaleX = (double) src.cols() / segment.imageWidth();
    double scaleY = (double) src.rows() / segment.imageHeight();
    int cropWidth = Math.max(1, Math.min(src.cols(), (int) Math.round(cover.baseWidth() * scaleX)));
    int cropHeight = Math.max(1, Math.min(src.rows(), (int) Math.round(cover.baseHeight() * scaleY)));
    try (Rect rect = new Rect((src.cols() - cropWidth) / 2, (src.rows() - cropHeight) / 2, cropWidth, cropHeight);
        Mat crop = new Mat(src, rect);
        Mat small = new Mat();
        Size smallSize = new Size(Math.max(2, width / BACKGROUND_REDUCTION), Math.max(2, height / BACKGROUND_REDUCTION));
        Size noKernel = new Size(0, 0)) {
      resize(crop, small, smallSize, 0, 0, INTER_AREA);
      GaussianBlur(small, small, noKernel, Math.max(1.0, smallSize.width() / 64.0));
      small.convertTo(small, -1, BACKGROUND_GAIN, 0);
      resize(small, background, frameSize, 0, 0, INTER_LINEAR);
    }
  }

  @Override
  public void close() {
    background.close();
    frameSize.close();
  }

  /**
   * The pre-scaled versions of one slide's image: level k is the image at scale s₀/2^k, where s₀ gives
   * {@link #OVERSAMPLING} source pixels per output pixel at the slide's largest zoom (never above the
   * original size). A frame at zoom z uses the smallest level that still has that density, so the bilinear
   * warp shrinks by 1.5× to 3× (less only where the image itself is not dense enough). Levels are leased
   * lazily, as YUV planes, and held for the segment.
   */
  private final class SourceLevels implements AutoCloseable {
    private final SlideSegment segment;
    private final double sharpestScale;
    private final double outputPerImagePixel;
    private final Map<Integer, SourceCache.Lease> leases = new HashMap<>();

    SourceLevels(SlideSegment segment, KenBurnsCamera camera) {
      this.segment = segment;
      this.outputPerImagePixel = width / camera.baseWidth();
      this.sharpestScale = Math.min(1.0, OVERSAMPLING * outputPerImagePixel * camera.maxZoom());
    }

    int levelFor(double zoom) {
      double needed = OVERSAMPLING * outputPerImagePixel * zoom;
      int level = (int) Math.floor(Math.log(sharpestScale / needed) / Math.log(2) + 1e-9);
      return Math.max(0, level);
    }

    SourceCache.Lease lease(int level) {
      SourceCache.Lease lease = leases.get(level);
      if (lease == null) {
        lease = sources.acquireYuv(segment.image(), segment.imageWidth(), segment.imageHeight(), levelWidth(level),
            levelHeight(level));
        leases.put(level, lease);
      }
      return lease;
    }

    /** The BGR source of a level, for the caller to close. */
    SourceCache.Lease leaseBgr(int level) {
      return sources.acquire(segment.image(), segment.imageWidth(), segment.imageHeight(), levelWidth(level),
          levelHeight(level));
    }

    private int levelWidth(int level) {
      return Math.max(1, (int) Math.round(segment.imageWidth() * sharpestScale / (1 << level)));
    }

    private int levelHeight(int level) {
      return Math.max(1, (int) Math.round(segment.imageHeight() * sharpestScale / (1 << level)));
    }

    @Override
    public void close() {
      leases.values().forEach(SourceCache.Lease::close);
      leases.clear();
    }
  }
}
