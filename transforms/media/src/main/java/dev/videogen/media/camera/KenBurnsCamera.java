package dev.videogen.media.camera;

import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;

/**
 * The camera path of one slide, exactly as job spec v1 defines it. For an image W×H and an output w×h the
 * base view is W×(W·h/w) when W/H ≤ w/h, else (H·w/h)×H ({@code cover}; {@code contain} takes the smallest
 * output-shaped rectangle holding the image). At zoom z the view is the base view divided by z. Frame i of
 * a slide of n frames has progress p = i / max(1, n − 1), eased value e = E(p), zoom
 * z_from·(z_to/z_from)^e and centre from + (to − from)·e; the view is clamped to stay inside the image.
 */
public final class KenBurnsCamera {
  private final int imageWidth;
  private final int imageHeight;
  private final double baseWidth;
  private final double baseHeight;
  private final CameraPoint from;
  private final CameraPoint to;
  private final Easing easing;

  public KenBurnsCamera(int imageWidth, int imageHeight, int outputWidth, int outputHeight, Fit fit,
      CameraPoint from, CameraPoint to, Easing easing) {
    this.imageWidth = imageWidth;
    this.imageHeight = imageHeight;
    this.from = from;
    this.to = to;
    this.easing = easing;
    // Compare W/H with w/h without division: W·h ≤ w·H.
    boolean narrowerThanOutput = (long) imageWidth * outputHeight <= (long) outputWidth * imageHeight;
    boolean fullWidth = fit == Fit.COVER ? narrowerThanOutput : !narrowerThanOutput;
    if (fullWidth) {
      baseWidth = imageWidth;
      baseHeight = (double) imageWidth * outputHeight / outputWidth;
    } else {
      baseWidth = (double) imageHeight * outputWidth / outputHeight;
      baseHeight = imageHeight;
    }
  }

  public double baseWidth() {
    return baseWidth;
  }

  public double baseHeight() {
    return baseHeight;
  }

  /** The largest zoom of the path (the geometric path is monotonic, so it is an end point). */
  public double maxZoom() {
    return Math.max(from.zoom(), to.zoom());
  }

  public double minZoom() {
    return Math.min(from.zoom(), to.zoom());
  }

  /** The eased progress of frame {@code index} (0-based within the slide) of a slide of {@code frames}. */
  public double easedProgress(long index, long frames) {
    double p = (double) index / Math.max(1, frames - 1);
    return easing.apply(p);
  }

  public double zoomAt(double eased) {
    return from.zoom() * Math.pow(to.zoom() / from.zoom(), eased);
  }

  /** The view of frame {@code index} (0-based within the slide) of a slide of {@code frames} frames. */
  public View viewAt(long index, long frames) {
    double e = easedProgress(index, frames);
    double zoom = zoomAt(e);
    double width = baseWidth / zoom;
    double height = baseHeight / zoom;
    double centreX = (from.x() + (to.x() - from.x()) * e) * imageWidth;
    double centreY = (from.y() + (to.y() - from.y()) * e) * imageHeight;
    return new View(clamp(centreX - width / 2, width, imageWidth), clamp(centreY - height / 2, height, imageHeight),
        width, height);
  }

  /** Keeps [start, start + size) inside [0, limit); a view larger than the image is centred on it. */
  private static double clamp(double start, double size, double limit) {
    if (size >= limit) {
      return (limit - size) / 2;
    }
    return Math.min(Math.max(start, 0), limit - size);
  }
}
