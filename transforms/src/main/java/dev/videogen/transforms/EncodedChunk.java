package dev.videogen.transforms;

import java.io.Serializable;

/** A rendered chunk: frames [firstFrame, firstFrame + frames) of a job, encoded at {@code uri}. */
public record EncodedChunk(String jobId, int index, String uri, long firstFrame, long frames) implements Serializable {}
