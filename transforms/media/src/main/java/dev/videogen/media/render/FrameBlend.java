package dev.videogen.media.render;

import dev.videogen.media.plan.FrameMix;
import java.nio.ByteBuffer;

/**
 * The blends of transitions and fades, in place on yuv420p planes, in exact integers: each sample becomes
 * black + ⌊(gA·(a − black) + gB·(b − black) + ONE/2) / ONE⌋ (round half up), clamped to 0–255, with gains in
 * 1/{@link FrameMix#ONE} and black Y = 16, Cb = Cr = 128 (BT.709 limited range). YUV is affine in RGB, so
 * blending the planes is blending the pictures. Deterministic, so chunks stay bit-reproducible.
 */
final class FrameBlend {
  static final int BLACK_LUMA = 16;
  static final int BLACK_CHROMA = 128;
  private static final int HALF = FrameMix.ONE / 2;

  private FrameBlend() {}

  /** target = black + gainA·(target − black) + gainB·(other − black); both frames the same size. */
  static void mix(YuvPlanes target, int gainA, YuvPlanes other, int gainB) {
    int cw = target.chromaWidth();
    int ch = target.chromaHeight();
    mixPlane(target.y(), target.yStride(), gainA, other.y(), other.yStride(), gainB, target.width(), target.height(),
        BLACK_LUMA);
    mixPlane(target.cb(), target.cbStride(), gainA, other.cb(), other.cbStride(), gainB, cw, ch, BLACK_CHROMA);
    mixPlane(target.cr(), target.crStride(), gainA, other.cr(), other.crStride(), gainB, cw, ch, BLACK_CHROMA);
  }

  /** target = black + gain·(target − black): a fade, or one slide of a fade through black. */
  static void scale(YuvPlanes target, int gain) {
    int cw = target.chromaWidth();
    int ch = target.chromaHeight();
    mixPlane(target.y(), target.yStride(), gain, null, 0, 0, target.width(), target.height(), BLACK_LUMA);
    mixPlane(target.cb(), target.cbStride(), gain, null, 0, 0, cw, ch, BLACK_CHROMA);
    mixPlane(target.cr(), target.crStride(), gain, null, 0, 0, cw, ch, BLACK_CHROMA);
  }

  /** The black frame. */
  static void fillBlack(YuvPlanes target) {
    fill(target.y(), target.yStride(), target.width(), target.height(), BLACK_LUMA);
    fill(target.cb(), target.cbStride(), target.chromaWidth(), target.chromaHeight(), BLACK_CHROMA);
    fill(target.cr(), target.crStride(), target.chromaWidth(), target.chromaHeight(), BLACK_CHROMA);
  }

  private static void mixPlane(ByteBuffer a, int aStride, int gainA, ByteBuffer b, int bStride, int gainB, int width,
      int height, int black) {
    byte[] rowA = new byte[width];
    byte[] rowB = b == null ? null : new byte[width];
    // black·ONE folded into the constant: black + ⌊x / ONE⌋ = ⌊(x + black·ONE) / ONE⌋.
    int bias = HALF + black * (FrameMix.ONE - gainA - (b == null ? 0 : gainB));
    for (int y = 0; y < height; y++) {
      a.get(y * aStride, rowA);
      if (b != null) {
        b.get(y * bStride, rowB);
        for (int x = 0; x < width; x++) {
          rowA[x] = clamp(((rowA[x] & 0xff) * gainA + (rowB[x] & 0xff) * gainB + bias) >> FrameMix.SHIFT);
        }
      } else {
        for (int x = 0; x < width; x++) {
          rowA[x] = clamp(((rowA[x] & 0xff) * gainA + bias) >> FrameMix.SHIFT);
        }
      }
      a.put(y * aStride, rowA);
    }
  }

  private static byte clamp(int value) {
    return (byte) Math.max(0, Math.min(255, value));
  }

  private static void fill(ByteBuffer plane, int stride, int width, int height, int value) {
    byte[] row = new byte[width];
    java.util.Arrays.fill(row, (byte) value);
    for (int y = 0; y < height; y++) {
      plane.put(y * stride, row);
    }
  }
}
