package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.constant;
import static dev.videogen.media.audio.AudioFixtures.ffmpeg;
import static dev.videogen.media.audio.AudioFixtures.sine;
import static dev.videogen.media.audio.AudioFixtures.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is a BadInputException naming the file, with a reason a person can act on. */
class AudioBadInputTest {
  @TempDir Path dir;

  private BadInputException rejected(String name, Path file) {
    BadInputException e = assertThrows(BadInputException.class, () -> AudioProbe.probe(name, file));
    assertEquals(name, e.subject());
    assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
    return e;
  }

  private static void assertReason(String expectedPart, BadInputException e) {
    assertTrue(e.reason().contains(expectedPart), "reason '" + e.reason() + "' lacks '" + expectedPart + "'");
  }

  private Path write(String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path write(String name, String content) {
    return write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private Path tone(String name, String... codec) {
    Path source = wav(dir.resolve("source-" + name + ".wav"), 48_000, 2, 72_000, sine(440, 48_000, 8000));
    Path file = dir.resolve(name);
    String[] arguments = new String[codec.length + 3];
    arguments[0] = "-i";
    arguments[1] = source.toString();
    System.arraycopy(codec, 0, arguments, 2, codec.length);
    arguments[arguments.length - 1] = file.toString();
    ffmpeg(arguments);
    return file;
  }

  private Path truncated(Path file, String name, long keep) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return write(name, Arrays.copyOf(bytes, (int) keep));
  }

  private Path corrupted(Path file, String name) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Random random = new Random(1);
    for (int i = bytes.length / 2; i < bytes.length / 2 + 2000; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return write(name, bytes);
  }

  @Test
  void emptyFile() {
    assertEquals("empty file", rejected("empty.mp3", write("empty.mp3", new byte[0])).reason());
  }

  @Test
  void garbage() {
    byte[] noise = new byte[4000];
    new Random(7).nextBytes(noise);
    for (String name : new String[] {"noise.mp3", "noise.m4a", "noise.wav", "noise.bin"}) {
      rejected(name, write(name, noise));
    }
  }

  @Test
  void textIsNotAudio() {
    String text = "just some words\nand more words\n";
    assertEquals("not a recognised audio file (Invalid data found when processing input)",
        rejected("notes.txt", write("notes.txt", text)).reason());
    // libavformat takes .nfo text for its tty demuxer
    assertReason("format 'tty' is not an accepted audio format", rejected("notes.nfo", write("notes.nfo", text)));
  }

  @Test
  void hlsPlaylistIsRejected() {
    Path target = wav(dir.resolve("t.wav"), 48_000, 2, 4800, constant(1000));
    String playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:0.1,\n" + target.toUri() + "\n#EXT-X-ENDLIST\n";

    BadInputException e = rejected("list.m3u8", write("list.m3u8", playlist));
    assertReason("format 'hls' is not an accepted audio format", e);
    // A playlist under an audio name is no better: no demuxer ever follows its references.
    rejected("list.mp3", write("list.mp3", playlist));
  }

  @Test
  void concatScriptIsRejected() {
    Path target = wav(dir.resolve("t.wav"), 48_000, 2, 4800, constant(1000));
    String script = "ffconcat version 1.0\nfile '" + target + "'\n";

    BadInputException e = rejected("list.ffconcat", write("list.ffconcat", script));
    assertReason("format 'concat' is not an accepted audio format", e);
    rejected("list.wav", write("list.wav", script));
  }

  /** Makes {@code name} with the bundled ffmpeg: {@code arguments}, then the file. */
  private Path made(String name, String... arguments) {
    Path file = dir.resolve(name);
    String[] all = Arrays.copyOf(arguments, arguments.length + 1);
    all[arguments.length] = file.toString();
    ffmpeg(all);
    return file;
  }

  private Path picture(String name, String... codec) {
    String[] arguments = {"-f", "lavfi", "-i", "color=c=red:s=64x64", "-frames:v", "1"};
    String[] all = Arrays.copyOf(arguments, arguments.length + codec.length);
    System.arraycopy(codec, 0, all, arguments.length, codec.length);
    return made(name, all);
  }

  @Test
  void imageIsAnImageNotAudio() throws IOException {
    assertEquals("is an image, not audio (format 'png_pipe')", rejected("image.png", picture("image.png")).reason());
    assertEquals("is an image, not audio (format 'jpeg_pipe')", rejected("photo.jpg", picture("photo.jpg")).reason());
    assertEquals("is an image, not audio (format 'webp_pipe')",
        rejected("photo.webp", picture("photo.webp", "-c:v", "libwebp")).reason());
    assertEquals("is an image, not audio (format 'tiff_pipe')", rejected("scan.tiff", picture("scan.tiff")).reason());
    assertEquals("is an image, not audio (format 'bmp_pipe')", rejected("old.bmp", picture("old.bmp")).reason());
    assertEquals("is an image, not audio (format 'gif')", rejected("anim.gif", picture("anim.gif")).reason());
    // AVIF and HEIC are pictures in an MP4-family box: one video stream of a single frame.
    assertEquals("is an image, not audio (av1 picture in a mov,mp4,m4a,3gp,3g2,mj2 file)",
        rejected("photo.avif", picture("photo.avif", "-c:v", "libaom-av1", "-still-picture", "1")).reason());
    // The content decides, not the name.
    Path disguised = Files.copy(dir.resolve("image.png"), dir.resolve("image.mp3"));
    assertEquals("is an image, not audio (format 'png_pipe')", rejected("image.mp3", disguised).reason());
  }

  @Test
  void videoWithoutAudio() {
    Path mp4 = made("video.mp4", "-f", "lavfi", "-i", "color=c=red:s=16x16:d=0.2", "-c:v", "mpeg4");
    Path mkv = made("video.mkv", "-f", "lavfi", "-i", "color=c=red:s=16x16:d=0.2", "-c:v", "libx264");
    Path webm = made("video.webm", "-f", "lavfi", "-i", "color=c=red:s=16x16:d=0.2", "-c:v", "libvpx");

    assertEquals("has no audio stream: this mov,mp4,m4a,3gp,3g2,mj2 file holds only video (mpeg4)",
        rejected("video.mp4", mp4).reason());
    assertEquals("has no audio stream: this matroska,webm file holds only video (h264)",
        rejected("video.mkv", mkv).reason());
    assertEquals("has no audio stream: this matroska,webm file holds only video (vp8)",
        rejected("video.webm", webm).reason());
  }

  @Test
  void askedForAStreamTheFileDoesNotHave() {
    Path one = tone("one.m4a", "-c:a", "aac");
    Path two = made("two.mka", "-f", "lavfi", "-i", "sine=f=440:d=0.2", "-f", "lavfi", "-i", "sine=f=880:d=0.2",
        "-map", "0", "-map", "1", "-c:a", "flac");

    BadInputException e = assertThrows(BadInputException.class, () -> AudioProbe.probe("one.m4a", one, 1));
    assertEquals("one.m4a: has no audio stream 1: it has 1 audio stream (number 0)", e.getMessage());
    e = assertThrows(BadInputException.class, () -> AudioProbe.probe("two.mka", two, 2));
    assertEquals("two.mka: has no audio stream 2: it has 2 audio streams (numbered 0 to 1)", e.getMessage());
    Path video = made("video.mp4", "-f", "lavfi", "-i", "color=c=red:s=16x16:d=0.2", "-c:v", "mpeg4");
    e = assertThrows(BadInputException.class, () -> AudioProbe.probe("video.mp4", video, 0));
    assertEquals("video.mp4: has no audio stream: this mov,mp4,m4a,3gp,3g2,mj2 file holds only video (mpeg4)",
        e.getMessage());
  }

  @Test
  void unsupportedCodec() {
    // A WAV whose format tag (0x1234) no decoder knows.
    Path file = wav(dir.resolve("odd.wav"), 48_000, 2, 4800, constant(1000), 0x1234);

    assertEquals("unsupported audio codec 'none' (tag 0x1234)", rejected("odd.wav", file).reason());
  }

  /**
   * Codecs FFmpeg knows by name but cannot decode (no decoder in this build): an M4A whose sample entry is
   * renamed from mp4a to ac-4 (Dolby AC-4) or mhm1 (MPEG-H 3D Audio), its esds box hidden so the name decides.
   */
  @Test
  void knownCodecWithoutDecoder() throws IOException {
    byte[] m4a = Files.readAllBytes(tone("aac.m4a", "-c:a", "aac"));
    String text = new String(m4a, StandardCharsets.ISO_8859_1).replace("esds", "xxxx");
    Path ac4 = write("dolby.m4a", text.replace("mp4a", "ac-4").getBytes(StandardCharsets.ISO_8859_1));
    Path mpegh = write("mpegh.m4a", text.replace("mp4a", "mhm1").getBytes(StandardCharsets.ISO_8859_1));

    assertEquals("unsupported audio codec 'ac4' (tag 'ac-4')", rejected("dolby.m4a", ac4).reason());
    assertEquals("unsupported audio codec 'mpegh_3d_audio' (tag 'mhm1')", rejected("mpegh.m4a", mpegh).reason());
  }

  @Test
  void noSamples() {
    Path file = wav(dir.resolve("zero.wav"), 48_000, 2, 0, constant(0));

    assertEquals("no audio samples could be decoded", rejected("zero.wav", file).reason());
  }

  /** Valid headers without a single sample, as the ffmpeg program writes them for 0 seconds of audio. */
  @Test
  void zeroDurationFiles() {
    String[] silence = {"-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", "0"};
    Path flac = made("zero.flac", concat(silence, "-c:a", "flac"));
    Path m4a = made("zero.m4a", concat(silence, "-c:a", "aac"));
    Path mp3 = made("zero.mp3", concat(silence, "-c:a", "libmp3lame"));

    assertEquals("no audio samples could be decoded", rejected("zero.flac", flac).reason());
    // libavformat drops an MP4 track without samples: the file is an empty box.
    assertEquals("has no audio stream: this mov,mp4,m4a,3gp,3g2,mj2 file holds no streams at all",
        rejected("zero.m4a", m4a).reason());
    // An ID3 tag and a LAME frame, no audio frame after them.
    assertEquals("cannot read mp3 header: Invalid data found when processing input",
        rejected("zero.mp3", mp3).reason());
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void truncatedWav() throws IOException {
    Path whole = wav(dir.resolve("whole.wav"), 48_000, 2, 72_000, sine(440, 48_000, 8000));

    // Cut inside a packet, and cut on a sample boundary: the header still declares 1.5 s either way.
    assertEquals("truncated: the file ends inside a packet of pcm_s16le audio at 0.512 s", rejected("cut.wav", truncated(whole, "cut.wav", 44 + 100_001)).reason());
    assertEquals("truncated: the file ends inside a packet of pcm_s16le audio at 0.341 s",
        rejected("cut2.wav", truncated(whole, "cut2.wav", 44 + 4 * 20_000)).reason());
  }

  @Test
  void truncatedMp3() throws IOException {
    Path mp3 = tone("whole.mp3", "-c:a", "libmp3lame");

    assertEquals("truncated: the mp3 header declares 1.536 s of audio, only 0.745 s could be decoded",
        rejected("cut.mp3", truncated(mp3, "cut.mp3", Files.size(mp3) / 2)).reason());
  }

  /**
   * Measured from its packets, a FLAC cut short is refused at planning, as decoding refuses it (there: "cannot
   * decode flac audio at 0.384 s", the frame the cut broke): its STREAMINFO says how long it should be.
   */
  @Test
  void truncatedFlac() throws IOException {
    Path flac = tone("whole.flac", "-c:a", "flac");
    Path cut = truncated(flac, "cut.flac", Files.size(flac) / 2);
    assertEquals("truncated: the flac header declares 1.500 s of audio, only 0.480 s could be decoded",
        rejected("cut.flac", cut).reason());
  }

  /**
   * Opus measured from its packets: a WebM cut short is refused by the length its muxer wrote (the DURATION
   * tag), as decoding refuses it; an Ogg file cut short is refused already when it is opened, by libavformat.
   */
  @Test
  void truncatedOpus() throws IOException {
    Path webm = tone("whole.webm", "-c:a", "libopus");
    assertEquals("truncated: the matroska,webm header declares 1.508 s of audio, only 0.734 s could be decoded",
        rejected("cut.webm", truncated(webm, "cut.webm", Files.size(webm) / 2)).reason());
    Path ogg = tone("whole.opus", "-c:a", "libopus");
    assertEquals("cannot read ogg header: End of file",
        rejected("cut.opus", truncated(ogg, "cut.opus", Files.size(ogg) / 2)).reason());
  }

  @Test
  void truncatedM4a() throws IOException {
    Path m4a = tone("whole.m4a", "-c:a", "aac"); // moov at the end: gone
    assertEquals("cannot read mov,mp4,m4a,3gp,3g2,mj2 header: Invalid data found when processing input",
        rejected("cut.m4a", truncated(m4a, "cut.m4a", Files.size(m4a) / 2)).reason());

    Path faststart = tone("fast.m4a", "-c:a", "aac", "-movflags", "+faststart"); // moov first: data cut
    assertEquals("truncated: the file ends inside a packet of aac audio at 0.704 s",
        rejected("cutfast.m4a", truncated(faststart, "cutfast.m4a", Files.size(faststart) / 2)).reason());
  }

  /** Video files cut short: the audio is interleaved with the video, and ends early. */
  @Test
  void truncatedVideoFiles() throws IOException {
    Path source = wav(dir.resolve("source.wav"), 48_000, 2, 72_000, sine(440, 48_000, 8000));
    String[] video = {"-f", "lavfi", "-i", "testsrc=s=64x36:r=25:d=1.5", "-i", source.toString(), "-map", "0:v",
        "-map", "1:a"};
    Path mp4 = made("film.mp4", concat(video, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
        "-movflags", "+faststart"));
    Path mkv = made("film.mkv", concat(video, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "flac"));
    Path webm = made("film.webm", concat(video, "-c:v", "libvpx", "-c:a", "libopus"));

    assertEquals("truncated: the file ends inside a packet of aac audio at 0.619 s",
        rejected("cut.mp4", truncated(mp4, "cut.mp4", Files.size(mp4) / 2)).reason());
    // Matroska declares no stream duration; its DURATION tag (near the start) tells.
    assertEquals("truncated: the matroska,webm header declares 1.500 s of audio, only 0.672 s could be decoded",
        rejected("cut.mkv", truncated(mkv, "cut.mkv", Files.size(mkv) / 2)).reason());
    assertEquals("truncated: the matroska,webm header declares 1.508 s of audio, only 0.714 s could be decoded",
        rejected("cut.webm", truncated(webm, "cut.webm", Files.size(webm) / 2)).reason());
  }

  @Test
  void matroskaDurationTags() {
    assertEquals(72_000, AudioInput.taggedSamples("00:00:01.500000000", 48_000));
    assertEquals(3723L * 44_100 + 22_050, AudioInput.taggedSamples("01:02:03.5", 44_100));
    assertEquals(1, AudioInput.taggedSamples("00:00:00.000010417", 48_000)); // 0.5 sample, half up
    assertEquals(-1, AudioInput.taggedSamples("1.5", 48_000));
    assertEquals(-1, AudioInput.taggedSamples("", 48_000));
  }

  @Test
  void decodeErrorInTheMiddleIsAnError() throws IOException {
    Path mp3 = tone("whole.mp3", "-c:a", "libmp3lame");
    Path m4a = tone("whole.m4a", "-c:a", "aac", "-movflags", "+faststart");
    Path flac = tone("whole.flac", "-c:a", "flac");

    for (Path whole : new Path[] {mp3, m4a, flac}) {
      String name = "bad-" + whole.getFileName();
      Path bad = corrupted(whole, name);
      // Decoding, as the audio encoder does, stops at the damage and says where.
      BadInputException decoding = assertThrows(BadInputException.class, () -> {
        try (AudioInput input = AudioInput.open(name, bad)) {
          while (input.next() != null) {
            // to the damage
          }
        }
      });
      assertReason("cannot decode", decoding);
      assertReason(" s: ", decoding);
      // Planning measures these formats from their packets. The MP3's damage broke a frame header, which it
      // reads; FLAC's parser lost its frames, so planning decodes it and fails there; inside the AAC frames the
      // damage is not seen until the decoding above, which the audio encoder does: the job fails then.
      if (whole == mp3) {
        assertEquals("corrupt mp3 frame header at 0.745 s", rejected(name, bad).reason());
      } else if (whole == flac) {
        BadInputException planning = rejected(name, bad);
        assertReason("cannot decode", planning);
        assertReason(" s: ", planning);
      } else {
        assertEquals(72_000, AudioProbe.probe(name, bad).samples());
      }
    }
  }

  @Test
  void missingFileIsNotBadInput() {
    assertThrows(UncheckedIOException.class, () -> AudioProbe.probe("gone.mp3", dir.resolve("gone.mp3")));
  }

  @Test
  void directoryIsBadInput() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("folder.mp3"));
    assertEquals("not a regular file", rejected("folder.mp3", sub).reason());
  }

  @Test
  void acceptedFormatNames() {
    assertTrue(AudioInput.accepted("mov,mp4,m4a,3gp,3g2,mj2"));
    assertTrue(AudioInput.accepted("matroska,webm"));
    assertTrue(AudioInput.accepted("mp3"));
    for (String refused : new String[] {"hls", "concat", "image2", "png_pipe", "tty", "bin", "mpegts", "sdp",
        "rtsp", "lavfi", "dash", "data", "subviewer"}) {
      assertTrue(!AudioInput.accepted(refused), refused);
    }
  }
}
