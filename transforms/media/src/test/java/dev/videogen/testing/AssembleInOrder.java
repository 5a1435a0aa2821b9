package dev.videogen.testing;

import dev.videogen.media.mux.AssembledVideo;
import dev.videogen.media.mux.VideoAssembler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tests' shortcut to {@link VideoAssembler#assemblePlaced}: chunk files joined in order, each keeping the
 * timestamps it was encoded with (they must already sit on the video's frame grid).
 */
public final class AssembleInOrder {
  private AssembleInOrder() {}

  public static AssembledVideo assemble(List<Path> chunks, long expectedFrames, Path audioPacketFile, Path output,
      Map<String, String> metadata) {
    List<VideoAssembler.Placement> placements =
        chunks.stream().map(chunk -> new VideoAssembler.Placement(chunk, null)).toList();
    return VideoAssembler.assemblePlaced(placements, expectedFrames, audioPacketFile, output, metadata);
  }
}
