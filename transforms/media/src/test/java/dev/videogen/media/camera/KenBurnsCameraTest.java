package dev.videogen.media.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogen.media.spec.CameraPoint;
import dev.videogen.media.spec.Easing;
import dev.videogen.media.spec.Fit;
import org.junit.jupiter.api.Test;

class KenBurnsCameraTest {
  private static final double EPS = 1e-9;

  private static void assertView(View expected, View actual) {
    assertEquals(expected.left(), actual.left(), EPS, "left");
    assertEquals(expected.top(), actual.top(), EPS, "top");
    assertEquals(expected.width(), actual.width(), EPS, "width");
    assertEquals(expected.height(), actual.height(), EPS, "height");
  }

  @Test
  void coverBaseViewOfAWideImageUsesItsFullHeight() {
    // 4000×2000 (2:1) into 16:9: base view (2000·16/9)×2000.
    KenBurnsCamera camera = new KenBurnsCamera(4000, 2000, 1920, 1080, Fit.COVER,
        new CameraPoint(1, 0.5, 0.5), new CameraPoint(1, 0.5, 0.5), Easing.LINEAR);
    assertEquals(2000.0 * 1920 / 1080, camera.baseWidth(), EPS);
    assertEquals(2000.0, camera.baseHeight(), EPS);
  }

  @Test
  void coverBaseViewOfAPortraitImageUsesItsFullWidth() {
    KenBurnsCamera camera = new KenBurnsCamera(1200, 1800, 1920, 1080, Fit.COVER,
        CameraPoint.DEFAULT_FROM, CameraPoint.DEFAULT_TO, Easing.LINEAR);
    assertEquals(1200.0, camera.baseWidth(), EPS);
    assertEquals(1200.0 * 1080 / 1920, camera.baseHeight(), EPS);
  }

  @Test
  void containBaseViewHoldsTheWholeImage() {
    KenBurnsCamera camera = new KenBurnsCamera(1200, 1800, 1920, 1080, Fit.CONTAIN,
        CameraPoint.DEFAULT_FROM, CameraPoint.DEFAULT_FROM, Easing.LINEAR);
    assertEquals(1800.0 * 1920 / 1080, camera.baseWidth(), EPS);
    assertEquals(1800.0, camera.baseHeight(), EPS);
    // Wider than the image: centred on it, never clamped to its edge.
    View view = camera.viewAt(0, 10);
    assertView(new View((1200 - 3200) / 2.0, 0, 3200, 1800), view);
  }

  @Test
  void firstFrameShowsFromAndLastShowsTo() {
    KenBurnsCamera camera = new KenBurnsCamera(3200, 1800, 1920, 1080, Fit.COVER,
        new CameraPoint(1.0, 0.5, 0.5), new CameraPoint(2.0, 0.25, 0.75), Easing.LINEAR);
    assertView(new View(0, 0, 3200, 1800), camera.viewAt(0, 11));
    // Last frame (index 10 of 11): zoom 2, view 1600×900 centred at (800, 1350): top clamped to 1800 − 900.
    assertView(new View(0, 900, 1600, 900), camera.viewAt(10, 11));
  }

  @Test
  void zoomIsGeometricAndCentreLinearInTheEasedProgress() {
    KenBurnsCamera camera = new KenBurnsCamera(3200, 1800, 1920, 1080, Fit.COVER,
        new CameraPoint(1.0, 0.4, 0.5), new CameraPoint(4.0, 0.6, 0.5), Easing.LINEAR);
    // Middle frame of 5 (p = 0.5): zoom √4 = 2 → 1600×900, centre x = 0.5·3200 = 1600.
    assertView(new View(800, 450, 1600, 900), camera.viewAt(2, 5));
  }

  @Test
  void easingCurves() {
    assertEquals(0.25, Easing.LINEAR.apply(0.25), EPS);
    assertEquals(1 - Math.cos(Math.PI / 8), Easing.EASE_IN.apply(0.25), EPS);
    assertEquals(Math.sin(Math.PI / 8), Easing.EASE_OUT.apply(0.25), EPS);
    assertEquals(0.5, Easing.EASE_IN_OUT.apply(0.5), EPS);
    for (Easing easing : Easing.values()) {
      assertEquals(0.0, easing.apply(0), EPS);
      assertEquals(1.0, easing.apply(1), EPS);
    }
  }

  @Test
  void aOneFrameSlideShowsFrom() {
    KenBurnsCamera camera = new KenBurnsCamera(3200, 1800, 1920, 1080, Fit.COVER,
        new CameraPoint(1.0, 0.5, 0.5), new CameraPoint(2.0, 0.5, 0.5), Easing.LINEAR);
    assertView(new View(0, 0, 3200, 1800), camera.viewAt(0, 1));
  }

  @Test
  void positionsAreNeverRounded() {
    KenBurnsCamera camera = new KenBurnsCamera(3200, 1800, 1920, 1080, Fit.COVER,
        new CameraPoint(1.5, 0.5, 0.5), new CameraPoint(1.5, 0.5001, 0.5), Easing.LINEAR);
    View first = camera.viewAt(0, 3);
    View second = camera.viewAt(1, 3);
    assertEquals(0.16, second.left() - first.left(), 1e-9); // 0.00005·3200 = 0.16 px
  }
}
