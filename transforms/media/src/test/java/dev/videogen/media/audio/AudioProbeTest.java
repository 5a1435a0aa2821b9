package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.constant;
import static dev.videogen.media.audio.AudioFixtures.ffmpeg;
import static dev.videogen.media.audio.AudioFixtures.sine;
import static dev.videogen.media.audio.AudioFixtures.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lengths and layouts; tags are {@link AudioTagsTest}'s (ffmpeg-written files carry an encoder tag). */
class AudioProbeTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} Hz, {1} ch, {2} samples")
  @CsvSource({"48000, 2, 72000", "44100, 1, 66150", "22050, 6, 12345", "96000, 2, 1", "8000, 1, 7999"})
  void wavIsCountedExactly(int rate, int channels, long samples) {
    Path file = wav(dir.resolve("a.wav"), rate, channels, samples, sine(440, rate, 8000));

    AudioTrackInfo info = AudioProbe.probe("a.wav", file).withTags(Map.of());

    assertEquals(new AudioTrackInfo(rate, channels, samples), info);
    assertEquals(samples / (double) rate, info.seconds(), 0);
  }

  @Test
  void ffmpegWrittenWavAgreesWithTheFfmpegProgram() {
    Path file = dir.resolve("tone.wav");
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,atrim=end_sample=72000", "-ac", "2",
        "-c:a", "pcm_s16le", file.toString());

    assertEquals(new AudioTrackInfo(48_000, 2, 72_000), AudioProbe.probe("tone.wav", file).withTags(Map.of()));
    assertEquals(72_000, AudioFixtures.ffmpegDecodedSamples(file, 2));
  }

  /** LAME writes its encoder delay and padding into the Xing/LAME tag; libavformat/libavcodec drop both. */
  @Test
  void mp3WithLameTagIsGapless() {
    Path source = wav(dir.resolve("s.wav"), 48_000, 2, 72_000, sine(440, 48_000, 8000));
    Path mp3 = dir.resolve("s.mp3");
    ffmpeg("-i", source.toString(), "-c:a", "libmp3lame", "-b:a", "128k", mp3.toString());

    assertEquals(new AudioTrackInfo(48_000, 2, 72_000), AudioProbe.probe("s.mp3", mp3).withTags(Map.of()));
    // The ffmpeg program decodes the same count: an independent check.
    assertEquals(72_000, AudioFixtures.ffmpegDecodedSamples(mp3, 2));
  }

  @Test
  void mp3At44100MonoIsGapless() {
    Path source = wav(dir.resolve("m.wav"), 44_100, 1, 66_150, sine(440, 44_100, 8000));
    Path mp3 = dir.resolve("m.mp3");
    ffmpeg("-i", source.toString(), "-c:a", "libmp3lame", mp3.toString());

    assertEquals(new AudioTrackInfo(44_100, 1, 66_150), AudioProbe.probe("m.mp3", mp3).withTags(Map.of()));
  }

  /** Without the LAME tag nothing says where the music starts and ends: delay and padding are counted. */
  @Test
  void mp3WithoutLameTagCountsWholeFrames() {
    Path source = wav(dir.resolve("s.wav"), 48_000, 2, 72_000, sine(440, 48_000, 8000));
    Path mp3 = dir.resolve("s.mp3");
    ffmpeg("-i", source.toString(), "-c:a", "libmp3lame", "-write_xing", "0", mp3.toString());

    assertEquals(new AudioTrackInfo(48_000, 2, 64 * 1152), AudioProbe.probe("s.mp3", mp3).withTags(Map.of()));
  }

  /**
   * The MP4 edit list holds the AAC priming (1024) and the real length. libavformat drops the priming but
   * decodes the trailing padding (the ffmpeg program gives 72 704 = 71 frames); AudioInput stops at the
   * edit list's end.
   */
  @Test
  void m4aIsCutToItsEditList() {
    Path source = wav(dir.resolve("s.wav"), 48_000, 2, 72_000, sine(440, 48_000, 8000));
    Path m4a = dir.resolve("s.m4a");
    ffmpeg("-i", source.toString(), "-c:a", "aac", m4a.toString());

    assertEquals(new AudioTrackInfo(48_000, 2, 72_000), AudioProbe.probe("s.m4a", m4a).withTags(Map.of()));
    assertEquals(72_704, AudioFixtures.ffmpegDecodedSamples(m4a, 2));
    String durationTs = AudioFixtures.ffprobe("-select_streams", "a:0", "-show_entries", "stream=duration_ts",
        "-of", "default=noprint_wrappers=1:nokey=1", m4a.toString()).trim();
    assertEquals("72000", durationTs);
  }

  @Test
  void m4aAt44100MonoIsExact() {
    Path source = wav(dir.resolve("m.wav"), 44_100, 1, 66_150, sine(440, 44_100, 8000));
    Path m4a = dir.resolve("m.m4a");
    ffmpeg("-i", source.toString(), "-c:a", "aac", "-movflags", "+faststart", m4a.toString());

    assertEquals(new AudioTrackInfo(44_100, 1, 66_150), AudioProbe.probe("m.m4a", m4a).withTags(Map.of()));
  }

  /** Raw ADTS has no priming information: priming and padding are counted (72 000 + 1024, to whole frames). */
  @Test
  void adtsCountsPrimingAndPadding() {
    Path source = wav(dir.resolve("s.wav"), 48_000, 2, 72_000, constant(1000));
    Path aac = dir.resolve("s.aac");
    ffmpeg("-i", source.toString(), "-c:a", "aac", aac.toString());

    assertEquals(new AudioTrackInfo(48_000, 2, 72 * 1024), AudioProbe.probe("s.aac", aac).withTags(Map.of()));
  }

  @Test
  void otherAcceptedContainersAreExact() {
    Path source = wav(dir.resolve("s.wav"), 48_000, 2, 72_000, sine(440, 48_000, 8000));
    String[][] outputs = {{"s.flac", "flac"}, {"s.aiff", "pcm_s16be"}, {"s.w64", "pcm_s24le"},
        {"s.mka", "libopus"}, {"s.webm", "libopus"}, {"s.opus", "libopus"}, {"s.caf.m4a", "alac"}};
    for (String[] output : outputs) {
      String name = output[0];
      Path file = dir.resolve(name);
      ffmpeg("-i", source.toString(), "-c:a", output[1], file.toString());
      AudioTrackInfo info = AudioProbe.probe(name, file).withTags(Map.of());
      assertEquals(new AudioTrackInfo(48_000, 2, 72_000), info, name);
    }
  }

  @Test
  void multichannelReportsItsChannels() {
    Path source = wav(dir.resolve("s.wav"), 48_000, 6, 4800, constant(1000));
    Path flac = dir.resolve("s.flac");
    ffmpeg("-i", source.toString(), flac.toString());

    AudioTrackInfo info = AudioProbe.probe("s.flac", flac).withTags(Map.of());
    assertEquals(new AudioTrackInfo(48_000, 6, 4800), info);
    assertTrue(info.seconds() > 0.099 && info.seconds() < 0.101);
  }

  /**
   * An MP3 is measured from its frame headers and the demuxer's skip-samples side data, not decoded: the same
   * rate, channels and length as decoding every frame, for MPEG-1, MPEG-2 (576 samples a frame) and MPEG 2.5,
   * CBR and VBR, with and without the LAME tag, Layer II in an .mp3 too, lengths that end mid-frame.
   */
  @ParameterizedTest(name = "{0} Hz, {1} ch, {2} samples, {3}")
  @CsvSource(delimiter = '|', value = {
      "44100 | 2 | 441000 | -c:a libmp3lame -b:a 160k",
      "48000 | 1 | 12345 | -c:a libmp3lame -q:a 4",
      "22050 | 2 | 99999 | -c:a libmp3lame -b:a 64k",
      "8000 | 1 | 8001 | -c:a libmp3lame",
      "32000 | 2 | 70000 | -c:a libmp3lame -write_xing 0",
      "44100 | 2 | 88200 | -c:a libmp3lame -write_id3v1 1 -metadata title=Tagged",
      "44100 | 2 | 50000 | -c:a mp2 -f mp2"})
  void mp3HeadersCountWhatDecodingCounts(int rate, int channels, long samples, String codec) {
    Path mp3 = encodedSine(rate, channels, samples, "s.mp3", codec);

    AudioTrackInfo counted = AudioProbe.probe("s.mp3", mp3).withTags(Map.of());
    assertEquals(decoded(mp3), counted);
    assertEquals(rate, counted.sampleRate());
    assertEquals(channels, counted.channels());
    if (!codec.contains("write_xing") && !codec.contains("mp2")) {
      assertEquals(samples, counted.samples(), "gapless: the LAME tag's delay and padding are not counted");
    }
  }

  /**
   * FLAC (each frame's block size, as its parser reads it) and AAC-LC in the MP4 family (the codec's frame
   * size per packet, the edit list's start as skip side data and discard flags, its end as the presentation
   * end) are measured without decoding too: the same rate, channels and length as decoding every frame, at
   * several rates, channel counts, lengths that end mid-frame, FLAC's fixed and variable block sizes and 24-bit
   * samples, MP4 with moov first and last, MOV.
   */
  @ParameterizedTest(name = "{0} Hz, {1} ch, {2} samples, {3} {4}")
  @CsvSource(delimiter = '|', value = {
      "48000 | 2 | 72000 | s.flac | -c:a flac",
      "44100 | 1 | 12345 | s.flac | -c:a flac -compression_level 0",
      "96000 | 2 | 99999 | s.flac | -c:a flac -sample_fmt s32 -compression_level 12",
      "22050 | 2 | 50001 | s.flac | -c:a flac -lpc_type none -frame_size 1152",
      "48000 | 2 | 72000 | s.m4a | -c:a aac",
      "44100 | 1 | 66151 | s.m4a | -c:a aac -movflags +faststart",
      "32000 | 2 | 1000 | s.mp4 | -c:a aac -b:a 64k",
      "48000 | 6 | 48001 | s.mov | -c:a aac"})
  void flacAndMp4AacCountWhatDecodingCounts(int rate, int channels, long samples, String file, String codec) {
    Path output = encodedSine(rate, channels, samples, file, codec);

    try (AudioInput input = AudioInput.open(file, output)) {
      assertTrue(input.countableWithoutDecoding(), file + " is measured from its packets");
    }
    AudioTrackInfo counted = AudioProbe.probe(file, output).withTags(Map.of());
    assertEquals(decoded(output), counted);
    assertEquals(rate, counted.sampleRate());
    assertEquals(channels, counted.channels());
    if (file.endsWith(".flac")) {
      assertEquals(samples, counted.samples(), "gapless");
    } else {
      // The muxer writes the edit list in the movie's millisecond timescale.
      assertEquals(samples, counted.samples(), rate / 1000.0, "gapless to the millisecond");
    }
  }

  /**
   * Opus (each packet's table-of-contents byte names its frames' duration and count; the pre-skip and the end
   * trimming as the decoder applies them) is measured without decoding in Ogg, WebM/Matroska and MP4: the same
   * rate (48 kHz), channels and length as decoding, for SILK, hybrid and CELT frames of 2.5 to 60 ms, packets of
   * several frames, multistream (6 channels) and FFmpeg's own encoder as well as libopus.
   */
  @ParameterizedTest(name = "{0} {1}, {2} ch")
  @CsvSource(delimiter = '|', value = {
      "s.opus | -c:a libopus | 2",
      "s.ogg | -c:a libopus -b:a 12k -frame_duration 60 | 1",
      "s.ogg | -c:a libopus -b:a 24k -frame_duration 10 | 2",
      "s.webm | -c:a libopus -frame_duration 120 | 2",
      "s.mkv | -c:a libopus -frame_duration 2.5 | 2",
      "s.mp4 | -c:a libopus | 2",
      "s.opus | -c:a libopus | 6",
      "s.ogg | -c:a opus -strict -2 | 2"})
  void opusCountsWhatDecodingCounts(String file, String codec, int channels) {
    Path output = encodedSine(48_000, channels, 72_001, file, codec);

    AudioTrackInfo counted;
    try (AudioInput input = AudioInput.open(file, output)) {
      assertTrue(input.countableWithoutDecoding(), file + " is measured from its packets");
      assertTrue(input.countWithoutDecoding(), "every packet counted, none left to decoding");
      counted = new AudioTrackInfo(input.sampleRate(), input.channels(), input.samples());
    }
    assertEquals(decoded(output), counted);
    assertEquals(counted, AudioProbe.probe(file, output).withTags(Map.of()));
    assertEquals(48_000, counted.sampleRate());
    assertEquals(channels, counted.channels());
    // Gapless: the pre-skip and end trimming (Ogg's last granule, Matroska's DiscardPadding) to the sample; the
    // MP4 muxer writes its edit list in the movie's millisecond timescale.
    assertEquals(72_001, counted.samples(), file.endsWith(".mp4") ? 48 : 0, "gapless");
  }

  /** OpusPacket reads the frame duration and count of RFC 6716's table-of-contents byte. */
  @Test
  void opusTableOfContents() {
    try (org.bytedeco.javacpp.BytePointer packet = new org.bytedeco.javacpp.BytePointer(2)) {
      int[][] cases = { // toc, next byte, samples
          {0 << 3, 0, 480}, {3 << 3, 0, 2880}, {13 << 3 | 1, 0, 1920}, {16 << 3, 0, 120}, {31 << 3 | 2, 0, 1920},
          {19 << 3 | 3, 6, 5760}, {19 << 3 | 3, 7, -1}, {19 << 3 | 3, 0, -1}, {3 << 3 | 3, 2, 5760}};
      for (int[] c : cases) {
        packet.put(0, (byte) c[0]).put(1, (byte) c[1]);
        assertEquals(c[2], OpusPacket.samples(packet, 2), "toc " + c[0] + ", " + c[1]);
      }
      packet.put(0, (byte) (19 << 3 | 3));
      assertEquals(-1, OpusPacket.samples(packet, 1), "code 3 without its count byte");
      assertEquals(-1, OpusPacket.samples(packet, 0), "empty");
    }
  }

  /** AAC profiles other than LC (SBR and PS change the rate and channels a packet decodes to) are decoded. */
  @Test
  void aacOtherThanLcIsDecoded() {
    Path source = wav(dir.resolve("s.wav"), 48_000, 2, 48_000, sine(440, 48_000, 8000));
    Path m4a = dir.resolve("ltp.m4a");
    ffmpeg("-i", source.toString(), "-c:a", "aac", "-profile:a", "aac_ltp", "-strict", "-2", m4a.toString());
    try (AudioInput input = AudioInput.open("ltp.m4a", m4a)) {
      assertFalse(input.countableWithoutDecoding());
    }
    assertEquals(new AudioTrackInfo(48_000, 2, 48_000), AudioProbe.probe("ltp.m4a", m4a).withTags(Map.of()));
  }

  /**
   * How long MP3s are often made: a short one repeated by stream copy (`-stream_loop`), so the LAME tag of the
   * first copy describes one copy only and each repeat brings its encoder delay again.
   */
  @Test
  void anMp3RepeatedByStreamCopyCountsWhatDecodingCounts() {
    Path once = dir.resolve("once.mp3");
    ffmpeg("-i", wav(dir.resolve("once.wav"), 44_100, 2, 30_000, sine(440, 44_100, 8000)).toString(), "-c:a",
        "libmp3lame", once.toString());
    Path looped = dir.resolve("looped.mp3");
    ffmpeg("-stream_loop", "3", "-i", once.toString(), "-c", "copy", looped.toString());

    AudioTrackInfo counted = AudioProbe.probe("looped.mp3", looped).withTags(Map.of());
    assertEquals(decoded(looped), counted);
    assertTrue(counted.samples() > 4 * 30_000, counted.toString());

    // Joined byte by byte instead (`cat a.mp3 a.mp3 a.mp3`), the demuxer hands the second copy's tag over as a
    // packet: refused at the same place by its header as by the decoder (as it was before headers were read).
    Path joined = dir.resolve("joined.mp3");
    byte[] bytes = readAllBytes(once);
    writeBytes(joined, java.nio.ByteBuffer.allocate(3 * bytes.length).put(bytes).put(bytes).put(bytes).array());
    dev.videogen.media.BadInputException counting = org.junit.jupiter.api.Assertions.assertThrows(
        dev.videogen.media.BadInputException.class, () -> AudioProbe.probe("joined.mp3", joined));
    dev.videogen.media.BadInputException decoding = org.junit.jupiter.api.Assertions.assertThrows(
        dev.videogen.media.BadInputException.class, () -> decoded(joined));
    assertEquals("corrupt mp3 frame header at 0.706 s", counting.reason());
    assertEquals("cannot decode mp3 audio at 0.706 s: Invalid data found when processing input", decoding.reason());
  }

  private static byte[] readAllBytes(Path file) {
    try {
      return java.nio.file.Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void writeBytes(Path file, byte[] bytes) {
    try {
      java.nio.file.Files.write(file, bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Two MP3s of different rates joined byte by byte: refused when counted as when decoded (which reports it at its first frame, from 48000 Hz). */
  @Test
  void anMp3WhoseRateChangesIsRefusedWithoutDecodingToo() throws Exception {
    Path first = dir.resolve("a.mp3");
    Path second = dir.resolve("b.mp3");
    ffmpeg("-i", wav(dir.resolve("a.wav"), 44_100, 2, 44_100, sine(440, 44_100, 8000)).toString(), "-c:a",
        "libmp3lame", "-write_xing", "0", "-id3v2_version", "0", first.toString());
    ffmpeg("-i", wav(dir.resolve("b.wav"), 48_000, 2, 48_000, sine(440, 48_000, 8000)).toString(), "-c:a",
        "libmp3lame", "-write_xing", "0", "-id3v2_version", "0", second.toString());
    Path joined = dir.resolve("joined.mp3");
    java.nio.file.Files.write(joined, java.nio.ByteBuffer.allocate((int) (java.nio.file.Files.size(first)
        + java.nio.file.Files.size(second))).put(java.nio.file.Files.readAllBytes(first))
        .put(java.nio.file.Files.readAllBytes(second)).array());

    dev.videogen.media.BadInputException counted = org.junit.jupiter.api.Assertions.assertThrows(
        dev.videogen.media.BadInputException.class, () -> AudioProbe.probe("joined.mp3", joined));
    dev.videogen.media.BadInputException decoding = org.junit.jupiter.api.Assertions.assertThrows(
        dev.videogen.media.BadInputException.class, () -> decoded(joined));
    assertTrue(counted.reason().startsWith("sample rate changes from 44100 Hz to 48000 Hz at 1."), counted.reason());
    assertTrue(decoding.reason().startsWith("sample rate changes from "), decoding.reason());
  }

  /** A 440 Hz sine of {@code samples} encoded by the ffmpeg program with {@code codec} (its arguments) into {@code file}. */
  private Path encodedSine(int rate, int channels, long samples, String file, String codec) {
    Path source = wav(dir.resolve("s.wav"), rate, channels, samples, sine(440, rate, 8000));
    Path output = dir.resolve(file);
    java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("-i", source.toString()));
    arguments.addAll(java.util.List.of(codec.split(" ")));
    arguments.add(output.toString());
    ffmpeg(arguments.toArray(String[]::new));
    return output;
  }

  /** Every frame decoded, as AudioProbe measured before it read MP3 headers (and still does other formats). */
  private static AudioTrackInfo decoded(Path file) {
    try (AudioInput input = AudioInput.open(file.getFileName().toString(), file)) {
      while (input.next() != null) {
        // counts
      }
      return new AudioTrackInfo(input.sampleRate(), input.channels(), input.samples());
    }
  }
}
