package dev.videogen.media.plan;

import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;
import java.io.Serializable;

/**
 * One showing of a slide on the global frame grid: frames [startFrame, endFrame). A looped slide list yields
 * one segment per repetition. The image size is the EXIF-oriented size, known from probing at plan time.
 */
public record SlideSegment(
    int slideIndex,
    String image,
    int imageWidth,
    int imageHeight,
    long startFrame,
    long endFrame,
    CameraPoint from,
    CameraPoint to,
    Easing easing,
    Fit fit)
    implements Serializable {

  public long frames() {
    return endFrame - startFrame;
  }

  public boolean contains(long frame) {
    return frame >= startFrame && frame < endFrame;
  }
}
