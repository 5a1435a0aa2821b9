package dev.videogen.transforms;

import java.io.Serializable;

/**
 * A rendered chunk placed in a job: frames [firstFrame, firstFrame + frames) of the job are the chunk file
 * at {@code uri} (whose own timestamps start at 0). A {@code shared} file may serve other positions and
 * jobs: it is deleted once the whole run is assembled, not with the job.
 */
public record EncodedChunk(String jobId, int index, String uri, long firstFrame, long frames, boolean shared)
    implements Serializable {}
