package dev.videogen.media.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel computes exactly the scalar kernel's integers, row by row, over the geometries a frame
 * can have: every scale from a 4× enlargement to a 2.5× reduction (past the 2× a window holds, so the scalar
 * fallback runs too), both edge modes, positions off the grid, widths with and without a tail.
 */
class RowKernelTest {
  private static final int MAX_SAMPLE = 255 * YuvImage.SCALE;

  private final ScalarRowKernel scalar = new ScalarRowKernel();
  private RowKernel vector;

  @BeforeEach
  void vectorKernel() {
    try {
      vector = (RowKernel) Class.forName("dev.videogen.media.render.VectorRowKernel").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
      Assumptions.abort("no vector kernel on this JVM: " + e);
    }
  }

  @Test
  void resamplingMatchesTheScalarKernel() {
    Random random = new Random(20261124);
    for (int trial = 0; trial < 400; trial++) {
      int width = 1 + random.nextInt(700);
      double scale = 0.25 + random.nextDouble() * 2.25;
      int sourceWidth = Math.max(2, (int) Math.ceil(width * scale) + random.nextInt(40));
      double offset = random.nextDouble() * 8 - 4;
      AxisTaps cols = new AxisTaps();
      cols.compute(width, scale, offset, sourceWidth, random.nextBoolean());
      short[] line = new short[cols.hi - cols.lo + 1 + vector.linePadding()];
      for (int x = 0; x < cols.hi - cols.lo + 1; x++) {
        line[x] = (short) random.nextInt(MAX_SAMPLE * AxisTaps.ONE + 1); // a blended line
      }
      byte[] expected = new byte[width];
      byte[] actual = new byte[width];
      scalar.prepare(cols);
      scalar.resample(line, cols, expected);
      vector.prepare(cols);
      vector.resample(line, cols, actual);
      assertArrayEquals(expected, actual, "width " + width + ", scale " + scale + ", offset " + offset);
    }
  }

  @Test
  void blendingMatchesTheScalarKernel() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int span = 1 + random.nextInt(300);
      short[] source = new short[3 * span + 5];
      for (int i = 0; i < source.length; i++) {
        source[i] = (short) random.nextInt(MAX_SAMPLE + 1);
      }
      int wb = random.nextInt(AxisTaps.ONE + 1);
      int wa = random.nextInt(4) == 0 ? random.nextInt(AxisTaps.ONE + 1 - wb) : AxisTaps.ONE - wb; // partial: contain's edges
      int rowA = random.nextInt(span + 5);
      int rowB = rowA + random.nextInt(span);
      short[] expected = new short[span + vector.linePadding()];
      short[] actual = new short[span + vector.linePadding()];
      scalar.blend(source, rowA, rowB, wa, wb, expected, span);
      vector.blend(source, rowA, rowB, wa, wb, actual, span);
      assertArrayEquals(expected, actual, "span " + span + ", weights " + wa + "/" + wb);
    }
  }
}
