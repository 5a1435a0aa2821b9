package dev.videogen.media.mux;

import static dev.videogen.media.codec.MediaTestSupport.encodeChunk;
import static dev.videogen.media.codec.MediaTestSupport.ffmpeg;
import static dev.videogen.media.codec.MediaTestSupport.ffprobe;
import static dev.videogen.media.codec.MediaTestSupport.probeEntries;
import static dev.videogen.media.codec.MediaTestSupport.run;
import static dev.videogen.media.codec.MediaTestSupport.runText;
import static dev.videogen.media.codec.MediaTestSupport.writeSineAac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.captions.Cue;
import dev.videogen.media.chapters.Chapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapters and a caption track in an assembled MP4, read back by the bundled ffprobe and ffmpeg. */
class TimedTextMuxTest {
  @TempDir Path dir;

  private List<VideoAssembler.Placement> twoSecondsOfChunks() {
    Path a = dir.resolve("a.vgp");
    Path b = dir.resolve("b.vgp");
    encodeChunk(VideoAssemblerTest.SETTINGS, a, 0, 12);
    encodeChunk(VideoAssemblerTest.SETTINGS, b, 12, 12);
    return List.of(new VideoAssembler.Placement(a, 0L), new VideoAssembler.Placement(b, 12L));
  }

  @Test
  void chaptersAreWrittenAsAQuickTimeChapterTrackAndANeroListThatFfprobeReads() throws IOException {
    Path mp4 = dir.resolve("chapters.mp4");
    List<Chapter> chapters = List.of(new Chapter(0, "Intro"), new Chapter(750, "Morning – 朝"),
        new Chapter(1500, "Night"));
    AssembledVideo video = VideoAssembler.assemblePlaced(twoSecondsOfChunks(), 24, null, mp4, Map.of(),
        new TimedText(chapters, List.of(), "und"));
    assertEquals(24, video.frames());
    assertTrue(video.passes().indexReserved(), "the chapters fitted the index's room");

    String shown = new String(run(List.of(ffprobe(), "-v", "error", "-show_chapters", "-of", "csv=p=0",
        mp4.toString())), StandardCharsets.UTF_8);
    // id, time base, start, start_time, end, end_time, title
    assertEquals("""
        0,1/1000,0,0.000000,750,0.750000,Intro
        1,1/1000,750,0.750000,1500,1.500000,Morning – 朝
        2,1/1000,1500,1.500000,2000,2.000000,Night
        """, shown);

    // Both boxes: the chapter track referenced by 'chap' (Apple) and Nero's 'chpl' list (most other players).
    String trace = runText(ffprobe(), "-v", "trace", "-i", mp4.toString());
    assertTrue(trace.contains("type:'chpl' parent:'udta'"), "chpl box");
    assertTrue(trace.contains("type:'chap' parent:'tref'"), "chapter track reference");
    assertEquals(24, Long.parseLong(probeEntries(mp4, "v:0", "nb_frames").get("nb_frames")));
  }

  @Test
  void captionsBecomeAMovTextTrackWithOverlapsCutApartAndEachCaptionEndingOnTime() {
    Path aac = dir.resolve("audio.vgp");
    writeSineAac(aac, 48_000, 2.0);
    Path mp4 = dir.resolve("captions.mp4");
    List<Cue> cues = List.of(new Cue(250, 1000, "Hello\nworld"), new Cue(800, 1200, "Über"),
        new Cue(1500, 1900, "Last"));
    AssembledVideo video =
        VideoAssembler.assemblePlaced(twoSecondsOfChunks(), 24, aac, mp4, Map.of(), new TimedText(List.of(), cues, "deu"));
    assertTrue(video.passes().indexReserved(), "the captions fitted the index's room");

    Map<String, String> stream = probeEntries(mp4, "s:0", "codec_name,codec_tag_string,time_base:stream_tags=language");
    assertEquals("mov_text", stream.get("codec_name"));
    assertEquals("tx3g", stream.get("codec_tag_string"));
    assertEquals("deu", stream.get("TAG:language"));

    // Every sample as stored: start and duration in ms. Overlaps are cut apart; the muxer ends each text sample
    // with an empty one (in a gap, or zero long before a sample that follows at once).
    String times = new String(run(List.of(ffprobe(), "-v", "error", "-select_streams", "s:0", "-show_entries",
        "packet=pts,duration", "-of", "csv=p=0", mp4.toString())), StandardCharsets.UTF_8);
    // (ffprobe prints no duration for a zero-long sample)
    assertEquals(List.of("0,250", "250,550", "800,N/A", "800,200", "1000,N/A", "1000,200", "1200,300", "1500,400"),
        times.lines().toList(), times);
    // Stored: those 8 and the empty sample the muxer's trailer writes to end the last caption at 1.9 s.
    assertEquals("9", probeEntries(mp4, "s:0", "nb_frames").get("nb_frames"));
    // A sample's bytes: a 16-bit length, then the UTF-8 text ("Über" is 5 bytes).
    String data = new String(run(List.of(ffprobe(), "-v", "error", "-select_streams", "s:0", "-read_intervals",
        "1.0%+0.1", "-show_entries", "packet=pts,data", "-show_data", "-of", "flat", mp4.toString())),
        StandardCharsets.UTF_8);
    assertTrue(data.contains("0005 c39c 6265 72"), data);

    // Decoded by the ffmpeg program to SRT: the captions as a player shows them, overlap merged.
    Path srt = dir.resolve("back.srt");
    run(List.of(ffmpeg(), "-v", "error", "-i", mp4.toString(), "-map", "0:s:0", "-c:s", "srt", srt.toString()));
    assertEquals("""
        1
        00:00:00,250 --> 00:00:00,800
        Hello
        world

        2
        00:00:00,800 --> 00:00:01,000
        Hello
        world
        Über

        3
        00:00:01,000 --> 00:00:01,200
        Über

        4
        00:00:01,500 --> 00:00:01,900
        Last

        """, readString(srt));
  }

  @Test
  void withoutTextTheBytesAreThoseOfAPlainAssembly() throws IOException {
    Path plain = dir.resolve("plain.mp4");
    Path none = dir.resolve("none.mp4");
    VideoAssembler.assemblePlaced(twoSecondsOfChunks(), 24, null, plain, Map.of("k", "v"));
    VideoAssembler.assemblePlaced(twoSecondsOfChunks(), 24, null, none, Map.of("k", "v"), TimedText.NONE);
    assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(none));
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
