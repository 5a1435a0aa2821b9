package dev.videogen.testing;

import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.FrameSink;
import dev.videogen.media.render.YuvPlanes;
import java.util.function.Consumer;

/** Frames straight from a {@link ChunkRenderer}, in one pass as a chunk renders them. */
public final class RenderedFrames {
  private RenderedFrames() {}

  /** Renders frames [first, end) and hands each to {@code each}; the planes are reused for the next frame. */
  public static void forEach(ChunkRenderer renderer, JobPlan plan, long first, long end,
      Consumer<YuvPlanes> each) {
    YuvPlanes target = YuvPlanes.allocate(renderer.width(), renderer.height());
    renderer.render(plan, first, end, new FrameSink() {
      @Override
      public YuvPlanes frame() {
        return target;
      }

      @Override
      public void accept(long index) {
        each.accept(target);
      }
    });
  }
}
