package dev.videogen.media.plan;

import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;
import java.io.Serializable;

/**
 * One showing of a slide on the global frame grid: its own frames [startFrame, endFrame). A looped slide list
 * yields one segment per repetition. The image size is the EXIF-oriented size, known from probing at plan time.
 *
 * <p>{@code [cameraStart, cameraEnd)} are the frames on which the slide is visible: its own frames plus the
 * parts of its incoming and outgoing transition windows that lie outside them. Its camera runs over those,
 * from {@code from} on the first to {@code to} on the last, so the picture keeps moving through a transition.
 * Without transitions they are the own frames, as in job spec v1.
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
    Fit fit,
    long cameraStart,
    long cameraEnd)
    implements Serializable {

  public SlideSegment {
    if (!(cameraStart <= startFrame && startFrame < endFrame && endFrame <= cameraEnd)) {
      throw new IllegalArgumentException("a slide shows frames [" + startFrame + ", " + endFrame
          + ") inside its visible frames [" + cameraStart + ", " + cameraEnd + ")");
    }
  }

  /** A segment without transitions: visible exactly on its own frames. */
  public SlideSegment(int slideIndex, String image, int imageWidth, int imageHeight, long startFrame, long endFrame,
      CameraPoint from, CameraPoint to, Easing easing, Fit fit) {
    this(slideIndex, image, imageWidth, imageHeight, startFrame, endFrame, from, to, easing, fit, startFrame,
        endFrame);
  }

  /** The same showing, visible on [cameraStart, cameraEnd). */
  public SlideSegment withCamera(long newCameraStart, long newCameraEnd) {
    return new SlideSegment(slideIndex, image, imageWidth, imageHeight, startFrame, endFrame, from, to, easing, fit,
        newCameraStart, newCameraEnd);
  }

  /** Its own frames: those on which it is the slide shown (or the incoming/outgoing one of a transition). */
  public long frames() {
    return endFrame - startFrame;
  }

  public boolean contains(long frame) {
    return frame >= startFrame && frame < endFrame;
  }

  /** The frames over which its camera runs from {@code from} to {@code to}. */
  public long cameraFrames() {
    return cameraEnd - cameraStart;
  }

  /** True when the camera runs over exactly the own frames (no transition reaches beyond them). */
  public boolean cameraIsOwnRange() {
    return cameraStart == startFrame && cameraEnd == endFrame;
  }
}
