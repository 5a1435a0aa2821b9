package dev.videogen.media.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.render.ChunkRendererTest.Frame;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.RenderedFrames;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlays composited over real frames (64×36, 10 fps, one 3-s slide), checked sample by sample against the
 * same frames rendered without overlays and the rule of docs/SPEC.md: s' = ⌊(P·g·2^8 + s·(2^32 − A·g) +
 * 2^31) / 2^32⌋ with A = round(α·2^16), P = round(α·V·2^8), V the layer's Y', Cb or Cr.
 */
class OverlayRenderTest {
  private static final int W = 64;
  private static final int H = 36;
  private static final String SLIDES = """
      "video":{"width":64,"height":36,"fps":10},"duration":"slides",
      "slides":[{"image":"a.png","seconds":3,"from":{"zoom":1,"x":0.3,"y":0.5},"to":{"zoom":1.4,"x":0.6,"y":0.4}}]""";
  /** A full block (U+2588) at 20.48 px: exactly 0.01 px per font unit, so its ink is x 0–14.51, y −0.1–24.75. */
  private static final String BLOCK = """
      {"text":{"value":"\\u2588","size":"20.48px"},"position":{"anchor":"top-left"},
       "duration":1,"fadeIn":0.3}""";
  /** The 8×8 logo at the bottom-right, 4 px from the right edge and 2 px from the bottom: x 52–59, y 26–33. */
  private static final String LOGO = """
      {"image":{"uri":"logo.png"},"position":{"anchor":"bottom-right","x":"4px","y":"2px"},"start":1}""";

  @TempDir Path dir;
  private SourceCache cache;
  private ChunkRenderer renderer;

  @BeforeEach
  void setUp() {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.logoPng(dir.resolve("logo.png")); // red | transparent | blue at alpha 128
    cache = new SourceCache(32L << 20, 1_000_000, uri -> Files.readAllBytes(Path.of(uri)));
    renderer = new ChunkRenderer(W, H, cache);
  }

  @AfterEach
  void tearDown() {
    renderer.close();
    cache.close();
  }

  private JobPlan plan(String overlays) {
    String json = "{\"id\":\"ov\",\"output\":\"o.mp4\"," + SLIDES
        + (overlays == null ? "" : ",\"overlays\":[" + overlays + "]") + "}";
    String base = dir.toString();
    return JobPlanner.plan(JobSpecParser.parse(json, base),
        Map.of(base + "/a.png", new ImageInfo(ImageFormat.PNG, 96, 54, 1)), List.of(), "");
  }

  private List<Frame> render(JobPlan plan, long first, long end) {
    List<Frame> frames = new ArrayList<>();
    RenderedFrames.forEach(renderer, plan, first, end, planes -> frames.add(ChunkRendererTest.copyOf(planes)));
    return frames;
  }

  /** The documented blend of a layer value {@code v} at alpha {@code alpha} and gain {@code gain}/65536 over s. */
  static int over(int s, double alpha, double v, long gain) {
    long a = Math.round(alpha * 65536);
    long p = Math.round(alpha * v * 256);
    return (int) ((p * gain * 256 + s * ((1L << 32) - a * gain) + (1L << 31)) >> 32);
  }

  @Test
  void aWhiteTextLayerFadesInOverExactlyItsFrames() {
    List<Frame> plain = render(plan(null), 0, 12);
    List<Frame> shown = render(plan(BLOCK), 0, 12);
    long[] gains = {16384, 32768, 49152, 65536, 65536, 65536, 65536, 65536, 65536, 65536}; // (i + 1)/4, then 1
    for (int f = 0; f < 10; f++) {
      for (int[] px : new int[][] {{0, 0}, {5, 5}, {13, 23}}) {
        int s = plain.get(f).y()[px[1]][px[0]];
        assertEquals(over(s, 1, 235, gains[f]), shown.get(f).y()[px[1]][px[0]], "frame " + f + " Y at " + px[0]);
      }
      // A chroma sample whose 2×2 block is fully inked: white is Cb = Cr = 128.
      int cb = plain.get(f).cb()[5][3];
      assertEquals(over(cb, 1, 128, gains[f]), shown.get(f).cb()[5][3], "frame " + f + " Cb");
      // The block's right edge covers 0.51 of column 14; column 15 and everything below row 24 are untouched.
      int edge = plain.get(f).y()[10][14];
      assertEquals(over(edge, 0.51, 235, gains[f]), shown.get(f).y()[10][14], "frame " + f + " edge");
      assertEquals(plain.get(f).y()[10][15], shown.get(f).y()[10][15]);
      assertArrayEquals(plain.get(f).y()[30], shown.get(f).y()[30]);
    }
    assertEquals(235, shown.get(5).y()[5][5]);
    for (int f = 10; f < 12; f++) { // duration 1 s: frames [0, 10)
      for (int row = 0; row < H; row++) {
        assertArrayEquals(plain.get(f).y()[row], shown.get(f).y()[row], "frame " + f + " row " + row);
      }
    }
  }

