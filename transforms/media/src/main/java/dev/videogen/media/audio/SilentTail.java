package dev.videogen.media.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;

import dev.videogen.media.codec.PacketFile;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The AAC encoder's packets for a track that ends in digital silence. Fed zeros, FFmpeg's {@code aac} encoder
 * settles into one packet repeated (stereo at 192 kb/s: 6 bytes a frame, measured here, the track's last,
 * shorter frame included); once {@link #RUN} packets lying wholly in the silence are identical, the rest of
 * the track is that packet, re-timed, written without encoding anything. Packets pass through to the writer
 * until then.
 */
final class SilentTail {
  /** Identical packets, all of silence, that show the encoder has settled. */
  static final int RUN = 4;
  /**
   * A packet at pts p codes samples around [p, p + 1024) with the MDCT's overlap into the frame before: one
   * lying at or after {@code silentFrom + MARGIN} depends on silence only.
   */
  private static final long MARGIN = 2L * AacEncoder.FRAME;

  private final PacketFile.Writer writer;
  private long silentFrom = Long.MAX_VALUE;
  private byte[] last = new byte[0];
  private long lastPts;
  private long lastDtsOffset;
  private boolean lastKey;
  private int run;

  SilentTail(PacketFile.Writer writer) {
    this.writer = writer;
  }

  /** Every sample from {@code sample} on is silence. */
  void silentFrom(long sample) {
    silentFrom = Math.min(silentFrom, sample);
  }

  void write(AVPacket packet) {
    writer.write(packet);
    if (silentFrom == Long.MAX_VALUE) {
      return; // no silence known yet: nothing to compare, no copy of every packet of a long track
    }
    byte[] bytes = new byte[packet.size()];
    if (bytes.length > 0) {
      packet.data().get(bytes);
    }
    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
    boolean same = Arrays.equals(bytes, last) && key == lastKey && packet.duration() == AacEncoder.FRAME
        && packet.dts() - packet.pts() == lastDtsOffset && packet.pts() == lastPts + AacEncoder.FRAME;
    boolean ofSilence = packet.pts() >= silentFrom + MARGIN;
    run = !ofSilence ? 0 : same ? run + 1 : 1;
    last = bytes;
    lastPts = packet.pts();
    lastDtsOffset = packet.dts() - packet.pts();
    lastKey = key;
  }

  /** True once the encoder's packets repeat in the silence. */
  boolean steady() {
    return run >= RUN;
  }

  /** Writes the repeated packet for every frame after the last one written, up to {@code totalSamples}. */
  void repeatUntil(long totalSamples) {
    for (long pts = lastPts + AacEncoder.FRAME; pts < totalSamples; pts += AacEncoder.FRAME) {
      long duration = Math.min(AacEncoder.FRAME, totalSamples - pts);
      writer.write(pts, pts + lastDtsOffset, duration, lastKey, last, last.length);
    }
  }
}
