package dev.videogen.media.audio;

import static dev.videogen.media.audio.AudioFixtures.ffmpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tags written by the bundled ffmpeg ({@code -metadata}) and read back by the probe. */
class AudioTagsTest {
  static final String TITLE = "Morning – 朝";
  static final String ARTIST = "Ünïcode Band";

  @TempDir Path dir;

  private Path tagged(String name, String... extra) {
    Path file = dir.resolve(name);
    List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:d=0.1",
        "-fflags", "+bitexact"));
    arguments.addAll(List.of(extra));
    arguments.add(file.toString());
    ffmpeg(arguments.toArray(String[]::new));
    return file;
  }

  /** ID3v2 (MP3), MP4 ilst, FLAC and Ogg/Opus Vorbis comments, RIFF INFO, Matroska tags. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"a.mp3", "a.m4a", "a.flac", "a.ogg", "a.opus", "a.wav", "a.mka"})
  void titleAndArtistAreReadFromEveryTaggedContainer(String name) {
    Path file = tagged(name, "-metadata", "title=" + TITLE, "-metadata", "artist=" + ARTIST);

    AudioTrackInfo info = AudioProbe.probe(name, file);

    assertEquals(Optional.of(TITLE), info.title());
    assertEquals(Optional.of(ARTIST), info.artist());
  }

  @Test
  void theWholeMapHasLowerCasedKeysFromContainerAndStream() {
    // Matroska: the muxer writes ARTIST in capitals at the container and ENCODER/DURATION on the stream.
    Path mka = tagged("a.mka", "-metadata", "title=" + TITLE, "-metadata", "artist=" + ARTIST);
    assertEquals(Map.of("title", TITLE, "artist", ARTIST, "encoder", "Lavf", "duration", "00:00:00.100000000"),
        AudioProbe.probe("a.mka", mka).tags());

    // Opus in Ogg: the Vorbis comments live on the stream only.
    Path opus = tagged("a.opus", "-metadata", "title=" + TITLE, "-metadata", "album=Dawn");
    assertEquals(Map.of("title", TITLE, "album", "Dawn", "encoder", "Lavc libopus"),
        AudioProbe.probe("a.opus", opus).tags());
  }

  @Test
  void theContainerTagWinsOverTheStreamTag() {
    Path mka = tagged("a.mka", "-metadata", "title=Album title", "-metadata:s:a:0", "title=Track name");

    assertEquals(Optional.of("Album title"), AudioProbe.probe("a.mka", mka).title());
  }

  @Test
  void aStreamTitleIsUsedWhenTheContainerHasNone() {
    Path mka = tagged("a.mka", "-metadata:s:a:0", "title=Track name");

    assertEquals(Optional.of("Track name"), AudioProbe.probe("a.mka", mka).title());
  }

  @Test
  void untaggedAndBlankTagsGiveNoTitle() {
    Path bare = tagged("bare.mp3", "-map_metadata", "-1");
    Path blank = tagged("blank.flac", "-metadata", "title=  ", "-metadata", "artist= Padded ");

    AudioTrackInfo bareInfo = AudioProbe.probe("bare.mp3", bare);
    AudioTrackInfo blankInfo = AudioProbe.probe("blank.flac", blank);

    assertEquals(Map.of(), bareInfo.tags());
    assertEquals(Optional.empty(), bareInfo.title());
    assertEquals(Optional.empty(), blankInfo.title());
    assertEquals(Optional.of("Padded"), blankInfo.artist());
    assertEquals(" Padded ", blankInfo.tags().get("artist"));
  }

  @Test
  void loudnessProbeReadsTheSameTags() {
    Path file = tagged("a.m4a", "-metadata", "title=" + TITLE, "-metadata", "artist=" + ARTIST);

    AudioTrackInfo measured = LoudnessNormaliser.probe("a.m4a", file, -14, -1);

    assertEquals(AudioProbe.probe("a.m4a", file).tags(), measured.tags());
    assertEquals(Optional.of(TITLE), measured.title());
  }

  @Test
  void withTagsLowerCasesKeys() {
    AudioTrackInfo info = new AudioTrackInfo(48_000, 2, 1).withTags(Map.of("Title", "x"));

    assertEquals(Map.of("title", "x"), info.tags());
    assertEquals(new AudioTrackInfo(48_000, 2, 1), info.withTags(Map.of()));
  }
}
