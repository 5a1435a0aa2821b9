package dev.videogen.media.audio;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** An AAC packet copied out of FFmpeg: pts and duration in samples (dts equals pts for AAC). */
record AacPacket(long pts, long duration, boolean key, byte[] data) {
  static AacPacket copyOf(AVPacket packet) {
    byte[] data = new byte[packet.size()];
    if (data.length > 0) {
      packet.data().get(data);
    }
    return new AacPacket(packet.pts(), packet.duration(),
        (packet.flags() & org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY) != 0, data);
  }
}
