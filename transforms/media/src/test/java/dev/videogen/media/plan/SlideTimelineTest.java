package dev.videogen.media.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import dev.videogen.media.FrameRate;
import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;
import dev.videogen.media.spec.SlideSpec;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlideTimelineTest {
  private static final FrameRate FPS30 = new FrameRate(30, 1);

  private static List<SlideSpec> slides(Double... seconds) {
    return Arrays.stream(seconds)
        .map(s -> new SlideSpec("x.jpg", s, CameraPoint.DEFAULT_FROM, CameraPoint.DEFAULT_TO, Easing.LINEAR, Fit.COVER))
        .toList();
  }

  private static BigDecimal s(String seconds) {
    return new BigDecimal(seconds);
  }

  @Test
  void frameAtRoundsHalfUpExactly() {
    assertEquals(2, SlideTimeline.frameAt(s("0.05"), FPS30)); // 1.5 frames → 2
    assertEquals(1, SlideTimeline.frameAt(s("0.049"), FPS30));
    assertEquals(99, SlideTimeline.frameAt(s("3.3"), FPS30));
    assertEquals(90, SlideTimeline.frameAt(s("3.0030"), new FrameRate(30000, 1001)));
    assertEquals(215784, SlideTimeline.frameAt(s("7200"), new FrameRate(30000, 1001))); // 215784.2
  }

  @Test
  void slidesWithoutSecondsShareTheTimeLeft() {
    // 10 s: the first keeps 4 s, the other two get 3 s each.
    List<TimedSlide> placed = SlideTimeline.place(slides(4.0, null, null), false, s("10"), FPS30);
    assertEquals(List.of(new TimedSlide(0, 0, 120), new TimedSlide(1, 120, 210), new TimedSlide(2, 210, 300)), placed);
  }

  @Test
  void unequalSharesRoundOnTheFrameGrid() {
    // 1 s over three slides: boundaries at 1/3 s and 2/3 s = frames 10 and 20 at 30 fps; at 25 fps 8.33→8, 16.67→17.
    assertEquals(List.of(new TimedSlide(0, 0, 8), new TimedSlide(1, 8, 17), new TimedSlide(2, 17, 25)),
        SlideTimeline.place(slides(null, null, null), false, s("1"), new FrameRate(25, 1)));
  }

  @Test
  void lastSlideAbsorbsTheDifferenceWhenAllHaveSeconds() {
    assertEquals(List.of(new TimedSlide(0, 0, 60), new TimedSlide(1, 60, 300)),
        SlideTimeline.place(slides(2.0, 3.0), false, s("10"), FPS30));
    // Longer than the duration: the last slide shown is cut, later ones are not shown.
    assertEquals(List.of(new TimedSlide(0, 0, 150), new TimedSlide(1, 150, 180)),
        SlideTimeline.place(slides(5.0, 5.0, 5.0), false, s("6"), FPS30));
  }

  @Test
  void loopRepeatsTheListAndCutsTheLastSlide() {
    List<TimedSlide> placed = SlideTimeline.place(slides(2.0, null), true, s("25"), FPS30);
    // cycle: 2 s + 10 s (default); 0-2, 2-12, 12-14, 14-24, 24-25
    assertEquals(List.of(new TimedSlide(0, 0, 60), new TimedSlide(1, 60, 360), new TimedSlide(0, 360, 420),
        new TimedSlide(1, 420, 720), new TimedSlide(0, 720, 750)), placed);
  }

  @Test
  void slidesSecondsDefaultsToTen() {
    assertEquals(0, s("17.5").compareTo(SlideTimeline.slidesSeconds(slides(7.5, null))));
  }

  @Test
  void secondsThatFillTheDurationLeaveNothingForTheOthers() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> SlideTimeline.place(slides(10.0, null), false, s("10"), FPS30));
    assertEquals("slides", e.subject());
    assertTrue(e.reason().contains("leave no time"), e.reason());
  }

  @Test
  void slidesTooShortForAFrameAreLeftOut() {
    // Three slides in 2 frames' time (1/15 s): boundaries at 0.67 and 1.33 frames → [0,1), [1,1) empty, [1,2).
    assertEquals(List.of(new TimedSlide(0, 0, 1), new TimedSlide(2, 1, 2)),
        SlideTimeline.place(slides(null, null, null), false, new BigDecimal("0.0666666666666666666666666666666667"), FPS30));
  }
}
