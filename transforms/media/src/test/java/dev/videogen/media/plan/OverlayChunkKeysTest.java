package dev.videogen.media.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.videogen.media.FrameRate;
import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.spec.JobSpecParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chunk content keys with overlays: a chunk no show reaches keeps the key it has without overlays; a chunk
 * a show reaches gets a key that changes with what the show draws and where, relative to the chunk.
 */
class OverlayChunkKeysTest {
  private static final Map<String, ImageInfo> IMAGES = Map.of(
      "/j/a.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1),
      "/j/b.png", new ImageInfo(ImageFormat.PNG, 360, 640, 1),
      "/j/c.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1));
  private static final VideoEncoderSettings ENCODER =
      new VideoEncoderSettings(64, 36, new FrameRate(10, 1), 23, "veryfast", 1, 50);
  /** A 6.5-s cycle over 30 s; chunks per cycle [a] and [b + c]: 0, 30, 65, 95, 130, 160, 195, 225, 260, 290. */
  private static final String LOOP = "\"duration\":30,\"loop\":true,\"slides\":[{\"image\":\"a.jpg\",\"seconds\":3},"
      + "{\"image\":\"b.png\",\"seconds\":2},{\"image\":\"c.jpg\",\"seconds\":1.5}]";

  private static List<String> keys(String overlays, Map<String, String> digests) {
    String json = "{\"id\":\"k\",\"output\":\"o.mp4\",\"video\":{\"width\":64,\"height\":36,\"fps\":10}," + LOOP
        + (overlays == null ? "" : ",\"overlays\":[" + overlays + "]") + "}";
    JobPlan plan = JobPlanner.plan(JobSpecParser.parse(json, "/j"), IMAGES, digests, List.of(), "");
    return ChunkPlanner.split(plan, ENCODER, 40).stream().map(ChunkTask::contentKey).toList();
  }

  private static List<String> keys(String overlays) {
    return keys(overlays, Map.of("/j/a.jpg", "aa", "/j/b.png", "bb", "/j/c.jpg", "cc", "/j/logo.png", "11"));
  }

  @Test
  void onlyTheChunksAShowReachesChangeTheirKeys() {
    List<String> plain = keys(null);
    // The text shows on frames [70, 80) (chunk 2, [65, 95)); the logo on [200, 220) (chunk 6, [195, 225)).
    String text = "{\"text\":{\"value\":\"Hi\"},\"start\":7,\"duration\":1}";
    String logo = "{\"image\":{\"uri\":\"logo.png\",\"width\":0.1},\"start\":20,\"duration\":2}";
    List<String> with = keys(text + "," + logo);
    for (int k = 0; k < plain.size(); k++) {
      if (k == 2 || k == 6) {
        assertNotEquals(plain.get(k), with.get(k), "chunk " + k);
      } else {
        assertEquals(plain.get(k), with.get(k), "chunk " + k);
      }
    }
    List<String> otherText = keys(text.replace("Hi", "Ho") + "," + logo);
    assertNotEquals(with.get(2), otherText.get(2));
    assertEquals(with.get(6), otherText.get(6));
    List<String> movedText = keys(text.replace("\"start\":7", "\"start\":7.1") + "," + logo);
    assertNotEquals(with.get(2), movedText.get(2));
    List<String> otherLogoBytes = keys(text + "," + logo,
        Map.of("/j/a.jpg", "aa", "/j/b.png", "bb", "/j/c.jpg", "cc", "/j/logo.png", "22"));
    assertEquals(with.get(2), otherLogoBytes.get(2));
    assertNotEquals(with.get(6), otherLogoBytes.get(6));
    String ownFont = text.replace("\"value\":\"Hi\"", "\"value\":\"Hi\",\"font\":\"my.ttf\"");
    List<String> withFont = keys(ownFont, Map.of("/j/a.jpg", "aa", "/j/b.png", "bb", "/j/c.jpg", "cc", "/j/my.ttf", "f1"));
    List<String> otherFontBytes =
        keys(ownFont, Map.of("/j/a.jpg", "aa", "/j/b.png", "bb", "/j/c.jpg", "cc", "/j/my.ttf", "f2"));
    assertNotEquals(withFont.get(2), otherFontBytes.get(2));
    assertNotEquals(keys(text).get(2), withFont.get(2));
    assertEquals(plain.get(3), withFont.get(3));
  }

  @Test
  void aShowRepeatingWithTheLoopKeepsEveryCycleReusable() {
    // Every cycle (6.5 s) the line shows 0.5–1.5 s into it: the same place in each cycle's first chunk.
    List<String> with = keys("{\"text\":{\"value\":\"Subscribe\"},\"start\":0.5,\"duration\":1,\"every\":6.5,"
        + "\"fadeIn\":0.2}");
    List<String> plain = keys(null);
    for (int cycle = 0; cycle < 4; cycle++) {
      assertEquals(with.get(0), with.get(2 * cycle), "first chunk of cycle " + cycle);
      assertNotEquals(plain.get(2 * cycle), with.get(2 * cycle));
      assertEquals(plain.get(2 * cycle + 1), with.get(2 * cycle + 1), "second chunk of cycle " + cycle);
    }
  }
}
