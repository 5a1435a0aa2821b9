package dev.videogen.media.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoChunkEncoder;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every native object of a chunk render has one owner that frees it, also when the render fails half way:
 * JavaCPP's count of live native objects returns exactly to where it was, without help from the garbage
 * collector.
 */
class NativeOwnershipTest {
  @TempDir Path dir;

  private static final VideoEncoderSettings ENCODER =
      new VideoEncoderSettings(64, 36, new FrameRate(30, 1), 23, "ultrafast", 1, 30);

  /** Passes frames to {@code sink} and fails on the {@code failAt}-th, as a broken encoder or disk would. */
  private static FrameSink failingAt(FrameSink sink, int failAt) {
    return new FrameSink() {
      private int frames;

      @Override
      public YuvPlanes frame() {
        return sink.frame();
      }

      @Override
      public void accept(long frameIndex) {
        if (++frames == failAt) {
          throw new IllegalStateException("disk full");
        }
        sink.accept(frameIndex);
      }
    };
  }

  private void renderChunk(SourceCache cache, List<SlideSegment> segments, int failAt) throws IOException {
    Path chunk = Files.createTempFile(dir, "chunk", ".vgp");
    try (ChunkRenderer renderer = new ChunkRenderer(64, 36, cache);
        VideoChunkEncoder encoder = new VideoChunkEncoder(ENCODER, chunk, 0)) {
      renderer.render(segments, 0, 12, failAt > 0 ? failingAt(encoder.asSink(), failAt) : encoder.asSink());
      encoder.finish();
    }
  }

  @Test
  void aRenderThatFailsHalfWayFreesEverything() throws IOException {
    byte[] png = Files.readAllBytes(TestMedia.gradientImage(dir.resolve("a.png"), 160, 90, 30));
    byte[] jpg = Files.readAllBytes(TestMedia.gradientImage(dir.resolve("b.jpg"), 60, 90, 90));
    List<SlideSegment> segments = List.of(
        new SlideSegment(0, "a.png", 160, 90, 0, 6, CameraPoint.DEFAULT_FROM, CameraPoint.DEFAULT_TO, Easing.LINEAR, Fit.COVER),
        new SlideSegment(1, "b.jpg", 60, 90, 6, 12, CameraPoint.DEFAULT_FROM, CameraPoint.DEFAULT_TO, Easing.EASE_IN, Fit.CONTAIN));
    ImageBytesLoader loader = uri -> uri.equals("a.png") ? png : jpg;

    // Warm up once, so classes and the natives' own one-time allocations are in place.
    try (SourceCache cache = new SourceCache(32L << 20, 1_000_000, loader)) {
      renderChunk(cache, segments, 0);
    }
    long baseline = Pointer.totalCount();

    try (SourceCache cache = new SourceCache(32L << 20, 1_000_000, loader)) {
      for (int failAt : new int[] {1, 4, 9}) { // inside the first slide, and inside the contain slide
        assertThrows(IllegalStateException.class, () -> renderChunk(cache, segments, failAt));
      }
      renderChunk(cache, segments, 0); // and the same objects still work afterwards
    }
    assertEquals(baseline, Pointer.totalCount(), "native objects left for the garbage collector");
  }
}
