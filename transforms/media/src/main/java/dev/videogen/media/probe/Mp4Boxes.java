package dev.videogen.media.probe;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Walks the top-level boxes of an MP4 stream in order, reading headers only: 32-bit sizes, 64-bit
 * "largesize" (size 1) and "to the end of the file" (size 0). The caller skips or copies each box's body.
 */
final class Mp4Boxes {
  /** One box header: its type, its whole size in bytes (-1: to the end of the file) and its raw header bytes. */
  record Header(String type, long size, byte[] raw) {
    long bodySize() {
      return size - raw.length;
    }
  }

  private final DataInputStream in;

  Mp4Boxes(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /** The next box's header, or null at the end of the stream or where a header is cut short or impossible. */
  Header next() throws IOException {
    byte[] raw = new byte[8];
    if (!readFully(raw)) {
      return null;
    }
    long size = ByteBuffer.wrap(raw, 0, 4).getInt() & 0xFFFFFFFFL;
    String type = new String(raw, 4, 4, StandardCharsets.ISO_8859_1);
    if (size == 0) {
      return new Header(type, -1, raw);
    }
    if (size == 1) {
      byte[] large = new byte[16];
      System.arraycopy(raw, 0, large, 0, 8);
      if (!readFully(large, 8)) {
        return null;
      }
      raw = large;
      size = ByteBuffer.wrap(large, 8, 8).getLong();
    }
    return size < raw.length ? null : new Header(type, size, raw);
  }

  /** Skips the body of {@code box}; false when the stream ends first. */
  boolean skip(Header box) throws IOException {
    try {
      in.skipNBytes(box.bodySize());
      return true;
    } catch (EOFException e) {
      return false;
    }
  }

  /** Copies the body of {@code box} to {@code out}; false when the stream ends first. */
  boolean copy(Header box, OutputStream out) throws IOException {
    byte[] buffer = new byte[(int) Math.min(box.bodySize(), 1 << 16)];
    for (long left = box.bodySize(); left > 0; ) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        return false;
      }
      out.write(buffer, 0, read);
      left -= read;
    }
    return true;
  }

  private boolean readFully(byte[] bytes) throws IOException {
    return readFully(bytes, 0);
  }

  private boolean readFully(byte[] bytes, int from) throws IOException {
    try {
      in.readFully(bytes, from, bytes.length - from);
      return true;
    } catch (EOFException e) {
      return false;
    }
  }
}
