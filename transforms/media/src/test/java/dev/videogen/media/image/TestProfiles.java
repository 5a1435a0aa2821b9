package dev.videogen.media.image;

import dev.videogen.media.image.ImageFixtures.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ICC profiles for tests, and an independent oracle for what a matrix/TRC profile's colours are in sRGB.
 *
 * <p>{@link #displayP3()} writes a Display P3 profile the way Apple's is made (ICC v2 display class, the P3
 * primaries and D65 white adapted to the D50 PCS with the Bradford matrix, the sRGB transfer curve as a
 * parametric curve). {@link #toSrgb} computes the colorimetric conversion straight in D65 XYZ with doubles,
 * clipping per channel: a different path from LittleCMS's D50 PCS and fixed-point tables, so agreement within
 * one level is a real check.
 */
final class TestProfiles {
  static final double[][] SRGB_PRIMARIES = {{0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}};
  static final double[][] P3_PRIMARIES = {{0.680, 0.320}, {0.265, 0.690}, {0.150, 0.060}};
  static final double[][] ADOBE_PRIMARIES = {{0.64, 0.33}, {0.21, 0.71}, {0.15, 0.06}};
  static final double[] D65 = {0.3127, 0.3290};
  /** Adobe RGB (1998)'s transfer: a pure power 563/256 (2.19921875), as the Debian profile stores it. */
  static final double ADOBE_GAMMA = 563.0 / 256.0;

  private TestProfiles() {}

  /** An ICC v2 Display P3 profile (about 500 bytes). */
  static byte[] displayP3() {
    double[][] toXyz = rgbToXyz(P3_PRIMARIES, D65);
    double[][] adapted = multiply(bradford(xyz(D65), new double[] {0.9642, 1.0, 0.8249}), toXyz);
    List<Tag> tags = new ArrayList<>();
    tags.add(new Tag("desc", desc("Display P3 (videogen test)")));
    tags.add(new Tag("wtpt", xyzType(0.9642, 1.0, 0.8249)));
    tags.add(new Tag("rXYZ", xyzType(adapted[0][0], adapted[1][0], adapted[2][0])));
    tags.add(new Tag("gXYZ", xyzType(adapted[0][1], adapted[1][1], adapted[2][1])));
    tags.add(new Tag("bXYZ", xyzType(adapted[0][2], adapted[1][2], adapted[2][2])));
    byte[] trc = srgbCurve();
    tags.add(new Tag("rTRC", trc));
    tags.add(new Tag("gTRC", trc));
    tags.add(new Tag("bTRC", trc));
    tags.add(new Tag("cprt", text("No copyright, use freely")));
    return profile(tags);
  }

  /** The sRGB value (0..255, clipped) of a colour given in a matrix/TRC space, computed in D65 XYZ. */
  static int[] toSrgb(int[] rgb, double[][] primaries, java.util.function.DoubleUnaryOperator decode) {
    double[] linear = new double[3];
    for (int c = 0; c < 3; c++) {
      linear[c] = decode.applyAsDouble(rgb[c] / 255.0);
    }
    double[] xyz = apply(rgbToXyz(primaries, D65), linear);
    double[] srgbLinear = apply(invert(rgbToXyz(SRGB_PRIMARIES, D65)), xyz);
    int[] out = new int[3];
    for (int c = 0; c < 3; c++) {
      double v = Math.max(0, Math.min(1, srgbLinear[c]));
      out[c] = (int) Math.round(255 * srgbEncode(v));
    }
    return out;
  }

  static double srgbDecode(double v) {
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  static double srgbEncode(double v) {
    return v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
  }

  static double adobeDecode(double v) {
    return Math.pow(v, ADOBE_GAMMA);
  }

  // ------------------------------------------------------------------ colour maths

  private static double[] xyz(double[] xy) {
    return new double[] {xy[0] / xy[1], 1.0, (1 - xy[0] - xy[1]) / xy[1]};
  }

  /** The RGB → XYZ matrix of the primaries with the given white (Y of white = 1). */
  static double[][] rgbToXyz(double[][] primaries, double[] whiteXy) {
    double[][] p = new double[3][3];
    for (int c = 0; c < 3; c++) {
      double[] v = xyz(primaries[c]);
      for (int r = 0; r < 3; r++) {
        p[r][c] = v[r];
      }
    }
    double[] s = apply(invert(p), xyz(whiteXy));
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        p[r][c] *= s[c];
      }
    }
    return p;
  }

  private static double[][] bradford(double[] from, double[] to) {
    double[][] m = {{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}};
    double[] a = apply(m, from);
    double[] b = apply(m, to);
    double[][] d = {{b[0] / a[0], 0, 0}, {0, b[1] / a[1], 0}, {0, 0, b[2] / a[2]}};
    return multiply(invert(m), multiply(d, m));
  }

  private static double[] apply(double[][] m, double[] v) {
    double[] out = new double[3];
    for (int r = 0; r < 3; r++) {
      out[r] = m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2];
    }
    return out;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[r][c] = a[r][0] * b[0][c] + a[r][1] * b[1][c] + a[r][2] * b[2][c];
      }
    }
    return out;
  }

  private static double[][] invert(double[][] m) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double[][] inv = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        int r1 = (c + 1) % 3;
        int r2 = (c + 2) % 3;
        int c1 = (r + 1) % 3;
        int c2 = (r + 2) % 3;
        inv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
      }
    }
    return inv;
  }

  // ------------------------------------------------------------------ ICC writing

  private record Tag(String signature, byte[] data) {}

  private static byte[] profile(List<Tag> tags) {
    int tableEnd = 128 + 4 + 12 * tags.size();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Bytes table = new Bytes(false).u32(tags.size());
    for (Tag t : tags) {
      while ((tableEnd + body.size()) % 4 != 0) {
        body.write(0);
      }
      table.raw(t.signature()).u32(tableEnd + body.size()).u32(t.data().length);
      body.writeBytes(t.data());
    }
    int size = tableEnd + body.size();
    Bytes header = new Bytes(false);
    header.u32(size).raw("none").u32(0x02100000L).raw("mntr").raw("RGB ").raw("XYZ ");
    header.raw(new byte[12]); // date
    header.raw("acsp").raw("APPL").u32(0).raw("none").raw("none").raw(new byte[8]).u32(0); // intent 0
    header.raw(s15(0.9642)).raw(s15(1.0)).raw(s15(0.8249)); // PCS illuminant D50
    header.raw("none").raw(new byte[16]).raw(new byte[28]);
    byte[] h = header.toByteArray();
    if (h.length != 128) {
      throw new AssertionError("ICC header is " + h.length + " bytes");
    }
    Bytes all = new Bytes(false).raw(h).raw(table.toByteArray()).raw(body.toByteArray());
    return all.toByteArray();
  }

  private static byte[] s15(double v) {
    return new Bytes(false).u32(Math.round(v * 65536) & 0xFFFFFFFFL).toByteArray();
  }

  private static byte[] xyzType(double x, double y, double z) {
    return new Bytes(false).raw("XYZ ").u32(0).raw(s15(x)).raw(s15(y)).raw(s15(z)).toByteArray();
  }

  /** parametricCurveType function 3: the sRGB curve. */
  private static byte[] srgbCurve() {
    return new Bytes(false).raw("para").u32(0).u16(3).u16(0).raw(s15(2.4)).raw(s15(1 / 1.055))
        .raw(s15(0.055 / 1.055)).raw(s15(1 / 12.92)).raw(s15(0.04045)).toByteArray();
  }

  private static byte[] desc(String s) {
    byte[] ascii = (s + "\0").getBytes(StandardCharsets.US_ASCII);
    return new Bytes(false).raw("desc").u32(0).u32(ascii.length).raw(ascii).u32(0).u32(0).u16(0).u8(0)
        .raw(new byte[67]).toByteArray();
  }

  private static byte[] text(String s) {
    return new Bytes(false).raw("text").u32(0).raw((s + "\0").getBytes(StandardCharsets.US_ASCII)).toByteArray();
  }
}
