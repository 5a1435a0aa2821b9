package dev.videogen.media.audio;

import static dev.videogen.media.audio.SegmentedAacEncoderTest.music;
import static dev.videogen.media.audio.SegmentedAacEncoderTest.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.audio.SegmentedAacEncoder.Layout;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A track encoded in segments by separate steps (samples out once, each segment encoded from its file in any
 * order, then joined) gives the bytes of the in-process segmented encoder; a seam that does not join falls
 * back to one encoder over the segments' samples.
 */
class AacSegmentsTest {
  private static final int RATE = AudioTrackEncoder.SAMPLE_RATE;

  @TempDir Path dir;

  @Test
  void stepsInAnyOrderGiveTheSegmentedEncodersBytes() throws Exception {
    float[][] pcm = music(4 * RATE + 100);
    AacSegments segments = new AacSegments(pcm[0].length, 32, 32);
    Path reference = dir.resolve("reference.vgp");
    SegmentedAacEncoder.encode(source(pcm), pcm[0].length, new Layout(32, 32), 2, reference);

    List<Path> feeds = feeds(segments, pcm);
    assertEquals(6, segments.count());
    assertEquals(6, feeds.size());
    for (int k = segments.count() - 1; k >= 0; k--) { // a cluster encodes them in any order
      segments.encode(k, feeds.get(k), encoded(k));
    }
    Path joined = dir.resolve("joined.vgp");
    EncodedAudio audio = segments.join(this::encoded, feeds::get, joined);

    assertEquals(-1, Files.mismatch(reference, joined));
    assertEquals(new EncodedAudio(pcm[0].length, (pcm[0].length + 1024 + 1023) / 1024, 6), audio);
  }

  /** Each feed holds its segment's samples from the run-in to the post-roll: exactly the input's. */
  @Test
  void feedsHoldTheTracksSamplesWithRunInAndPostRoll() throws Exception {
    float[][] pcm = music(3 * RATE);
    AacSegments segments = new AacSegments(pcm[0].length, 32, 16);
    List<Path> feeds = feeds(segments, pcm);

    SegmentedAacEncoder.Input second = AacSegmentFiles.readFeed(feeds.get(1), 1);
    assertEquals(32 * 1024 - 16 * 1024, second.feedStart());
    assertEquals(32 * 1024, second.keepStart());
    assertEquals(64 * 1024, second.keepEnd());
    assertEquals((16 + 32 + SegmentedAacEncoder.POSTROLL_FRAMES) * 1024, second.left().length);
    assertEquals(pcm[0][(int) second.feedStart()], second.left()[0]);
    assertEquals(pcm[1][(int) second.feedStart() + 12_345], second.right()[12_345]);
    SegmentedAacEncoder.Input last = AacSegmentFiles.readFeed(feeds.get(feeds.size() - 1), feeds.size() - 1);
    assertEquals(pcm[0].length, last.feedStart() + last.left().length);
    assertEquals(pcm[1][pcm[0].length - 1], last.right()[last.right().length - 1]);
  }

  @Test
  void aSeamThatDoesNotJoinFallsBackToOneEncoderOverTheSamples() throws Exception {
    float[][] pcm = music(3 * RATE);
    float[][] other = music(3 * RATE + 1);
    for (float[] channel : other) {
      for (int i = 0; i < channel.length; i++) {
        channel[i] = -channel[i]; // the same timeline, another signal
      }
    }
    AacSegments segments = new AacSegments(pcm[0].length, 32, 32);
    List<Path> feeds = feeds(segments, pcm);
    for (int k = 0; k < segments.count(); k++) {
      segments.encode(k, feeds.get(k), encoded(k));
    }
    // Segment 2's frames swapped for those of another track's segment 2 (its own samples kept for the
    // check): as if its encoder had coded something else. Its seams cannot join.
    AacSegments otherSegments = new AacSegments(other[0].length, 32, 32);
    List<Path> otherFeeds = feeds(otherSegments, other);
    Path foreign = dir.resolve("foreign.aacseg");
    otherSegments.encode(2, otherFeeds.get(2), foreign);
    SegmentedAacEncoder.Output own = AacSegmentFiles.readEncoded(encoded(2), 2);
    SegmentedAacEncoder.Output theirs = AacSegmentFiles.readEncoded(foreign, 2);
    AacSegmentFiles.writeEncoded(new SegmentedAacEncoder.Output(2, theirs.kept(), theirs.pastEnd(), own.headLeft(),
        own.headRight()), encoded(2));

    Path joined = dir.resolve("joined.vgp");
    EncodedAudio audio = segments.join(this::encoded, feeds::get, joined);

    Path whole = dir.resolve("whole.vgp");
    AudioTrackEncoder.encodeWhole(source(pcm), pcm[0].length, whole);
    assertEquals(1, audio.segments());
    assertEquals(-1, Files.mismatch(whole, joined));
  }

