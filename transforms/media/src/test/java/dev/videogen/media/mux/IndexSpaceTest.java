package dev.videogen.media.mux;

import static dev.videogen.media.codec.MediaTestSupport.writeSineAac;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.chapters.Chapter;
import dev.videogen.media.codec.FFmpegException;
import dev.videogen.media.codec.PacketFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reservation against libavformat's own mp4 muxer, on layouts the assembler's tests do not reach: one
 * track whose single run of samples the muxer splits into chunks at 1 MiB, with sizes that vary and with
 * sizes that do not, and many chapters. The muxer refuses at the trailer when the room is too small.
 */
class IndexSpaceTest {
  @TempDir Path dir;

  @Test
  void aRunOfSamplesSplitAtOneMebibyteFitsWithSizesThatVary() {
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      sizes.add(1 + (int) ((i * 7919L) % 1500)); // ~4.5 MB in one run: several chunks
    }
    assertFits(sizes, List.of());
  }

  @Test
  void aRunOfEqualSamplesFitsAndChaptersToo() {
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      sizes.add(1000); // 3 MB in one run: several chunks, and stsz's one size for all
    }
    List<Chapter> chapters = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      chapters.add(new Chapter(i * 300L, "Chapter " + i + " – ünïcode"));
    }
    assertFits(sizes, chapters);
  }

  @Test
  void timestampsInDifferentTimeBasesCompareExactlyBeyond64Bits() {
    // 2^62·3 against 2^62·3, then one tick apart: the products overflow a long.
    assertEquals(0, IndexSpace.compareProducts(1L << 62, 3, 3L << 61, 2));
    assertEquals(-1, IndexSpace.compareProducts((1L << 62) - 1, 3, 3L << 61, 2));
    assertEquals(1, IndexSpace.compareProducts(1L << 62, 3, (3L << 61) - 1, 2));
    // Negative decode times (the B-frame delay, the AAC priming) against positive ones.
    assertEquals(-1, IndexSpace.compareProducts(-2, 48_000, 0, 30));
    assertEquals(1, IndexSpace.compareProducts(1, 48_000, -1024, 30));
    assertEquals(-1, IndexSpace.compareProducts(Long.MIN_VALUE / 2, 5, -1, 1));
    // 1/30 s against 1600/48000 s: equal.
    assertEquals(0, IndexSpace.compareProducts(1, 48_000, 1600, 30));
  }

  /** Muxes one AAC-described track of {@code sizes} zero-filled samples into the reserved room. */
  private void assertFits(List<Integer> sizes, List<Chapter> chapters) {
    Path aac = dir.resolve("aac.vgp");
    writeSineAac(aac, 48_000, 0.1);
    Path mp4 = dir.resolve("track.mp4");
    Map<String, String> tags = Map.of("title", "Long – title", "videogen_spec_sha256", "0".repeat(64));
    try (PacketFile.Reader reader = new PacketFile.Reader(aac);
        Mp4Muxer muxer = new Mp4Muxer(mp4);
        OwnedPacket owned = new OwnedPacket();
        AVRational timeBase = new AVRational().num(1).den(48_000)) {
      IndexSpace.Track track = new IndexSpace.Track(1, 48_000, false);
      for (int i = 0; i < sizes.size(); i++) {
        track.add(i * 1024L, i * 1024L, sizes.get(i), true);
      }
      List<String> titles = chapters.stream().map(Chapter::title).toList();
      long reserve = IndexSpace.reserve(track, null, 0, titles, tags, reader.parameterBytes().length);

      AVStream stream = muxer.addStream(reader.parameters());
      stream.time_base().num(1).den(48_000);
      muxer.setMetadata(tags);
      muxer.setChapters(chapters, sizes.size() * 1024L * 1000 / 48_000);
      muxer.writeHeader("+use_metadata_tags", reserve);
      AVPacket packet = owned.get();
      for (int i = 0; i < sizes.size(); i++) {
        FFmpegException.check("av_new_packet()", av_new_packet(packet, sizes.get(i)));
        packet.data().position(0).limit(sizes.get(i)).fill(0);
        packet.pts(i * 1024L).dts(i * 1024L).duration(1024).flags(AV_PKT_FLAG_KEY);
        muxer.write(packet, timeBase, stream);
      }
      muxer.finish(); // refuses when the room is too small

      List<Box> boxes = Box.topLevel(mp4);
      assertEquals(List.of("ftyp", "moov", "free", "free", "mdat"), boxes.stream().map(Box::type).toList());
      assertEquals(reserve, boxes.get(1).size() + boxes.get(2).size());
      // Worst cases assumed (every chapter sample its own chunk) but not wildly: less than twice the need.
      assertTrue(boxes.get(2).size() <= 8192 + boxes.get(1).size(), boxes.toString());
    }
  }
}