  @Test
  void aPngWithAlphaShowsOpaqueTransparentAndHalfTransparentPixels() {
    List<Frame> plain = render(plan(null), 9, 12);
    List<Frame> shown = render(plan(LOGO), 9, 12);
    assertArrayEquals(plain.get(0).y()[28], shown.get(0).y()[28]); // start 1 s: frame 10 on
    for (int f = 1; f < 3; f++) {
      Frame out = shown.get(f);
      Frame in = plain.get(f);
      // Opaque red is BT.709 limited-range red, (63, 102, 240), whatever lies below.
      assertEquals(63, out.y()[26][52]);
      assertEquals(63, out.y()[33][55]);
      assertEquals(102, out.cb()[13][26]);
      assertEquals(240, out.cr()[16][27]);
      // Transparent columns 56–57 leave the frame as it was, and so does everything outside the logo.
      assertEquals(in.y()[30][56], out.y()[30][56]);
      assertEquals(in.cb()[15][28], out.cb()[15][28]);
      assertEquals(in.y()[25][52], out.y()[25][52]);
      assertEquals(in.y()[30][51], out.y()[30][51]);
      assertEquals(in.y()[34][58], out.y()[34][58]);
      // Blue at alpha 128/255: Y' 16 + 219·0.0722, Cb 240, Cr 128 − 224·0.0722/1.5748, blended.
      double alpha = 128 / 255.0;
      assertEquals(over(in.y()[30][58], alpha, 16 + 219 * 0.0722, 65536), out.y()[30][58]);
      assertEquals(over(in.cb()[15][29], alpha, 128 + 224 * (1 - 0.0722) / 1.8556, 65536), out.cb()[15][29]);
      assertEquals(over(in.cr()[15][29], alpha, 128 - 224 * 0.0722 / 1.5748, 65536), out.cr()[15][29]);
    }
  }

  @Test
  void opacityScalesTheLayerAndLaterLayersDrawOnTop() {
    String halfBlock = BLOCK.replace("\"duration\":1,\"fadeIn\":0.3", "\"opacity\":0.5");
    String blackBlock = "{\"text\":{\"value\":\"\\u2588\",\"size\":\"10.24px\",\"color\":\"#000000\"},"
        + "\"position\":{\"anchor\":\"top-left\"}}";
    List<Frame> plain = render(plan(null), 20, 21);
    List<Frame> shown = render(plan(halfBlock + "," + blackBlock), 20, 21);
    int s = plain.get(0).y()[20][5];
    assertEquals(over(s, 1, 235, 32768), shown.get(0).y()[20][5]); // the half-opaque white block alone
    assertEquals(16, shown.get(0).y()[5][5]); // the black block (x 0–7.25, y 0–12.4) above it
  }

