package dev.videogen.media.mux;

import dev.videogen.media.codec.PacketFile;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The video packets of a list of chunk files read one after another, with the index of the chunk each came
 * from. Owns the reader of the current chunk only; {@link #close()} closes it.
 */
final class ChunkSequence implements AutoCloseable {
  private final List<Path> chunks;
  private int chunk;
  private PacketFile.Reader reader;

  ChunkSequence(List<Path> chunks) {
    this.chunks = List.copyOf(chunks);
    reader = new PacketFile.Reader(chunks.get(0));
  }

  /** The first chunk's codec parameters (all chunks were checked to have the same). */
  AVCodecParameters parameters() {
    return reader.parameters();
  }

  /** Reads the next packet into {@code packet}, moving on to the next chunk at the end of one; false at the end. */
  boolean read(AVPacket packet) {
    while (true) {
      if (reader.read(packet)) {
        return true;
      }
      if (chunk + 1 >= chunks.size()) {
        return false;
      }
      reader.close();
      reader = null;
      chunk++;
      reader = new PacketFile.Reader(chunks.get(chunk));
    }
  }

  /** The index of the chunk the last packet came from. */
  int chunk() {
    return chunk;
  }

  @Override
  public void close() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
