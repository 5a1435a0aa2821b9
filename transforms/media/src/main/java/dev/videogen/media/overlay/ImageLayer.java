package dev.videogen.media.overlay;

import dev.videogen.media.spec.Length;
import dev.videogen.media.spec.Placement;

/**
 * A picture with alpha (e.g. a PNG logo) read from {@code uri}, whose bytes had SHA-256 {@code sha256} at
 * planning (null when unknown), drawn {@code width} × {@code height} (either null: kept in proportion; both
 * null: its own pixel size).
 */
public record ImageLayer(String uri, String sha256, Length width, Length height, Placement position, double opacity)
    implements OverlayLayer {
  /** Pictures may be drawn at most this many frame widths wide and frame heights high. */
  public static final int MAX_FRAMES = 2;

  /**
   * The drawn size in a frame of {@code frameWidth} × {@code frameHeight}: {@code width} of the frame width and
   * {@code height} of the frame height (or pixels), rounded to whole pixels; one of them alone keeps the
   * picture's proportions; neither: its own size.
   */
  public int[] drawnSize(int frameWidth, int frameHeight, int pictureWidth, int pictureHeight) {
    double w;
    double h;
    if (width != null && height != null) {
      w = width.resolve(frameWidth);
      h = height.resolve(frameHeight);
    } else if (width != null) {
      w = width.resolve(frameWidth);
      h = w * pictureHeight / pictureWidth;
    } else if (height != null) {
      h = height.resolve(frameHeight);
      w = h * pictureWidth / pictureHeight;
    } else {
      w = pictureWidth;
      h = pictureHeight;
    }
    return new int[] {Math.max(1, (int) Math.round(w)), Math.max(1, (int) Math.round(h))};
  }

  @Override
  public String describe() {
    return "image " + (sha256 != null ? "sha256:" + sha256 : "uri:" + uri) + " width=" + width + " height=" + height
        + " position=" + position + " opacity=" + opacity;
  }
}
