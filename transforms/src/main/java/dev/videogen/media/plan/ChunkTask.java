package dev.videogen.media.plan;

import dev.videogen.media.codec.VideoEncoderSettings;
import java.io.Serializable;
import java.util.List;

/**
 * One chunk to render: frames [firstFrame, endFrame) of job {@code jobId}, with just the slide segments
 * that overlap it. Small by design: pixels never cross a shuffle.
 */
public record ChunkTask(
    String jobId,
    String specHash,
    int index,
    long firstFrame,
    long endFrame,
    VideoEncoderSettings encoder,
    List<SlideSegment> segments)
    implements Serializable {

  public ChunkTask {
    segments = List.copyOf(segments);
  }

  public long frames() {
    return endFrame - firstFrame;
  }
}
