package dev.videogen.media.mux;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import dev.videogen.media.codec.FFmpegException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** One AVPacket with one owner: allocated here, freed (with its data) by {@link #close()}. */
final class OwnedPacket implements AutoCloseable {
  private AVPacket packet;

  OwnedPacket() {
    packet = FFmpegException.notNull(av_packet_alloc(), "av_packet_alloc()");
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
