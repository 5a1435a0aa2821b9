package dev.videogen.media.image;

import java.util.Arrays;

/**
 * The eight EXIF orientations as transforms that can be chained, for formats that store a rotation and a
 * mirror separately (HEIF {@code irot}, {@code imir}). Orientation o means: to display, apply T(o) to the
 * stored image (1 identity, 2 mirror left-right, 3 rotate 180°, 4 mirror top-bottom, 5 transpose, 6 rotate
 * 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise). Worked out on a small grid, so no table can
 * be wrong.
 */
final class Orientations {
  private static final int[][] PROBE = {{0, 1, 2}, {3, 4, 5}};

  private Orientations() {}

  /** The orientation of applying T(first), then T(second). */
  static int then(int first, int second) {
    int[][] target = apply(second, apply(first, PROBE));
    for (int o = 1; o <= 8; o++) {
      if (Arrays.deepEquals(apply(o, PROBE), target)) {
        return o;
      }
    }
    throw new AssertionError("orientations are closed under composition");
  }

  /** A rotation by quarterTurns × 90° counter-clockwise. */
  static int counterClockwise(int quarterTurns) {
    return switch (quarterTurns & 3) {
      case 0 -> 1;
      case 1 -> 8;
      case 2 -> 3;
      default -> 6;
    };
  }

  /** T(o) applied to a grid, exactly as {@code ImageDecoder.orient} applies it to pixels. */
  static int[][] apply(int o, int[][] g) {
    return switch (o) {
      case 1 -> g;
      case 2 -> mirrorLeftRight(g);
      case 3 -> clockwise(clockwise(g));
      case 4 -> mirrorTopBottom(g);
      case 5 -> mirrorLeftRight(clockwise(g));
      case 6 -> clockwise(g);
      case 7 -> mirrorTopBottom(clockwise(g));
      case 8 -> clockwise(clockwise(clockwise(g)));
      default -> throw new IllegalArgumentException("orientation " + o);
    };
  }

  private static int[][] clockwise(int[][] g) {
    int rows = g.length;
    int cols = g[0].length;
    int[][] out = new int[cols][rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c][rows - 1 - r] = g[r][c];
      }
    }
    return out;
  }

  private static int[][] mirrorLeftRight(int[][] g) {
    int[][] out = new int[g.length][];
    for (int r = 0; r < g.length; r++) {
      out[r] = new int[g[r].length];
      for (int c = 0; c < g[r].length; c++) {
        out[r][c] = g[r][g[r].length - 1 - c];
      }
    }
    return out;
  }

  private static int[][] mirrorTopBottom(int[][] g) {
    int[][] out = new int[g.length][];
    for (int r = 0; r < g.length; r++) {
      out[r] = g[g.length - 1 - r].clone();
    }
    return out;
  }
}
