package dev.videogen.transforms;

import java.io.Serializable;

/** A job's whole audio, encoded once to AAC at {@code uri}: exactly {@code samples} samples at 48 kHz. */
public record EncodedAudioTrack(String jobId, String uri, long samples) implements Serializable {}
