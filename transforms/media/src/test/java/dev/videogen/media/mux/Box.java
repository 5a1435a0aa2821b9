package dev.videogen.media.mux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A top-level ISO BMFF box of a file, read independently of FFmpeg: for tests of the muxed layout. */
record Box(String type, long offset, long size, int headerSize) {

  /** The file's top-level boxes in order; fails if they do not fill the file exactly. */
  static List<Box> topLevel(Path file) {
    try (FileChannel channel = FileChannel.open(file)) {
      List<Box> boxes = new ArrayList<>();
      long length = channel.size();
      long offset = 0;
      while (offset < length) {
        ByteBuffer header = ByteBuffer.allocate(16);
        channel.read(header, offset);
        header.flip();
        long size = Integer.toUnsignedLong(header.getInt());
        byte[] type = new byte[4];
        header.get(type);
        int headerSize = 8;
        if (size == 1) {
          size = header.getLong();
          headerSize = 16;
        }
        if (size < headerSize || offset + size > length) {
          throw new IllegalStateException("bad box size " + size + " at " + offset + " of " + file);
        }
        boxes.add(new Box(new String(type, StandardCharsets.ISO_8859_1), offset, size, headerSize));
        offset += size;
      }
      return boxes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The box's payload (after its header), read from {@code file}. */
  byte[] content(Path file) {
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer content = ByteBuffer.allocate(Math.toIntExact(size - headerSize));
      channel.read(content, offset + headerSize);
      return content.array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
