package dev.videogen.media.audio;

import java.io.Serializable;

/**
 * What {@link AudioTrackEncoder#encode} wrote.
 *
 * @param samples samples per channel at 48 kHz (the requested total; priming not included)
 * @param packets AAC packets in the packet file
 */
public record EncodedAudio(long samples, long packets) implements Serializable {}