  @Test
  void aTextRunningFarOffTheFrameIsDrawnOnlyWhereItShowsAndTheSameThere() {
    String wide = "{\"text\":{\"value\":\"A long line running far past the right edge\",\"size\":0.6,"
        + "\"outline\":{\"width\":\"2px\"},\"shadow\":{\"x\":\"3px\",\"y\":\"2px\"}},"
        + "\"position\":{\"anchor\":\"left\",\"x\":\"-6px\"}}";
    JobPlan plan = plan(wide);
    List<Frame> drawn = render(plan, 4, 5);
    // The same layer painted whole (not cut to the frame), blended by hand at the same place.
    dev.videogen.media.overlay.TextLayer layer =
        (dev.videogen.media.overlay.TextLayer) plan.composition().overlays().shows().get(0).layer();
    var layout = dev.videogen.media.overlay.TextLayout.of(dev.videogen.media.overlay.FontFace.bundled(),
        layer.text(), layer.style().size().resolve(H), 0, layer.style().lineHeight(), layer.style().align());
    var whole = dev.videogen.media.overlay.TextPainter.paint(layout, layer.style(), W, H);
    int left = layer.position().left(W, whole.boxWidth()) - whole.boxX();
    int top = layer.position().top(H, whole.boxHeight()) - whole.boxY();
    assertTrue(whole.image().width() > 4 * W, "the whole line is " + whole.image().width() + " px wide");
    int prepared = new OverlayPainter(W, H, cache).prepare(layer).width();
    assertTrue(prepared <= W + 24, "prepared " + prepared + " px wide: only what can show, plus a guard band");
    YuvPlanes expected = YuvPlanes.allocate(W, H);
    List<Frame> plain = render(plan(null), 4, 5);
    for (int row = 0; row < H; row++) {
      for (int x = 0; x < W; x++) {
        expected.y().put(row * W + x, (byte) plain.get(0).y()[row][x]);
      }
    }
    for (int row = 0; row < H / 2; row++) {
      for (int x = 0; x < W / 2; x++) {
        expected.cb().put(row * W / 2 + x, (byte) plain.get(0).cb()[row][x]);
        expected.cr().put(row * W / 2 + x, (byte) plain.get(0).cr()[row][x]);
      }
    }
    PreparedOverlay.of(whole.image(), left, top).blend(expected, 65536);
    Frame want = ChunkRendererTest.copyOf(expected);
    for (int p = 0; p < 3; p++) {
      for (int row = 0; row < want.plane(p).length; row++) {
        assertArrayEquals(want.plane(p)[row], drawn.get(0).plane(p)[row], "plane " + p + " row " + row);
      }
    }
  }

  @Test
  void aFontFileNamedByUriIsReadLikeAnyInput() throws IOException {
    try (var in = getClass().getResourceAsStream(dev.videogen.media.overlay.FontFace.BUNDLED_RESOURCE)) {
      Files.write(dir.resolve("own.ttf"), in.readAllBytes()); // the same font, as a user's file
    }
    Files.writeString(dir.resolve("not-a-font.ttf"), "hello");
    String bundled = "{\"text\":{\"value\":\"Ag\",\"size\":0.5},\"position\":{\"anchor\":\"top-left\"}}";
    String own = bundled.replace("\"size\":0.5", "\"size\":0.5,\"font\":\"own.ttf\"");
    List<Frame> expected = render(plan(bundled), 3, 4);
    List<Frame> actual = render(plan(own), 3, 4);
    for (int row = 0; row < H; row++) {
      assertArrayEquals(expected.get(0).y()[row], actual.get(0).y()[row], "row " + row);
    }
    assertTrue(java.util.Arrays.stream(actual.get(0).y()).flatMapToInt(java.util.Arrays::stream).anyMatch(v -> v > 200));
    BadInputException e = assertThrows(BadInputException.class,
        () -> render(plan(bundled.replace("\"size\":0.5", "\"font\":\"not-a-font.ttf\"")), 3, 4));
    assertTrue(e.getMessage().contains("not-a-font.ttf"), e.getMessage());
  }

  @Test
  void aLogoThatChangedSincePlanningIsABadInputNamingIt() throws IOException {
    String base = dir.toString();
    JobPlan plan = JobPlanner.plan(JobSpecParser.parse("{\"id\":\"ov\",\"output\":\"o.mp4\"," + SLIDES
            + ",\"overlays\":[" + LOGO + "]}", base), Map.of(base + "/a.png", new ImageInfo(ImageFormat.PNG, 96, 54, 1)),
        Map.of(base + "/logo.png", "0".repeat(64)), List.of(), "");
    BadInputException e = assertThrows(BadInputException.class, () -> render(plan, 10, 11));
    assertTrue(e.getMessage().contains("logo.png"), e.getMessage());
  }
}
