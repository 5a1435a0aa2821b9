package dev.videogen.media.preview;

import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.render.YuvPlanes;

/** Draws global frame {@code frameIndex} of a plan into {@code target}, exactly as the full render would. */
@FunctionalInterface
public interface FrameSource {
  void renderFrame(JobPlan plan, long frameIndex, YuvPlanes target);
}
