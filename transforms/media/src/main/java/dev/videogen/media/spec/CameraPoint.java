package dev.videogen.media.spec;

import java.io.Serializable;

/** A camera position: zoom (1 = base view) and view centre as fractions of the image width and height. */
public record CameraPoint(double zoom, double x, double y) implements Serializable {
  public static final CameraPoint DEFAULT_FROM = new CameraPoint(1.0, 0.5, 0.5);
  public static final CameraPoint DEFAULT_TO = new CameraPoint(1.2, 0.5, 0.5);
}
