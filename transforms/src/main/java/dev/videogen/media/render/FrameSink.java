package dev.videogen.media.render;

import org.bytedeco.opencv.opencv_core.Mat;

/** Receives rendered frames. The Mat is reused for the next frame: copy it to keep it. */
@FunctionalInterface
public interface FrameSink {
  void accept(long frameIndex, Mat bgr);
}
