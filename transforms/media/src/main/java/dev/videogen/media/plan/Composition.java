package dev.videogen.media.plan;

import dev.videogen.media.overlay.Overlays;
import dev.videogen.media.spec.TransitionType;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything beyond the slide segments that decides a frame's pixels: the transition windows (sorted, never
 * overlapping), the video fades and the overlay shows drawn over the result. Small and serializable, so a
 * chunk carries the part it needs ({@link #slice}); {@link #mixAt} is a pure function of the global frame
 * index, so a frame renders the same whichever chunk it falls in.
 *
 * <p>The rule (docs/SPEC.md, "Transitions and fades"): in a window of n frames starting at s, frame i gives the
 * incoming slide weight w = (i − s + 1)/(n + 1). Crossfade: A·(1 − w) + B·w. Fade through black:
 * A·(1 − 2w) while w &lt; ½, black at w = ½, B·(2w − 1) after. The fade gains of {@link VideoFades} multiply
 * both. Each gain is the exact rational product rounded once, half up, to 1/{@link FrameMix#ONE}.
 */
public record Composition(List<TransitionWindow> transitions, VideoFades fades, Overlays overlays)
    implements Serializable {
  public static final Composition NONE = new Composition(List.of(), VideoFades.NONE);

  /** Transitions and fades, no overlays. */
  public Composition(List<TransitionWindow> transitions, VideoFades fades) {
    this(transitions, fades, Overlays.NONE);
  }

  public Composition {
    transitions = List.copyOf(transitions);
    for (int k = 1; k < transitions.size(); k++) {
      if (transitions.get(k).startFrame() < transitions.get(k - 1).endFrame()) {
        throw new IllegalArgumentException("transition windows overlap: " + transitions.get(k - 1) + ", "
            + transitions.get(k));
      }
    }
    if (fades == null) {
      fades = VideoFades.NONE;
    }
    if (overlays == null) {
      overlays = Overlays.NONE;
    }
  }

  /** The same transitions and fades with {@code newOverlays} drawn over them. */
  public Composition withOverlays(Overlays newOverlays) {
    return new Composition(transitions, fades, newOverlays);
  }

  /** True for a v1 job: no transition, no fade, no overlay, every frame plain. */
  public boolean isNone() {
    return transitions.isEmpty() && fades.isNone() && overlays.isEmpty();
  }

  /** Just what frames [first, end) need: the windows and overlay shows that reach into them, and the fades. */
  public Composition slice(long first, long end) {
    List<TransitionWindow> inside = new ArrayList<>();
    for (TransitionWindow window : transitions) {
      if (window.startFrame() < end && window.endFrame() > first) {
        inside.add(window);
      }
    }
    return new Composition(inside, fades, overlays.slice(first, end));
  }

  /** The window containing {@code frame}, or null. */
  public TransitionWindow windowAt(long frame) {
    int lo = 0;
    int hi = transitions.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      TransitionWindow window = transitions.get(mid);
      if (frame < window.startFrame()) {
        hi = mid - 1;
      } else if (frame >= window.endFrame()) {
        lo = mid + 1;
      } else {
        return window;
      }
    }
    return null;
  }

  /** How frame {@code frame} (global index) is composed. */
  public FrameMix mixAt(long frame) {
    TransitionWindow window = windowAt(frame);
    boolean fadeIn = fades.fadesIn(frame);
    boolean fadeOut = fades.fadesOut(frame);
    if (window == null && !fadeIn && !fadeOut) {
      return FrameMix.plain(frame);
    }
    // The fade gain as an exact fraction; products can exceed a long for day-long fades, hence BigInteger.
    BigInteger num = BigInteger.ONE;
    BigInteger den = BigInteger.ONE;
    if (fadeIn) {
      num = num.multiply(BigInteger.valueOf(frame + 1));
      den = den.multiply(BigInteger.valueOf(fades.inFrames() + 1));
    }
    if (fadeOut) {
      num = num.multiply(BigInteger.valueOf(fades.totalFrames() - frame));
      den = den.multiply(BigInteger.valueOf(fades.outFrames() + 1));
    }
    if (window == null) {
      return new FrameMix(frame, gain(num, den), -1, 0);
    }
    long k = frame - window.startFrame() + 1; // w = k / (n + 1)
    long n1 = window.frames() + 1L;
    long a;
    long b;
    if (window.type() == TransitionType.CROSSFADE) {
      a = n1 - k;
      b = k;
    } else {
      a = Math.max(0, n1 - 2 * k);
      b = Math.max(0, 2 * k - n1);
    }
    BigInteger windowDen = den.multiply(BigInteger.valueOf(n1));
    long boundary = window.boundary();
    return new FrameMix(boundary - 1, gain(num.multiply(BigInteger.valueOf(a)), windowDen),
        boundary, gain(num.multiply(BigInteger.valueOf(b)), windowDen));
  }

  /** round(ONE · num / den), half up: floor((2·ONE·num + den) / (2·den)). */
  static int gain(BigInteger num, BigInteger den) {
    BigInteger twice = den.shiftLeft(1);
    return num.shiftLeft(FrameMix.SHIFT + 1).add(den).divide(twice).intValueExact();
  }
}
