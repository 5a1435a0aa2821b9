package dev.videogen.media.plan;

import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.media.spec.SlideSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The slide timing rules of job spec v1, on the frame grid. Times are exact decimals (the spec's numbers as
 * written), so a slide boundary never moves by a frame through binary rounding: slide k covers frames
 * [round(T_k·fps), round(T_{k+1}·fps)), rounding half up.
 */
public final class SlideTimeline {
  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal DEFAULT_SECONDS = BigDecimal.valueOf(JobSpecParser.DEFAULT_SLIDE_SECONDS);

  private SlideTimeline() {}

  /** The frame shown at time {@code seconds}: round(seconds × fps), half up. */
  public static long frameAt(BigDecimal seconds, FrameRate fps) {
    return seconds.multiply(BigDecimal.valueOf(fps.num()))
        .divide(BigDecimal.valueOf(fps.den()), MC)
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  /** The sum of the slides' seconds (10 for a slide without), the length of a {@code "slides"} job. */
  public static BigDecimal slidesSeconds(List<SlideSpec> slides) {
    BigDecimal sum = BigDecimal.ZERO;
    for (SlideSpec slide : slides) {
      sum = sum.add(secondsOf(slide));
    }
    return sum;
  }

  /**
   * Places the slides on a video of {@code duration} seconds ({@code totalFrames} = round(duration·fps)
   * frames). Slides that would cover no frame are left out.
   */
  public static List<TimedSlide> place(List<SlideSpec> slides, boolean loop, BigDecimal duration, FrameRate fps) {
    long totalFrames = frameAt(duration, fps);
    List<BigDecimal> starts = loop ? loopStarts(slides, duration) : starts(slides, duration);
    List<TimedSlide> placed = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      long start = frameAt(starts.get(k), fps);
      long end = k + 1 < starts.size() ? frameAt(starts.get(k + 1), fps) : totalFrames;
      end = Math.min(end, totalFrames);
      if (end > start) {
        placed.add(new TimedSlide(k % slides.size(), start, end));
      }
    }
    return placed;
  }

  /** Start times without loop; the list holds one start per slide shown. */
  private static List<BigDecimal> starts(List<SlideSpec> slides, BigDecimal duration) {
    BigDecimal known = BigDecimal.ZERO;
    int unknown = 0;
    for (SlideSpec slide : slides) {
      if (slide.seconds() == null) {
        unknown++;
      } else {
        known = known.add(BigDecimal.valueOf(slide.seconds()));
      }
    }
    BigDecimal share = BigDecimal.ZERO;
    if (unknown > 0) {
      BigDecimal left = duration.subtract(known);
      if (left.signum() <= 0) {
        throw new BadInputException("slides", "the slides with seconds (" + known.stripTrailingZeros().toPlainString()
            + " s) fill the whole duration (" + duration.round(new MathContext(9)).stripTrailingZeros().toPlainString()
            + " s) and leave no time for the " + unknown + " slide(s) without seconds");
      }
      share = left.divide(BigDecimal.valueOf(unknown), MC);
    }
    // Every slide has seconds: the last one absorbs any difference, so it simply runs to the end.
    List<BigDecimal> starts = new ArrayList<>();
    BigDecimal t = BigDecimal.ZERO;
    for (SlideSpec slide : slides) {
      if (t.compareTo(duration) >= 0) {
        break;
      }
      starts.add(t);
      t = t.add(slide.seconds() == null ? share : BigDecimal.valueOf(slide.seconds()));
    }
    return starts;
  }

  /** Start times with loop: the list repeats until the duration is filled; the last one shown is cut. */
  private static List<BigDecimal> loopStarts(List<SlideSpec> slides, BigDecimal duration) {
    List<BigDecimal> starts = new ArrayList<>();
    BigDecimal t = BigDecimal.ZERO;
    for (int k = 0; t.compareTo(duration) < 0; k++) {
      starts.add(t);
      t = t.add(secondsOf(slides.get(k % slides.size())));
    }
    return starts;
  }

  private static BigDecimal secondsOf(SlideSpec slide) {
    return slide.seconds() == null ? DEFAULT_SECONDS : BigDecimal.valueOf(slide.seconds());
  }
}
