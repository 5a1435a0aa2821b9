package dev.videogen.media.plan;

import dev.videogen.media.FrameRate;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.SlideSpec;
import dev.videogen.media.spec.Transition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Places transitions and fades on the frame grid, leaving the slide boundaries exactly where v1 puts them.
 *
 * <p>The transition into segment k (from segment k − 1) is its slide's own {@code transition}, else the
 * job's; in a looped job slide 0's applies at every wrap, and the very first segment has none. A transition
 * of d seconds into a segment starting at B spans n = round(d·fps) frames (half up, exact decimals), frames
 * [B − ⌊n/2⌋, B − ⌊n/2⌋ + n), with n reduced until ⌊n/2⌋ ≤ ⌊F_A/2⌋ and n − ⌊n/2⌋ ≤ ⌊F_B/2⌋ (F_A, F_B the
 * two segments' own frames): a transition takes at most half of each slide, so windows never overlap. Each
 * segment is then visible (and its camera runs) from the start of its incoming window to the end of its
 * outgoing one. Fades: m = round(fadeIn·fps), m' = round(fadeOut·fps) frames.
 */
public final class TransitionTimeline {
  private TransitionTimeline() {}

  /** Segments with their visible ranges, and the composition of the video of {@code totalFrames}. */
  public record Placed(List<SlideSegment> segments, Composition composition) {}

  public static Placed place(JobSpec spec, List<SlideSegment> segments, long totalFrames) {
    FrameRate fps = spec.video().fps();
    int count = segments.size();
    long[] before = new long[count + 1]; // window frames before the boundary into segment k (in k − 1)
    long[] after = new long[count + 1]; // window frames from the boundary on (in k)
    List<TransitionWindow> windows = new ArrayList<>();
    for (int k = 1; k < count; k++) {
      SlideSegment outgoing = segments.get(k - 1);
      SlideSegment incoming = segments.get(k);
      Transition transition = transitionInto(spec, incoming.slideIndex());
      if (transition.isCut()) {
        continue;
      }
      long n = Math.min(SlideTimeline.frameAt(BigDecimal.valueOf(transition.seconds()), fps),
          longestWindow(outgoing.frames(), incoming.frames()));
      if (n < 1) {
        continue;
      }
      before[k] = n / 2;
      after[k] = n - n / 2;
      windows.add(new TransitionWindow(transition.type(), incoming.startFrame() - before[k], (int) n));
    }
    List<SlideSegment> placed = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      SlideSegment segment = segments.get(k);
      placed.add(segment.withCamera(segment.startFrame() - before[k], segment.endFrame() + after[k + 1]));
    }
    VideoFades fades = new VideoFades(SlideTimeline.frameAt(BigDecimal.valueOf(spec.fadeIn()), fps),
        SlideTimeline.frameAt(BigDecimal.valueOf(spec.fadeOut()), fps), totalFrames);
    return new Placed(placed, new Composition(windows, fades.isNone() ? VideoFades.NONE : fades));
  }

  /** The transition into a showing of slide {@code slideIndex}: the slide's own, else the job's. */
  static Transition transitionInto(JobSpec spec, int slideIndex) {
    SlideSpec slide = spec.slides().get(slideIndex);
    return slide.transition() != null ? slide.transition() : spec.transition();
  }

  /**
   * The longest n with ⌊n/2⌋ ≤ ⌊outgoingFrames/2⌋ and n − ⌊n/2⌋ ≤ ⌊incomingFrames/2⌋: 2b when b ≤ a, else
   * 2a + 1 (a, b those halves).
   */
  static long longestWindow(long outgoingFrames, long incomingFrames) {
    long a = outgoingFrames / 2;
    long b = incomingFrames / 2;
    return b <= a ? 2 * b : 2 * a + 1;
  }
}
