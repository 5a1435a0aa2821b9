package dev.videogen.media.overlay;

import dev.videogen.media.spec.Placement;
import java.io.Serializable;

/**
 * What one overlay shows, resolved for a plan (a text with its style, or a picture by content digest), and
 * where: the same layer gives the same pixels in every frame and every chunk it is shown in.
 */
public sealed interface OverlayLayer extends Serializable permits TextLayer, ImageLayer {
  Placement position();

  /** Layer opacity, 0–1, multiplying its fades. */
  double opacity();

  /** Everything that decides the layer's pixels, as text for chunk content keys. */
  String describe();
}