  @Test
  void aFileOfAnotherSegmentOrLayoutIsRefused() throws Exception {
    float[][] pcm = music(3 * RATE);
    AacSegments segments = new AacSegments(pcm[0].length, 32, 32);
    List<Path> feeds = feeds(segments, pcm);

    IllegalStateException wrongIndex = assertThrows(IllegalStateException.class,
        () -> segments.encode(2, feeds.get(1), encoded(2)));
    assertTrue(wrongIndex.getMessage().contains("holds segment 1"), wrongIndex.getMessage());
    AacSegments otherLayout = new AacSegments(pcm[0].length, 32, 16);
    IllegalStateException layout = assertThrows(IllegalStateException.class,
        () -> otherLayout.encode(1, feeds.get(1), encoded(1)));
    assertTrue(layout.getMessage().contains("another layout"), layout.getMessage());

    Path cut = dir.resolve("cut.f32");
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(feeds.get(1)), 1000));
    assertThrows(IllegalStateException.class, () -> segments.encode(1, cut, encoded(1)));
    assertThrows(IndexOutOfBoundsException.class, () -> segments.encode(6, feeds.get(1), encoded(6)));
  }

  @Test
  void aMissingSegmentLeavesNoPacketFile() throws Exception {
    float[][] pcm = music(3 * RATE);
    AacSegments segments = new AacSegments(pcm[0].length, 32, 32);
    List<Path> feeds = feeds(segments, pcm);
    for (int k = 0; k < segments.count() - 1; k++) {
      segments.encode(k, feeds.get(k), encoded(k));
    }
    Path joined = dir.resolve("joined.vgp");

    assertThrows(UncheckedIOException.class, () -> segments.join(this::encoded, feeds::get, joined));
    assertFalse(Files.exists(joined));
  }

  @Test
  void theDefaultLayoutHas4096FramesPerSegment() {
    assertEquals(1, AacSegments.of(1).count());
    assertEquals(1, AacSegments.of(4096L * 1024).count());
    assertEquals(2, AacSegments.of(4096L * 1024 + 1).count());
    // What the encoders encode: segment 0 its 4096 frames and 4 past them, segments 1 and 2 also 2 silent
    // frames and 384 of run-in before theirs (the last nothing past its end); each encoder one flush.
    assertEquals((4100 + 1) + (2 + 384 + 4096 + 4 + 1) + (2 + 384 + 4096 + 1),
        new AacSegments(3L * 4096 * 1024, 4096, 384).encodedFrames());
    // The in-process encoder's layout (SegmentedAacEncoder.Layout.forTrack), so both give the same bytes.
    assertEquals(new AacSegments(10_800L * 48_000, 8192, 384), AacSegments.of(10_800L * 48_000));
  }

  private List<Path> feeds(AacSegments segments, float[][] pcm) throws Exception {
    Path folder = Files.createTempDirectory(dir, "feeds");
    List<Path> feeds = new ArrayList<>();
    segments.writeFeeds(source(pcm), folder, (k, file) -> {
      assertEquals(feeds.size(), k);
      Path kept = folder.resolve("feed-" + k + ".f32");
      Files.move(file, kept);
      feeds.add(kept);
    });
    List<Path> left = new ArrayList<>();
    try (var files = Files.list(folder)) {
      files.forEach(left::add);
    }
    assertEquals(feeds.size(), left.size(), "no temporary file left: " + left);
    return feeds;
  }

  private Path encoded(int k) {
    return dir.resolve("segment-" + k + ".aacseg");
  }
}
