package dev.videogen.media.render;

/**
 * The bilinear taps along one axis of one plane for one frame: output sample k samples the source at the
 * real position s = scale·k + offset (pixel-centre coordinates), quantized to 1/{@value #ONE} of a source
 * pixel: taps ⌊s⌋ and ⌊s⌋+1 with weights (1 − frac, frac) in units of 1/{@value #ONE}. Outside the source,
 * positions either replicate the edge ({@code cover}) or weigh nothing ({@code contain}: the frame pixel is
 * then premultiplied by its coverage, and the background fills the rest).
 */
final class AxisTaps {
  static final int BITS = 6;
  static final int ONE = 1 << BITS;

  int count;
  int[] i0 = new int[0];
  int[] i1 = new int[0];
  int[] w0 = new int[0];
  int[] w1 = new int[0];
  /** The smallest and largest source index any tap reads. */
  int lo;
  int hi;
  /** True when some sample's weights add up to less than {@link #ONE} (only with zero outside). */
  boolean partial;

  void compute(int count, double scale, double offset, int sourceSize, boolean zeroOutside) {
    if (i0.length < count) {
      i0 = new int[count];
      i1 = new int[count];
      w0 = new int[count];
      w1 = new int[count];
    }
    this.count = count;
    int last = sourceSize - 1;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    boolean anyPartial = false;
    for (int k = 0; k < count; k++) {
      long position = Math.round((scale * k + offset) * ONE);
      long first = Math.floorDiv(position, ONE);
      int fraction = (int) Math.floorMod(position, ONE);
      int a = (int) Math.max(0, Math.min(last, first));
      int b = (int) Math.max(0, Math.min(last, first + 1));
      int wa = ONE - fraction;
      int wb = fraction;
      if (zeroOutside) {
        if (first < 0 || first > last) {
          wa = 0;
        }
        if (first + 1 < 0 || first + 1 > last) {
          wb = 0;
        }
        anyPartial |= wa + wb < ONE;
      }
      i0[k] = a;
      i1[k] = b;
      w0[k] = wa;
      w1[k] = wb;
      min = Math.min(min, a);
      max = Math.max(max, b);
    }
    lo = min;
    hi = max;
    partial = anyPartial;
  }

  int coverage(int k) {
    return w0[k] + w1[k];
  }
}
