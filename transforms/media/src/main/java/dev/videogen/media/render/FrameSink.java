package dev.videogen.media.render;

/**
 * Where rendered frames go: the renderer draws each frame into {@link #frame()} (typically the encoder's own
 * frame buffers), then calls {@link #accept}. The planes are reused for the next frame.
 */
public interface FrameSink {
  /** The planes to draw the next frame into. */
  YuvPlanes frame();

  /** The frame drawn into {@link #frame()} is complete. */
  void accept(long frameIndex);
}
