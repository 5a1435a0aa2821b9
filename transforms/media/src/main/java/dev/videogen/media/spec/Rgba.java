package dev.videogen.media.spec;

import java.io.Serializable;
import java.util.HexFormat;

/** An sRGB colour with straight (not premultiplied) alpha, 8 bits each, written {@code #rrggbb} or {@code #rrggbbaa}. */
public record Rgba(int r, int g, int b, int a) implements Serializable {
  public static final Rgba WHITE = new Rgba(255, 255, 255, 255);
  public static final Rgba BLACK = new Rgba(0, 0, 0, 255);

  public Rgba {
    for (int v : new int[] {r, g, b, a}) {
      if (v < 0 || v > 255) {
        throw new IllegalArgumentException("colour components are 0-255: " + r + ", " + g + ", " + b + ", " + a);
      }
    }
  }

  /** Parses {@code #rrggbb} or {@code #rrggbbaa}; null when the text is neither. */
  public static Rgba parse(String text) {
    if (text == null || !text.matches("#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})")) {
      return null;
    }
    int r = HexFormat.fromHexDigits(text, 1, 3);
    int g = HexFormat.fromHexDigits(text, 3, 5);
    int b = HexFormat.fromHexDigits(text, 5, 7);
    int a = text.length() == 9 ? HexFormat.fromHexDigits(text, 7, 9) : 255;
    return new Rgba(r, g, b, a);
  }

  @Override
  public String toString() {
    return String.format("#%02x%02x%02x%02x", r, g, b, a);
  }
}
