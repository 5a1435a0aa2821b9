package dev.videogen.media.render;

import dev.videogen.media.overlay.RgbaImage;
import java.nio.ByteBuffer;

/**
 * An overlay ready to blend: its picture converted once to the video's BT.709 limited-range Y'CbCr with
 * premultiplied alpha, at its place in the frame (top-left corner on even pixels, even size, so each 2×2
 * luma block maps to one chroma sample). Per luma pixel it keeps α (in 1/65536) and α·Y' (in 1/256); per
 * chroma sample the 2×2 block means of α, α·Cb and α·Cr. Blending only touches the part of the frame the
 * picture covers.
 *
 * <p>Exactly, with α the picture's alpha at a pixel and g the show's gain at the frame (1/65536, see
 * {@code OverlayShow}), a sample s becomes ⌊(P·g·2^8 + s·(2^32 − A·g) + 2^31) / 2^32⌋, A = round(α·2^16),
 * P = round(α·Y'·2^8) (chroma: the block means, rounded the same way): "over" in Y'CbCr, which is affine in
 * gamma-encoded R'G'B', so the same blend as in R'G'B'.
 */
final class PreparedOverlay {
  private final int left;
  private final int top;
  private final int width;
  private final int height;
  private final int[] alpha;
  private final int[] luma;
  private final int[] chromaAlpha;
  private final int[] cb;
  private final int[] cr;

  private PreparedOverlay(int left, int top, int width, int height, int[] alpha, int[] luma, int[] chromaAlpha,
      int[] cb, int[] cr) {
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
    this.alpha = alpha;
    this.luma = luma;
    this.chromaAlpha = chromaAlpha;
    this.cb = cb;
    this.cr = cr;
  }

  /** Converts {@code image} placed with its top-left corner at ({@code left}, {@code top}), both even. */
  static PreparedOverlay of(RgbaImage image, int left, int top) {
    if ((left & 1) != 0 || (top & 1) != 0) {
      throw new IllegalArgumentException("an overlay's corner must be on even pixels, was " + left + "," + top);
    }
    int width = image.width() + (image.width() & 1);
    int height = image.height() + (image.height() & 1);
    double[] pa = new double[width * height];
    double[] py = new double[width * height];
    double[] pcb = new double[width * height];
    double[] pcr = new double[width * height];
    double[] rgba = image.rgba();
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int k = 4 * (y * image.width() + x);
        double a = rgba[k + 3];
        double r = rgba[k];
        double g = rgba[k + 1];
        double b = rgba[k + 2];
        // Premultiplied BT.709: α·Y' = 16α + 219·y'ₚ with y'ₚ = .2126 rₚ + .7152 gₚ + .0722 bₚ; likewise Cb, Cr.
        double yp = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        int i = y * width + x;
        pa[i] = a;
        py[i] = 16 * a + 219 * yp;
        pcb[i] = 128 * a + 224 * (b - yp) / 1.8556;
        pcr[i] = 128 * a + 224 * (r - yp) / 1.5748;
      }
    }
    int[] alpha = new int[width * height];
    int[] luma = new int[width * height];
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] = (int) Math.round(pa[i] * 65536);
      luma[i] = (int) Math.round(py[i] * 256);
    }
    int cw = width / 2;
    int ch = height / 2;
    int[] chromaAlpha = new int[cw * ch];
    int[] cb = new int[cw * ch];
    int[] cr = new int[cw * ch];
    for (int j = 0; j < ch; j++) {
      for (int i = 0; i < cw; i++) {
        int p = 2 * j * width + 2 * i;
        int q = p + width;
        chromaAlpha[j * cw + i] = (int) Math.round((pa[p] + pa[p + 1] + pa[q] + pa[q + 1]) / 4 * 65536);
        cb[j * cw + i] = (int) Math.round((pcb[p] + pcb[p + 1] + pcb[q] + pcb[q + 1]) / 4 * 256);
        cr[j * cw + i] = (int) Math.round((pcr[p] + pcr[p + 1] + pcr[q] + pcr[q + 1]) / 4 * 256);
      }
    }
    return new PreparedOverlay(left, top, width, height, alpha, luma, chromaAlpha, cb, cr);
  }

  int left() {
    return left;
  }

  int top() {
    return top;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** The memory its planes take. */
  long bytes() {
    return 4L * (alpha.length + luma.length + chromaAlpha.length + cb.length + cr.length);
  }

  /** Blends this overlay at {@code gain} (1/65536) into the frame, clipped to it. */
  void blend(YuvPlanes frame, int gain) {
    if (gain <= 0) {
      return;
    }
    blendPlane(frame.y(), frame.yStride(), frame.width(), frame.height(), left, top, width, height, alpha, luma,
        gain);
    int cw = width / 2;
    int ch = height / 2;
    blendPlane(frame.cb(), frame.cbStride(), frame.chromaWidth(), frame.chromaHeight(), left / 2, top / 2, cw, ch,
        chromaAlpha, cb, gain);
    blendPlane(frame.cr(), frame.crStride(), frame.chromaWidth(), frame.chromaHeight(), left / 2, top / 2, cw, ch,
        chromaAlpha, cr, gain);
  }

  private static void blendPlane(ByteBuffer plane, int stride, int planeWidth, int planeHeight, int left, int top,
      int width, int height, int[] alpha, int[] premultiplied, int gain) {
    int x0 = Math.max(0, left);
    int x1 = Math.min(planeWidth, left + width);
    int y0 = Math.max(0, top);
    int y1 = Math.min(planeHeight, top + height);
    if (x0 >= x1 || y0 >= y1) {
      return;
    }
    byte[] row = new byte[x1 - x0];
    long g = gain;
    for (int y = y0; y < y1; y++) {
      int base = y * stride + x0;
      plane.get(base, row);
      int src = (y - top) * width + (x0 - left);
      for (int x = 0; x < row.length; x++) {
        long a = alpha[src + x];
        if (a == 0) {
          continue;
        }
        long s = row[x] & 0xff;
        long value = (premultiplied[src + x] * g * 256 + s * ((1L << 32) - a * g) + (1L << 31)) >> 32;
        row[x] = (byte) Math.max(0, Math.min(255, value));
      }
      plane.put(base, row);
    }
  }
}
