package dev.videogen.media.mux;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** One AVPacket with one owner: allocated here, freed (with its data) by {@link #close()}. */
final class OwnedPacket implements AutoCloseable {
  private AVPacket packet;

  OwnedPacket() {
    packet = av_packet_alloc();
    if (packet == null || packet.isNull()) {
      throw new OutOfMemoryError("av_packet_alloc() returned null");
    }
  }

  AVPacket get() {
    if (packet == null) {
      throw new IllegalStateException("packet already freed");
    }
    return packet;
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
  }
}
