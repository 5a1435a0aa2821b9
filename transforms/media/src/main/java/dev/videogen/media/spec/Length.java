package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * A length in an overlay: a fraction of a frame dimension (a number in the spec, so it scales with the
 * output size) or whole output pixels (a string such as {@code "24px"}). Which dimension a fraction refers
 * to is the field's business (docs/SPEC.md, "Overlays").
 */
public record Length(double value, boolean pixels) implements Serializable {
  public static final Length ZERO = new Length(0, false);

  public static Length fraction(double value) {
    return new Length(value, false);
  }

  public static Length pixels(double value) {
    return new Length(value, true);
  }

  /** The length in output pixels, for a frame dimension of {@code reference} pixels. */
  public double resolve(int reference) {
    return pixels ? value : value * reference;
  }

  public boolean isZero() {
    return value == 0;
  }

  @Override
  public String toString() {
    return pixels ? value + "px" : Double.toString(value);
  }
}
