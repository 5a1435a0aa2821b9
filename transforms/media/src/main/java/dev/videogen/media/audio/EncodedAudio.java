package dev.videogen.media.audio;

import java.io.Serializable;

/**
 * What {@link AudioTrackEncoder#encode} wrote.
 *
 * @param samples samples per channel at 48 kHz (the requested total; priming not included)
 * @param packets AAC packets in the packet file
 * @param segments encoders whose frames were joined: 1 for a track encoded whole
 */
public record EncodedAudio(long samples, long packets, int segments) implements Serializable {
  /** A track encoded whole, by one encoder. */
  public EncodedAudio(long samples, long packets) {
    this(samples, packets, 1);
  }
}
