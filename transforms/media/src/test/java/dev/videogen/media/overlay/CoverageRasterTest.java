package dev.videogen.media.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact area coverage at known pixels; non-zero winding; quadratic flattening. */
class CoverageRasterTest {
  private static final double EXACT = 1e-12;

  private static double[] rectangle(CoverageRaster raster, double x0, double y0, double x1, double y1,
      boolean clockwise) {
    raster.moveTo(x0, y0);
    if (clockwise) {
      raster.lineTo(x1, y0);
      raster.lineTo(x1, y1);
      raster.lineTo(x0, y1);
    } else {
      raster.lineTo(x0, y1);
      raster.lineTo(x1, y1);
      raster.lineTo(x1, y0);
    }
    raster.close();
    return null;
  }

  @Test
  void aRectangleCoversTheAreaOfEachPixelItOverlaps() {
    CoverageRaster raster = new CoverageRaster(6, 4);
    rectangle(raster, 1.5, 1, 3.25, 3, true);
    double[] c = raster.coverage();
    double[] row = {0, 0.5, 1, 0.25, 0, 0};
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        double expected = y == 1 || y == 2 ? row[x] : 0;
        assertEquals(expected, c[y * 6 + x], EXACT, "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void aRectangleWithFractionalTopAndBottomCoversTheFraction() {
    CoverageRaster raster = new CoverageRaster(3, 3);
    rectangle(raster, 0, 0.75, 2, 2.5, false);
    double[] c = raster.coverage();
    assertEquals(0.25, c[0], EXACT);
    assertEquals(1, c[3 + 1], EXACT);
    assertEquals(0.5, c[6 + 1], EXACT);
    assertEquals(0, c[2], EXACT);
  }

  @Test
  void aTriangleCoversFullHalfAndEmptyPixelsAlongItsDiagonal() {
    // x + y <= 4: pixels with x + y <= 2 lie inside, x + y = 3 are cut by the diagonal through their corners.
    CoverageRaster raster = new CoverageRaster(5, 5);
    raster.moveTo(0, 0);
    raster.lineTo(4, 0);
    raster.lineTo(0, 4);
    double[] c = raster.coverage();
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        double expected = x + y <= 2 ? 1 : x + y == 3 ? 0.5 : 0;
        assertEquals(expected, c[y * 5 + x], EXACT, "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void aSlantedEdgeAcrossSeveralPixelsOfOneRowSplitsThemExactly() {
    // The triangle (0,0) (4,0) (0,1): in its one row, pixel x covers the area under y = 1 - X/4 over [x, x+1].
    CoverageRaster raster = new CoverageRaster(5, 1);
    raster.moveTo(0, 0);
    raster.lineTo(4, 0);
    raster.lineTo(0, 1);
    double[] c = raster.coverage();
    for (int x = 0; x < 4; x++) {
      double expected = 1 - (x + 0.5) / 4;
      assertEquals(expected, c[x], EXACT, "pixel " + x);
    }
    assertEquals(0, c[4], EXACT);
  }

  @Test
  void overlappingContoursOfOneDirectionFillOnceAndAnOppositeOneCutsAHole() {
    CoverageRaster same = new CoverageRaster(8, 8);
    rectangle(same, 0, 0, 6, 6, true);
    rectangle(same, 2, 2, 8, 8, true);
    double[] union = same.coverage();
    assertEquals(1, union[3 * 8 + 3], EXACT); // winding 2 fills once
    assertEquals(1, union[7 * 8 + 7], EXACT);
    assertEquals(0, union[7 * 8], EXACT);

    CoverageRaster holed = new CoverageRaster(8, 8);
    rectangle(holed, 0, 0, 8, 8, true);
    rectangle(holed, 2, 2, 6, 6, false);
    double[] ring = holed.coverage();
    assertEquals(1, ring[8 + 1], EXACT);
    assertEquals(0, ring[3 * 8 + 3], EXACT); // winding 0 inside the hole
    assertEquals(1, ring[6 * 8 + 6], EXACT);
  }

  @Test
  void aQuadraticSegmentEnclosesTwoThirdsOfItsHullTriangleWithinTheFlatness() {
    // The region between the chord (0,8)-(8,8) and the curve through control (4,0): 2/3 · 8 · 4.
    CoverageRaster raster = new CoverageRaster(10, 10);
    raster.moveTo(0, 8);
    raster.quadTo(4, 0, 8, 8);
    raster.close();
    double sum = 0;
    for (double v : raster.coverage()) {
      sum += v;
    }
    assertEquals(2.0 / 3 * 8 * 4, sum, 8 * 2 * CoverageRaster.FLATNESS);
  }

  @Test
  void pixelsPastAShapeAreExactlyEmptyWhateverItsCoordinates() {
    // Coordinates with long binary fractions leave rounding residue in the running sums; it must not count.
    CoverageRaster raster = new CoverageRaster(40, 12);
    for (int k = 0; k < 5; k++) {
      double x = 1.1 + k * 3.3;
      raster.moveTo(x, 1.7);
      raster.quadTo(x + 2.9 / 3, 0.3, x + 2.3, 2.9);
      raster.lineTo(x + 0.7, 10.3);
      raster.close();
    }
    double[] c = raster.coverage();
    for (int y = 0; y < 12; y++) {
      for (int x = 20; x < 40; x++) {
        assertEquals(0.0, c[y * 40 + x], 0.0, "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void aShapeCutByTheLeftEdgeStillFillsWhatLiesInside() {
    CoverageRaster raster = new CoverageRaster(4, 2);
    rectangle(raster, -3, 0, 1.5, 2, true);
    double[] c = raster.coverage();
    assertEquals(1, c[0], EXACT);
    assertEquals(0.5, c[1], EXACT);
    assertEquals(0, c[2], EXACT);
  }
}
