package dev.videogen.media.overlay;

import dev.videogen.media.spec.Placement;
import dev.videogen.media.spec.TextStyle;

/** A text drawn with the bundled font in {@code style}. */
public record TextLayer(String text, TextStyle style, Placement position, double opacity) implements OverlayLayer {
  @Override
  public String describe() {
    return "text font=sha256:" + FontFace.bundled().sha256() + " chars=" + text.length() + ":" + text + " style="
        + style + " position=" + position + " opacity=" + opacity;
  }
}
