package dev.videogen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's side files are published before its video, and removed again if the video cannot be published. */
class AssembleVideosPublishTest {
  @TempDir Path dir;

  @Test
  void aVideoThatCannotBePublishedTakesItsSideFilesWithIt() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Map<String, Path> sides = new LinkedHashMap<>();
    sides.put(out.resolve("show.srt").toString(), Files.writeString(work.resolve("captions.srt"), "1\n"));
    sides.put(out.resolve("show.chapters.txt").toString(), Files.writeString(work.resolve("chapters.txt"), "0:00 A\n"));
    Path mp4 = Files.writeString(work.resolve("show.mp4"), "not really a video");
    // Taken after planning, by a folder that is not empty: the video's rename fails.
    Path blocked = Files.createDirectories(out.resolve("show.mp4"));
    Files.writeString(blocked.resolve("keep"), "x");

    BadInputException e = assertThrows(BadInputException.class,
        () -> AssembleVideos.publish(sides, mp4, blocked.toString()));

    assertEquals(blocked.toString(), e.subject());
    assertTrue(e.reason().startsWith("cannot write the output: "), e.reason());
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of("show.mp4"), left.map(p -> p.getFileName().toString()).toList(),
          "the published side files are gone, nothing partial is left");
    }
  }

  @Test
  void sideFilesAndTheVideoArePublishedTogether() throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path out = dir.resolve("out");
    Path srt = Files.writeString(work.resolve("captions.srt"), "1\n");
    Path mp4 = Files.writeString(work.resolve("show.mp4"), "video");
    AssembleVideos.publish(Map.of(out.resolve("show.srt").toString(), srt), mp4, out.resolve("show.mp4").toString());
    assertEquals("1\n", Files.readString(out.resolve("show.srt")));
    assertEquals("video", Files.readString(out.resolve("show.mp4")));
  }
}
