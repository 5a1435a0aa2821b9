package dev.videogen.media;

import java.io.Serializable;

/**
 * A constant frame rate as an exact fraction. The NTSC rates written as decimals in a spec (23.976, 29.97,
 * 59.94) mean 24000/1001, 30000/1001 and 60000/1001; any other rate must be a whole number.
 */
public record FrameRate(int num, int den) implements Serializable {

  public FrameRate {
    if (num <= 0 || den <= 0) {
      throw new IllegalArgumentException("frame rate must be positive: " + num + "/" + den);
    }
  }

  /** Returns the exact rate meant by a spec value, or throws naming the accepted values. */
  public static FrameRate of(double fps) {
    if (fps >= 1 && fps <= 240 && fps == Math.rint(fps)) {
      return new FrameRate((int) fps, 1);
    }
    for (int base : new int[] {24, 30, 48, 60, 120}) {
      double ntsc = base * 1000.0 / 1001.0;
      if (Math.abs(fps - ntsc) < 0.006) {
        return new FrameRate(base * 1000, 1001);
      }
    }
    throw new IllegalArgumentException(
        "must be a whole number from 1 to 240 or an NTSC rate (23.976, 29.97, 47.952, 59.94, 119.88), was " + fps);
  }

  public double value() {
    return (double) num / den;
  }

  /** The number of frames in {@code seconds}, rounded to the nearest frame (half up). */
  public long framesIn(double seconds) {
    return Math.round(seconds * num / den);
  }

  /** The time at which frame {@code index} is shown. */
  public double secondsAt(long index) {
    return (double) index * den / num;
  }

  @Override
  public String toString() {
    return den == 1 ? Integer.toString(num) : num + "/" + den;
  }
}
