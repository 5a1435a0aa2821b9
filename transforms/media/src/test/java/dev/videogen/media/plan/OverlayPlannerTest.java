package dev.videogen.media.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogen.media.FrameRate;
import dev.videogen.media.audio.AudioTrackInfo;
import dev.videogen.media.overlay.OverlayShow;
import dev.videogen.media.overlay.Overlays;
import dev.videogen.media.overlay.TextLayer;
import dev.videogen.media.captions.Cue;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.media.spec.Placement;
import dev.videogen.media.spec.TextStyle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Overlay timing on the frame grid: repeats, fades, "now playing" per track across crossfades, captions. */
class OverlayPlannerTest {
  private static final String SLIDE = "\"slides\":[{\"image\":\"a.png\"}]";

  private static JobSpec spec(String fields) {
    return JobSpecParser.parse("{\"id\":\"t\",\"output\":\"o.mp4\",\"video\":{\"width\":64,\"height\":36,\"fps\":10},"
        + fields + "," + SLIDE + "}", "/base");
  }

  private static List<long[]> ranges(Overlays overlays) {
    return overlays.shows().stream().map(s -> new long[] {s.startFrame(), s.endFrame(), s.fadeInFrames(),
        s.fadeOutFrames()}).toList();
  }

  private static void assertRanges(long[][] expected, Overlays overlays) {
    List<long[]> actual = ranges(overlays);
    assertEquals(expected.length, actual.size(), "number of shows");
    for (int k = 0; k < expected.length; k++) {
      assertEquals(java.util.Arrays.toString(expected[k]), java.util.Arrays.toString(actual.get(k)), "show " + k);
    }
  }

  @Test
  void aRepeatedLayerShowsEveryNSecondsCutAtTheVideosEnd() {
    JobSpec spec = spec("\"duration\":12,\"overlays\":[{\"text\":{\"value\":\"Subscribe\"},\"start\":1,"
        + "\"duration\":2,\"every\":5,\"fadeOut\":0.5}]");
    Overlays overlays = OverlayPlanner.place(spec, 120, List.of(), Map.of(), Map.of());
    assertRanges(new long[][] {{10, 30, 0, 5}, {60, 80, 0, 5}, {110, 120, 0, 5}}, overlays);
  }

  @Test
  void backToBackRepeatsEndWhereTheNextBeginsAndAPlainLayerLastsToTheEnd() {
    JobSpec spec = spec("\"duration\":2,\"overlays\":[{\"text\":{\"value\":\"x\"},\"start\":0.25,\"duration\":0.5,"
        + "\"every\":5},{\"image\":{\"uri\":\"logo.png\"},\"start\":0.3}]");
    // 0.25 s at 10 fps is frame 2.5, rounded half up to 3; 0.75 s is 7.5 → 8.
    Overlays overlays = OverlayPlanner.place(spec, 20, List.of(), Map.of(), Map.of("/base/logo.png", "ab"));
    assertRanges(new long[][] {{3, 8, 0, 0}, {3, 20, 0, 0}}, overlays);
    assertEquals(0, overlays.shows().get(0).order());
    assertEquals(1, overlays.shows().get(1).order());
  }

