package dev.videogen.media.preview;

import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.FrameSink;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.render.YuvPlanes;

/**
 * Single frames of a plan from the real {@link ChunkRenderer}: a frame drawn here has the very planes the
 * pipeline hands to the encoder (the renderer keeps no state from one frame to the next). Owns its renderer;
 * the source cache belongs to the caller.
 */
public final class PlanFrames implements FrameSource, AutoCloseable {
  private final ChunkRenderer renderer;

  public PlanFrames(int width, int height, SourceCache sources) {
    this.renderer = new ChunkRenderer(width, height, sources);
  }

  /**
   * The preview's only call into the renderer: frames [i, i + 1) of the plan's global grid, through the
   * renderer's entry point for whole plans (transitions and fades included), as a chunk renders them.
   */
  @Override
  public void renderFrame(JobPlan plan, long frameIndex, YuvPlanes target) {
    if (frameIndex < 0 || frameIndex >= plan.frames()) {
      throw new IllegalArgumentException("frame " + frameIndex + " is outside [0, " + plan.frames() + ")");
    }
    long[] drawn = {-1};
    renderer.render(plan, frameIndex, frameIndex + 1, new FrameSink() {
      @Override
      public YuvPlanes frame() {
        return target;
      }

      @Override
      public void accept(long index) {
        drawn[0] = index;
      }
    });
    if (drawn[0] != frameIndex) {
      throw new IllegalStateException("the renderer did not draw frame " + frameIndex);
    }
  }

  @Override
  public void close() {
    renderer.close();
  }
}
