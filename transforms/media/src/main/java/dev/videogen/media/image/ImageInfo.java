package dev.videogen.media.image;

/**
 * What a header-only probe learns about an image.
 *
 * @param format the format recognised from the magic bytes
 * @param width width in pixels AFTER applying the EXIF orientation (what a viewer shows)
 * @param height height in pixels AFTER applying the EXIF orientation
 * @param orientation the EXIF orientation value 1..8 (1 when absent or unreadable)
 */
public record ImageInfo(ImageFormat format, int width, int height, int orientation)
    implements java.io.Serializable {

  public ImageInfo {
    if (format == null) {
      throw new IllegalArgumentException("format is null");
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
    }
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("EXIF orientation must be 1..8: " + orientation);
    }
  }

  /** True for orientations 5..8, whose stored image is transposed relative to the displayed one. */
  public boolean swapsAxes() {
    return orientation >= 5;
  }

  /** Width of the image as stored in the file (before orientation). */
  public int storedWidth() {
    return swapsAxes() ? height : width;
  }

  /** Height of the image as stored in the file (before orientation). */
  public int storedHeight() {
    return swapsAxes() ? width : height;
  }
}