  @Test
  void aPictureDrawnMoreThanTwoFramesWideFailsAtPlanningNamingTheLayer() {
    JobSpec spec = spec("\"duration\":2,\"overlays\":[{\"text\":{\"value\":\"x\"}},{\"image\":{\"uri\":\"big.png\"}}]");
    Map<String, dev.videogen.media.image.ImageInfo> images = Map.of("/base/big.png",
        new dev.videogen.media.image.ImageInfo(dev.videogen.media.image.ImageFormat.PNG, 129, 20, 1));
    dev.videogen.media.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.videogen.media.BadInputException.class, () -> OverlayPlanner.place(spec, 20, List.of(), images, Map.of()));
    assertEquals("overlays[1].image", e.subject());
    Map<String, dev.videogen.media.image.ImageInfo> fits = Map.of("/base/big.png",
        new dev.videogen.media.image.ImageInfo(dev.videogen.media.image.ImageFormat.PNG, 128, 72, 1));
    assertEquals(2, OverlayPlanner.place(spec, 20, List.of(), fits, Map.of()).shows().size());
  }

  @Test
  void fadesGiveTheDocumentedGainsAtExactFrames() {
    JobSpec spec = spec("\"duration\":2,\"overlays\":[{\"text\":{\"value\":\"x\"},\"start\":0.5,\"duration\":1,"
        + "\"fadeIn\":0.3,\"fadeOut\":0.2,\"opacity\":0.5}]");
    OverlayShow show = OverlayPlanner.place(spec, 20, List.of(), Map.of(), Map.of()).shows().get(0);
    assertEquals(5, show.startFrame());
    assertEquals(15, show.endFrame());
    int[] expected = {0, 8192, 16384, 24576, 32768, 32768, 32768, 32768, 32768, 21845, 10923, 0};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], show.gainAt(4 + i), "frame " + (4 + i)); // (i+1)/4·½ in, (end−i)/3·½ out
    }
  }

  @Test
  void nowPlayingNamesEachTrackFromItsTagsDuringItsStretchOfTheVideo() {
    JobSpec spec = spec("\"audio\":[{\"uri\":\"a/dawn.mp3\"},{\"uri\":\"a/noon.mp3\",\"crossfade\":1},"
        + "{\"uri\":\"a/dusk-song.wav\",\"crossfade\":1}],\"overlays\":[{\"text\":{\"nowPlaying\":true},"
        + "\"start\":0.5,\"duration\":2,\"fadeIn\":0.2}]");
    long fourSeconds = 4 * 48_000;
    List<PlannedAudio> audio = List.of(
        new PlannedAudio("/base/a/dawn.mp3", 0, 0,
            new AudioTrackInfo(48_000, 2, fourSeconds).withTags(Map.of("title", "Dawn", "artist", "Ana")), 0, 1),
        new PlannedAudio("/base/a/noon.mp3", 0, 0,
            new AudioTrackInfo(48_000, 2, fourSeconds).withTags(Map.of("TITLE", "Noon")), 48_000, 1),
        new PlannedAudio("/base/a/dusk-song.wav", 0, 0, new AudioTrackInfo(48_000, 2, fourSeconds), 48_000, 1));
    // Tracks start at 0, 3 and 6 s; each line takes over in the middle of its crossfade: frames 0, 35, 65.
    Overlays overlays = OverlayPlanner.place(spec, 100, audio, Map.of(), Map.of());
    assertRanges(new long[][] {{5, 25, 2, 0}, {40, 60, 2, 0}, {70, 90, 2, 0}}, overlays);
    assertEquals(List.of("Ana — Dawn", "Noon", "dusk-song"),
        overlays.shows().stream().map(s -> ((TextLayer) s.layer()).text()).toList());
  }

  @Test
  void nowPlayingWithoutTimingCoversEachTracksStretchAndGivenTitlesWin() {
    JobSpec spec = spec("\"audio\":[{\"uri\":\"a.mp3\"},{\"uri\":\"b.mp3\",\"crossfade\":0.5}],\"overlays\":[{"
        + "\"text\":{\"nowPlaying\":{\"template\":\"{title} by {artist}\",\"titles\":[null,\"Second\"]}}}]");
    List<PlannedAudio> audio = List.of(
        new PlannedAudio("/base/a.mp3", 0, 0,
            new AudioTrackInfo(44_100, 2, 44_100 * 3).withTags(Map.of("title", "First", "artist", "Bo")), 0, 1),
        new PlannedAudio("/base/b.mp3", 0, 0, new AudioTrackInfo(48_000, 2, 48_000 * 2), 24_000, 1));
    // Track 1 starts at 2.5 s, its line at 2.75 s = frame 27.5 → 28; it ends at 4.5 s = frame 45.
    Overlays overlays = OverlayPlanner.place(spec, 45, audio, Map.of(), Map.of());
    assertRanges(new long[][] {{0, 28, 0, 0}, {28, 45, 0, 0}}, overlays);
    assertEquals(List.of("First by Bo", "Second"),
        overlays.shows().stream().map(s -> ((TextLayer) s.layer()).text()).toList());
  }

  @Test
  void captionsBecomeTextLayersOnTheFrameGridAboveEveryOverlay() {
    TextStyle style = TextStyle.caption(0.06);
    Overlays captions = OverlayPlanner.captions(List.of(new Cue(0, 1500, "Hello"),
            new Cue(1500, 1549, "too short"), new Cue(11_000, 13_000, "Bye\nnow")), style,
        Placement.CENTERED, new FrameRate(10, 1), 120);
    assertRanges(new long[][] {{0, 15, 0, 0}, {110, 120, 0, 0}}, captions);
    assertEquals(OverlayPlanner.CAPTION_ORDER, captions.shows().get(0).order());
    Overlays both = OverlayPlanner.place(spec("\"duration\":12,\"overlays\":[{\"text\":{\"value\":\"x\"}}]"), 120,
        List.of(), Map.of(), Map.of()).plus(captions);
    assertEquals(List.of("x", "Hello", "Bye\nnow"),
        both.shows().stream().map(s -> ((TextLayer) s.layer()).text()).toList());
  }
}
