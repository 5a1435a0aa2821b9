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
  @Override
  public String describe() {
    return "image " + (sha256 != null ? "sha256:" + sha256 : "uri:" + uri) + " width=" + width + " height=" + height
        + " position=" + position + " opacity=" + opacity;
  }
}
