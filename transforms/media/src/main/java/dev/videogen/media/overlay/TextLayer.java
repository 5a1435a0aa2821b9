package dev.videogen.media.overlay;

import dev.videogen.media.spec.Placement;
import dev.videogen.media.spec.TextStyle;

/**
 * A text drawn in {@code style}: with the bundled font, or with the font file {@code style.font()} whose bytes
 * had SHA-256 {@code fontSha256} at planning (null when unknown or bundled).
 */
public record TextLayer(String text, TextStyle style, Placement position, double opacity, String fontSha256)
    implements OverlayLayer {

  /** A text in the bundled font. */
  public TextLayer(String text, TextStyle style, Placement position, double opacity) {
    this(text, style, position, opacity, null);
  }

  @Override
  public String describe() {
    String font = style.font() == null ? "sha256:" + FontFace.bundled().sha256()
        : fontSha256 != null ? "sha256:" + fontSha256 : "uri:" + style.font();
    return "text font=" + font + " chars=" + text.length() + ":" + text + " style="
        + style + " position=" + position + " opacity=" + opacity;
  }
}
