package dev.videogen.media.render;

import java.nio.ByteBuffer;

/**
 * A writable yuv420p frame: three planes with their row strides, e.g. views of the encoder's own frame
 * buffers (so a frame is rendered straight where the encoder reads it). Chroma planes are
 * ⌈width/2⌉ × ⌈height/2⌉.
 */
public record YuvPlanes(int width, int height, ByteBuffer y, int yStride, ByteBuffer cb, int cbStride, ByteBuffer cr,
    int crStride) {

  public int chromaWidth() {
    return (width + 1) / 2;
  }

  public int chromaHeight() {
    return (height + 1) / 2;
  }

  /** A frame in fresh heap buffers with tight strides (tests, benchmarks). */
  public static YuvPlanes allocate(int width, int height) {
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    return new YuvPlanes(width, height, ByteBuffer.allocate(width * height), width, ByteBuffer.allocate(cw * ch), cw,
        ByteBuffer.allocate(cw * ch), cw);
  }
}
