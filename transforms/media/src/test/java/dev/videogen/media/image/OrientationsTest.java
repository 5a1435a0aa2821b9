package dev.videogen.media.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrientationsTest {
  @Test
  void compositionsOfRotationsAndMirrors() {
    assertEquals(3, Orientations.then(6, 6)); // two quarter turns clockwise
    assertEquals(1, Orientations.then(6, 8)); // clockwise then counter-clockwise
    assertEquals(5, Orientations.then(6, 2)); // clockwise then mirror left-right: transpose (EXIF's definition)
    assertEquals(7, Orientations.then(6, 4)); // clockwise then mirror top-bottom: transverse
    assertEquals(3, Orientations.then(2, 4)); // both mirrors: half turn
    assertEquals(5, Orientations.then(8, 4)); // HEIF irot 1 then imir 0, as libheif shows it
    for (int o = 1; o <= 8; o++) {
      assertEquals(o, Orientations.then(o, 1));
      assertEquals(o, Orientations.then(1, o));
    }
  }

  @Test
  void counterClockwiseQuarterTurns() {
    assertEquals(1, Orientations.counterClockwise(0));
    assertEquals(8, Orientations.counterClockwise(1));
    assertEquals(3, Orientations.counterClockwise(2));
    assertEquals(6, Orientations.counterClockwise(3));
  }
}
