package dev.videogen.media.mux;

import static dev.videogen.media.codec.MediaTestSupport.encodeChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.PacketFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The muxer's natives are freed and its file closed by its one owner, also when a write fails half way. */
class Mp4MuxerTest {
  @TempDir Path dir;

  /** Descriptors of this process open on {@code file} (Linux /proc). */
  private static long openDescriptors(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(target);
        } catch (IOException | UnsupportedOperationException gone) {
          return false; // the descriptor that listed the folder itself, already closed
        }
      }).count();
    }
  }

  @Test
  void aWriteFailingHalfWayLeavesNoOpenFileAndClosingTwiceIsHarmless() throws IOException {
    Path chunk = dir.resolve("chunk.vgp");
    assertEquals(6, encodeChunk(VideoAssemblerTest.SETTINGS, chunk, 0, 6));
    Path mp4 = dir.resolve("half.mp4");
    Mp4Muxer muxer = new Mp4Muxer(mp4);
    FFmpegException failure;
    try (PacketFile.Reader reader = new PacketFile.Reader(chunk); OwnedPacket packet = new OwnedPacket()) {
      AVStream stream = muxer.addStream(reader.parameters());
      stream.time_base().num(1).den(12);
      muxer.setMetadata(Map.of("title", "half"));
      muxer.writeHeader("+faststart", 0);
      assertTrue(reader.read(packet.get()));
      packet.get().dts(packet.get().pts());
      muxer.write(packet.get(), reader.timeBase(), stream);
      assertEquals(1, openDescriptors(mp4), "the muxer holds the file open while writing");
      // Shown before it is decoded: the muxer refuses the packet.
      assertTrue(reader.read(packet.get()));
      packet.get().pts(1).dts(2);
      failure = assertThrows(FFmpegException.class, () -> muxer.write(packet.get(), reader.timeBase(), stream));
    } finally {
      muxer.close();
    }
    assertTrue(failure.getMessage().startsWith("av_interleaved_write_frame()"), failure.getMessage());
    assertEquals(0, openDescriptors(mp4));
    muxer.close();
    assertThrows(NullPointerException.class, () -> muxer.context().nb_streams());
  }

  @Test
  void anOptionTheMuxerIgnoresFailsTheHeaderAndClosesTheFile() throws IOException {
    Path chunk = dir.resolve("chunk.vgp");
    encodeChunk(VideoAssemblerTest.SETTINGS, chunk, 0, 2);
    Path mp4 = dir.resolve("typo.mp4");
    try (Mp4Muxer muxer = new Mp4Muxer(mp4); PacketFile.Reader reader = new PacketFile.Reader(chunk)) {
      muxer.addStream(reader.parameters()).time_base().num(1).den(12);
      RuntimeException e = assertThrows(RuntimeException.class, () -> muxer.writeHeader("+fastsart", 0));
      assertTrue(e.getMessage().contains("avformat_write_header()") || e.getMessage().contains("movflags"),
          e.getMessage());
      assertEquals(1, openDescriptors(mp4), "opened before the header failed");
    }
    assertEquals(0, openDescriptors(mp4));
  }

  @Test
  void theAssemblerClosesEverythingWhenTheChunksDoNotFit() throws IOException {
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(VideoAssemblerTest.SETTINGS, a, 0, 6);
    encodeChunk(VideoAssemblerTest.SETTINGS, b, 6, 6);
    Path mp4 = dir.resolve("out.mp4");
    // Placed over each other: refused before anything is written, and nothing is held open.
    List<VideoAssembler.Placement> overlapping =
        List.of(new VideoAssembler.Placement(a, 0L), new VideoAssembler.Placement(b, 3L));
    assertThrows(IllegalStateException.class, () -> VideoAssembler.assemblePlaced(overlapping, 12, null, mp4, Map.of()));
    assertEquals(0, openDescriptors(a) + openDescriptors(b));
    assertFalse(Files.exists(mp4));
  }
}
