package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.sine;
import static dev.videogen.media.audio.AudioFixtures.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.codec.PacketFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A track that ends in silence repeats the encoder's settled packet: the same bytes as encoding every frame. */
class SilentTailTest {
  @TempDir Path dir;

  /** Counts the samples an encoder reads, so a test can see the silence was not encoded. */
  private static final class Counted implements PcmSource {
    private final PcmSource source;
    long samples;

    Counted(PcmSource source) {
      this.source = source;
    }

    @Override
    public int read(float[] left, float[] right, int offset, int length) {
      int count = source.read(left, right, offset, length);
      samples += Math.max(count, 0);
      return count;
    }

    @Override
    public boolean silentToEnd() {
      return source.silentToEnd();
    }

    @Override
    public void close() {
      source.close();
    }
  }

  private void assertSameBytesAsEveryFrameEncoded(List<AudioClip> clips, long total) throws IOException {
    Path repeated = dir.resolve("repeated-" + total + ".vgp");
    Path encoded = dir.resolve("encoded-" + total + ".vgp");
    AudioTrackEncoder.encodeWhole(new PcmTrack(clips, total), total, repeated, true);
    AudioTrackEncoder.encodeWhole(new PcmTrack(clips, total), total, encoded, false);
    assertEquals(-1, Files.mismatch(repeated, encoded), "silence of " + total + " samples after " + clips.size() + " clips");
  }

  @Test
  void silenceOfAnyLengthIsByteIdenticalToEncodingEveryFrame() throws IOException {
    for (long total : new long[] {1, 1023, 1024, 1025, 9 * 1024, 48_000 * 5 + 7, 48_000 * 60}) {
      assertSameBytesAsEveryFrameEncoded(List.of(), total);
    }
  }

  @Test
  void paddingAfterAudioIsByteIdenticalToEncodingEveryFrame() throws IOException {
    Path tone = wav(dir.resolve("tone.wav"), 44_100, 2, 30_001, sine(440, 44_100, 12_000));
    for (long total : new long[] {40_000, 48_000 * 20 + 333}) {
      assertSameBytesAsEveryFrameEncoded(List.of(new AudioClip("tone", tone, 0, 0.2)), total);
    }
  }

  @Test
  void anHourOfSilenceReadsAFewFramesAndEndsExactly() throws IOException {
    long hour = 3600L * AudioTrackEncoder.SAMPLE_RATE;
    Path file = dir.resolve("hour.vgp");
    Counted source = new Counted(new PcmTrack(List.of(), hour));
    EncodedAudio audio = AudioTrackEncoder.encodeWhole(source, hour, file);
    assertTrue(source.samples <= 16 * AacEncoder.FRAME, source.samples + " samples read");
    assertEquals(hour, audio.samples());
    assertEquals(hour / AacEncoder.FRAME + 1, audio.packets(), "one packet per frame, and the priming frame");
    try (PacketFile.Reader reader = new PacketFile.Reader(file)) {
      PacketFile.PacketInfo packet;
      PacketFile.PacketInfo last = null;
      long expectedPts = -AacEncoder.FRAME;
      while ((packet = reader.skip()) != null) {
        assertEquals(expectedPts, packet.pts());
        expectedPts += AacEncoder.FRAME;
        last = packet;
      }
      assertEquals(hour, last.pts() + last.duration(), "the last packet ends at the track's end");
    }
  }
}
