package dev.videogen.media.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacpp.indexer.UShortIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Builds tiny test images in code: OpenCV encodes, plus hand-made EXIF, PNG chunks and WebP containers. */
final class ImageFixtures {
  // BGR quadrant colours of the stored test pattern.
  static final int[] RED = {0, 0, 255};
  static final int[] GREEN = {0, 255, 0};
  static final int[] BLUE = {255, 0, 0};
  static final int[] YELLOW = {0, 255, 255};

  private ImageFixtures() {}

  /** w x h BGR image: top-left red, top-right green, bottom-left blue, bottom-right yellow. */
  static Mat quadrants(int w, int h) {
    Mat m = new Mat(h, w, CV_8UC3);
    try (UByteIndexer ix = m.createIndexer()) {
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          int[] col = r < h / 2 ? (c < w / 2 ? RED : GREEN) : (c < w / 2 ? BLUE : YELLOW);
          for (int k = 0; k < 3; k++) {
            ix.put(r, c, k, col[k]);
          }
        }
      }
    }
    return m;
  }

  /** w x h BGR image in which every pixel differs: B = 4*row, G = 4*col, R = 128. */
  static Mat gradient(int w, int h) {
    Mat m = new Mat(h, w, CV_8UC3);
    try (UByteIndexer ix = m.createIndexer()) {
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          ix.put(r, c, 0, 4 * r);
          ix.put(r, c, 1, 4 * c);
          ix.put(r, c, 2, 128);
        }
      }
    }
    return m;
  }

  /** Encodes with OpenCV; ext like ".png", params as OpenCV IMWRITE_* pairs. */
  static byte[] encode(String ext, Mat m, int... params) {
    try (BytePointer buf = new BytePointer();
        IntPointer p = new IntPointer(params.length == 0 ? new int[] {0, 0} : params)) {
      boolean ok = params.length == 0 ? imencode(ext, m, buf) : imencode(ext, m, buf, p);
      assertTrue(ok, "imencode " + ext);
      byte[] b = new byte[(int) buf.limit()];
      buf.get(b);
      return b;
    }
  }

  /** Encodes and closes the Mat. */
  static byte[] encodeAndClose(String ext, Mat m, int... params) {
    try (m) {
      return encode(ext, m, params);
    }
  }

  static int[] bgrAt(Mat m, int row, int col) {
    try (UByteIndexer ix = m.createIndexer()) {
      return new int[] {ix.get(row, col, 0), ix.get(row, col, 1), ix.get(row, col, 2)};
    }
  }

  static void put16(Mat m, int row, int col, int... values) {
    try (UShortIndexer ix = m.createIndexer()) {
      for (int k = 0; k < values.length; k++) {
        ix.put(row, col, k, values[k]);
      }
    }
  }

  static void put8(Mat m, int row, int col, int... values) {
    try (UByteIndexer ix = m.createIndexer()) {
      for (int k = 0; k < values.length; k++) {
        ix.put(row, col, k, values[k]);
      }
    }
  }

  // ------------------------------------------------------------------ EXIF

  /**
   * A TIFF structure (as inside EXIF) whose IFD0 holds ImageDescription-like filler, then Orientation, so the
   * parser has to walk entries; byte order II (little-endian) or MM (big-endian).
   */
  static byte[] exifTiff(int orientation, boolean littleEndian) {
    Bytes t = new Bytes(littleEndian);
    t.raw(littleEndian ? "II" : "MM").u16(42).u32(8);
    t.u16(2); // two entries
    t.u16(0x010F).u16(2).u32(4).raw("ACME"); // Make, ASCII, 4 bytes inline
    t.u16(0x0112).u16(3).u32(1).u16(orientation).u16(0); // Orientation, SHORT, 1 value
    t.u32(0); // no next IFD
    return t.toByteArray();
  }

  /** A JPEG APP1 segment "Exif\0\0" + tiff + extra (e.g. a thumbnail). */
  static byte[] app1Exif(byte[] tiff, byte[] extra) {
    int len = 2 + 6 + tiff.length + extra.length;
    Bytes s = new Bytes(false);
    s.u8(0xFF).u8(0xE1).u16(len).raw("Exif").u8(0).u8(0).raw(tiff).raw(extra);
    return s.toByteArray();
  }

  /** Inserts a segment right after SOI. */
  static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
    return insert(jpeg, 2, segment);
  }

  static byte[] jpegWithOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
    return insertAfterSoi(jpeg, app1Exif(exifTiff(orientation, littleEndian), new byte[0]));
  }

  // ------------------------------------------------------------------ PNG

  static byte[] pngChunk(String type, byte[] data) {
    Bytes c = new Bytes(false);
    c.u32(data.length).raw(type).raw(data);
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(StandardCharsets.ISO_8859_1));
    crc.update(data);
    c.u32(crc.getValue());
    return c.toByteArray();
  }

  /** Inserts a chunk right after IHDR (signature 8 + IHDR 25 bytes). */
  static byte[] pngWithChunkAfterIhdr(byte[] png, String type, byte[] data) {
    return insert(png, 33, pngChunk(type, data));
  }

  static byte[] pngWithOrientation(byte[] png, int orientation, boolean littleEndian) {
    return pngWithChunkAfterIhdr(png, "eXIf", exifTiff(orientation, littleEndian));
  }

  static byte[] ihdr(long w, long h, int bitDepth, int colorType) {
    Bytes d = new Bytes(false);
    d.u32(w).u32(h).u8(bitDepth).u8(colorType).u8(0).u8(0).u8(0);
    return d.toByteArray();
  }

  /**
   * A PNG made by hand: samples are big-endian bytes per row without the filter byte (filter 0 is added).
   * Colour types: 0 gray, 2 RGB, 4 gray+alpha, 6 RGBA.
   */
  static byte[] png(int w, int h, int bitDepth, int colorType, byte[] samples) {
    int rowBytes = samples.length / h;
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (int r = 0; r < h; r++) {
      raw.write(0);
      raw.write(samples, r * rowBytes, rowBytes);
    }
    Deflater z = new Deflater();
    z.setInput(raw.toByteArray());
    z.finish();
    byte[] buf = new byte[raw.size() * 2 + 64];
    int len = z.deflate(buf);
    z.end();
    byte[] idat = java.util.Arrays.copyOf(buf, len);
    return pngFromChunks(pngChunk("IHDR", ihdr(w, h, bitDepth, colorType)), pngChunk("IDAT", idat),
        pngChunk("IEND", new byte[0]));
  }

  static byte[] pngFromChunks(byte[]... chunks) {
    Bytes p = new Bytes(false);
    p.raw(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    for (byte[] c : chunks) {
      p.raw(c);
    }
    return p.toByteArray();
  }

  // ------------------------------------------------------------------ WebP

  /** The chunks of a simple (VP8 or VP8L) WebP file, without the RIFF header. */
  static byte[] webpChunks(byte[] webp) {
    return java.util.Arrays.copyOfRange(webp, 12, webp.length);
  }

  static byte[] riffWebp(byte[]... chunks) {
    Bytes body = new Bytes(true);
    body.raw("WEBP");
    for (byte[] c : chunks) {
      body.raw(c);
    }
    byte[] b = body.toByteArray();
    Bytes riff = new Bytes(true);
    riff.raw("RIFF").u32(b.length).raw(b);
    return riff.toByteArray();
  }

  static byte[] riffChunk(String fourcc, byte[] data) {
    Bytes c = new Bytes(true);
    c.raw(fourcc).u32(data.length).raw(data);
    if ((data.length & 1) != 0) {
      c.u8(0);
    }
    return c.toByteArray();
  }

  static byte[] vp8x(int flags, int w, int h) {
    Bytes d = new Bytes(true);
    d.u8(flags).u8(0).u8(0).u8(0).u24(w - 1).u24(h - 1);
    return riffChunk("VP8X", d.toByteArray());
  }

  /** Re-wraps a simple WebP into the extended format with an EXIF chunk after the image data. */
  static byte[] webpWithExif(byte[] simpleWebp, int w, int h, byte[] tiff) {
    return riffWebp(vp8x(0x08, w, h), webpChunks(simpleWebp), riffChunk("EXIF", tiff));
  }

  // ------------------------------------------------------------------ files

  static byte[] resource(String path) {
    try (InputStream in = ImageFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] insert(byte[] b, int at, byte[] ins) {
    byte[] out = new byte[b.length + ins.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(ins, 0, out, at, ins.length);
    System.arraycopy(b, at, out, at + ins.length, b.length - at);
    return out;
  }

  /** Index of the first occurrence of the two bytes 0xFF, marker in b, or -1. */
  static int findMarker(byte[] b, int marker, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    return -1;
  }

  /** A little byte writer with a fixed byte order. */
  static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean le;

    Bytes(boolean littleEndian) {
      this.le = littleEndian;
    }

    Bytes u8(int v) {
      out.write(v & 0xFF);
      return this;
    }

    Bytes u16(int v) {
      return le ? u8(v).u8(v >> 8) : u8(v >> 8).u8(v);
    }

    Bytes u24(int v) {
      return le ? u8(v).u8(v >> 8).u8(v >> 16) : u8(v >> 16).u8(v >> 8).u8(v);
    }

    Bytes u32(long v) {
      return le ? u16((int) v).u16((int) (v >>> 16)) : u16((int) (v >>> 16)).u16((int) v);
    }

    Bytes raw(String ascii) {
      return raw(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    Bytes raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
