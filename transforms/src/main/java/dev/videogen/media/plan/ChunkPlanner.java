package dev.videogen.media.plan;

import dev.videogen.media.codec.VideoEncoderSettings;
import java.util.ArrayList;
import java.util.List;

/** Splits a plan into contiguous chunks of at most {@code chunkFrames} frames. */
public final class ChunkPlanner {
  private ChunkPlanner() {}

  public static List<ChunkTask> split(JobPlan plan, VideoEncoderSettings encoder, long chunkFrames) {
    if (chunkFrames < 1) {
      throw new IllegalArgumentException("chunkFrames must be at least 1, was " + chunkFrames);
    }
    List<ChunkTask> chunks = new ArrayList<>();
    int index = 0;
    for (long first = 0; first < plan.frames(); first += chunkFrames, index++) {
      long end = Math.min(first + chunkFrames, plan.frames());
      List<SlideSegment> overlapping = new ArrayList<>();
      for (SlideSegment segment : plan.segments()) {
        if (segment.startFrame() < end && segment.endFrame() > first) {
          overlapping.add(segment);
        }
      }
      chunks.add(new ChunkTask(plan.id(), plan.specHash(), index, first, end, encoder, overlapping));
    }
    return chunks;
  }
}
