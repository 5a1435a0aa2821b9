package dev.videogen.media.plan;

import dev.videogen.media.codec.VideoEncoderSettings;
import java.io.Serializable;
import java.util.List;

/**
 * One chunk to render: frames [firstFrame, endFrame) of job {@code jobId}, with just the slide segments
 * visible in it (a transition window at its edge brings in the neighbouring slide) and the part of the job's
 * {@link Composition} that reaches into it. Small by design: pixels never cross a shuffle. {@code contentKey}
 * identifies the chunk's encoded bytes independently of where it sits (see {@link ChunkPlanner}): chunks with
 * equal keys, in this job or another, are rendered once.
 */
public record ChunkTask(
    String jobId,
    String specHash,
    int index,
    long firstFrame,
    long endFrame,
    VideoEncoderSettings encoder,
    List<SlideSegment> segments,
    String contentKey,
    Composition composition)
    implements Serializable {

  public ChunkTask {
    segments = List.copyOf(segments);
    if (composition == null) {
      composition = Composition.NONE;
    }
  }

  /** A chunk of a job without transitions or fades. */
  public ChunkTask(String jobId, String specHash, int index, long firstFrame, long endFrame,
      VideoEncoderSettings encoder, List<SlideSegment> segments, String contentKey) {
    this(jobId, specHash, index, firstFrame, endFrame, encoder, segments, contentKey, Composition.NONE);
  }

  public long frames() {
    return endFrame - firstFrame;
  }
}
