package dev.videogen.media.preview;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.codec.MediaTestSupport;
import dev.videogen.media.image.ImageDecoder;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.ImageDiff;
import dev.videogen.testing.RenderedFrames;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contact sheet's cells are exactly the renderer's frames, decoded as BT.709 limited range at the "left"
 * chroma siting and reduced with INTER_AREA; repeats a looped job collapses are truly identical frames; and
 * the sheet frees its natives also when a frame fails.
 */
class PreviewSheetTest {
  private static final int W = 128;
  private static final int H = 72;
  private static final int CELL = 64;

  @TempDir Path dir;
  private final Map<String, byte[]> files = new HashMap<>();
  private SourceCache cache;

  @BeforeEach
  void images() throws IOException {
    for (Path image : List.of(TestMedia.patternImage(dir.resolve("a.png"), 480, 270, 40),
        TestMedia.patternImage(dir.resolve("b.png"), 180, 320, 200),
        TestMedia.patternImage(dir.resolve("c.png"), 400, 300, 120))) {
      files.put(image.toString(), Files.readAllBytes(image));
    }
    cache = new SourceCache(64L << 20, 1_000_000, uri -> files.get(uri));
  }

  @AfterEach
  void close() {
    cache.close();
  }

  private JobPlan plan(String json) {
    JobSpec spec = JobSpecParser.parse(json, dir.toString());
    Map<String, ImageInfo> images = new LinkedHashMap<>();
    spec.slides().forEach(s -> images.put(s.image(), ImageDecoder.probe(s.image(), files.get(s.image()), 1_000_000)));
    return JobPlanner.plan(spec, images, List.of(), "");
  }

  /** Every frame of the plan, rendered in one pass as a chunk is, each copied. */
  private List<YuvPlanes> renderAll(JobPlan plan) {
    List<YuvPlanes> frames = new java.util.ArrayList<>();
    try (ChunkRenderer renderer = new ChunkRenderer(W, H, cache)) {
      RenderedFrames.forEach(renderer, plan, 0, plan.frames(), frame -> frames.add(copy(frame)));
    }
    return frames;
  }

  private static YuvPlanes copy(YuvPlanes p) {
    return new YuvPlanes(p.width(), p.height(), clone(p.y()), p.yStride(), clone(p.cb()), p.cbStride(),
        clone(p.cr()), p.crStride());
  }

  private static ByteBuffer clone(ByteBuffer b) {
    return ByteBuffer.wrap(b.array().clone());
  }

  /** A frame decoded and reduced exactly as a cell is: the reference, drawn without the sheet. */
  private static byte[] asCell(YuvPlanes frame, ContactSheet.Geometry g) {
    try (Mat bgr = new Mat(); Mat cell = new Mat(g.cellHeight(), g.cellWidth(), CV_8UC3)) {
      new Bt709Decoder(frame.width(), frame.height()).decode(frame, bgr);
      ContactSheet.downscale(bgr, cell);
      return ImageDiff.bytes(cell);
    }
  }

  private static byte[] cellOf(Mat sheet, ContactSheet.Geometry g, int row, int column) {
    try (Rect rect = g.cell(row, column); Mat cell = new Mat(sheet, rect)) {
      return ImageDiff.bytes(cell);
    }
  }

  private static Mat decodePng(byte[] png) {
    try (BytePointer bytes = new BytePointer(png); Mat encoded = new Mat(1, png.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, bytes)) {
      return imdecode(encoded, IMREAD_COLOR);
    }
  }

  private static double meanDifference(byte[] a, byte[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return (double) sum / a.length;
  }

  @Test
  void cellsAreTheRenderersFramesExactly() {
    JobPlan plan = plan("""
        {"id":"three","output":"o.mp4","duration":1,"video":{"width":128,"height":72,"fps":30},
         "slides":[{"image":"a.png","seconds":0.3,"from":{"zoom":1,"x":0.3,"y":0.4},"to":{"zoom":2.5,"x":0.7,"y":0.6}},
                   {"image":"b.png","seconds":0.4,"fit":"contain","to":{"zoom":1.6,"x":0.5,"y":0.3}},
                   {"image":"c.png","easing":"ease-in-out","from":{"zoom":2},"to":{"zoom":1}}]}""");
    List<YuvPlanes> reference = renderAll(plan);
    List<SheetLayout.Row> rows = SheetLayout.rows(plan);
    ContactSheet.Geometry g = ContactSheet.Geometry.of(W, H, CELL, rows.size());
    byte[] png;
    try (PlanFrames frames = new PlanFrames(W, H, cache); Mat sheet = ContactSheet.draw(plan, frames, CELL)) {
      assertEquals(g.width(), sheet.cols());
      assertEquals(g.height(), sheet.rows());
      png = ContactSheet.png(sheet);
    }
    try (Mat sheet = decodePng(png)) { // what the file holds, lossless
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < 3; c++) {
          int frame = (int) rows.get(r).cells().get(c).frame();
          byte[] cell = cellOf(sheet, g, r, c);
          assertArrayEquals(asCell(reference.get(frame), g), cell, "row " + r + " cell " + c + " is frame " + frame);
          // and it is not a neighbour: every slide moves, so a frame off by one differs visibly
          int neighbour = c == 2 ? frame - 1 : frame + 1;
          double off = meanDifference(asCell(reference.get(neighbour), g), cell);
          assertTrue(off > 1, () -> "frame " + frame + " vs " + neighbour + " differ by only " + off);
        }
      }
    }
  }

  @Test
  void collapsedShowingsOfALoopAreIdenticalFrames() {
    // Cycle 0.3 + 0.2 s = 15 frames at 30 fps; 1.6 s = 48 frames: three cycles, then slide 1 cut to 3 frames.
    JobPlan plan = plan("""
        {"id":"loop","output":"o.mp4","duration":1.6,"loop":true,"video":{"width":128,"height":72,"fps":30},
         "slides":[{"image":"a.png","seconds":0.3,"to":{"zoom":2,"x":0.6,"y":0.5}},
                   {"image":"c.png","seconds":0.2,"from":{"zoom":1.5,"x":0.2},"to":{"zoom":1,"x":0.8}}]}""");
    List<SheetLayout.Row> rows = SheetLayout.rows(plan);
    assertEquals(List.of(3, 3, 1), rows.stream().map(SheetLayout.Row::showings).toList());
    List<YuvPlanes> reference = renderAll(plan);
    ContactSheet.Geometry g = ContactSheet.Geometry.of(W, H, CELL, rows.size());
    try (PlanFrames frames = new PlanFrames(W, H, cache); Mat sheet = ContactSheet.draw(plan, frames, CELL)) {
      for (int r = 0; r < rows.size(); r++) {
        SheetLayout.Row row = rows.get(r);
        for (int c = 0; c < 3; c++) {
          long offset = row.cells().get(c).frame() - row.segment().startFrame();
          byte[] cell = cellOf(sheet, g, r, c);
          int showings = 0;
          for (SlideSegment showing : plan.segments()) {
            if (showing.slideIndex() == row.segment().slideIndex() && showing.frames() == row.segment().frames()) {
              showings++;
              YuvPlanes frame = reference.get((int) (showing.startFrame() + offset));
              assertArrayEquals(asCell(frame, g), cell, "row " + r + " cell " + c + " at showing " + showing.startFrame());
            }
          }
          assertEquals(row.showings(), showings);
        }
      }
    }
  }

  /** A 4×4 frame: luma {@code y}, Cb 128, the given 2×2 Cr plane. */
  private static YuvPlanes frame(int y, int[] cr) {
    YuvPlanes p = YuvPlanes.allocate(4, 4);
    for (int i = 0; i < 16; i++) {
      p.y().put(i, (byte) y);
    }
    for (int i = 0; i < 4; i++) {
      p.cb().put(i, (byte) 128);
      p.cr().put(i, (byte) cr[i]);
    }
    return p;
  }

  private static byte[] pixel(Mat bgr, int x, int y) {
    byte[] all = ImageDiff.bytes(bgr);
    int at = 3 * (y * bgr.cols() + x);
    return new byte[] {all[at], all[at + 1], all[at + 2]};
  }

  private static byte[] flatPixel(int cr) {
    try (Mat out = new Mat()) {
      new Bt709Decoder(4, 4).decode(frame(126, new int[] {cr, cr, cr, cr}), out);
      return pixel(out, 0, 0);
    }
  }

  @Test
  void collapsedShowingsWithTransitionsAndFadesAreIdenticalFrames() {
    // Cycle 0.4 + 0.3 s = 21 frames; 2.5 s = 75 frames: crossfades of 4 frames at every seam, a fade-in and a
    // fade-out. Slide 0's first showing (no incoming window, faded in) and the last showings (faded out, cut)
    // stand alone; the middle showings collapse.
    JobPlan plan = plan("""
        {"id":"loop","output":"o.mp4","duration":2.5,"loop":true,"video":{"width":128,"height":72,"fps":30},
         "transition":{"type":"crossfade","seconds":0.133},"fadeIn":0.1,"fadeOut":0.1,
         "slides":[{"image":"a.png","seconds":0.4,"to":{"zoom":2,"x":0.6,"y":0.5}},
                   {"image":"c.png","seconds":0.3,"from":{"zoom":1.5,"x":0.2},"to":{"zoom":1,"x":0.8},
                    "transition":{"type":"fade-through-black","seconds":0.1}}]}""");
    List<SheetLayout.Row> rows = SheetLayout.rows(plan);
    assertEquals(plan.segments().size(), rows.stream().mapToInt(SheetLayout.Row::showings).sum());
    assertTrue(rows.size() < plan.segments().size(), "repeats collapse: " + rows.size() + " rows");
    List<YuvPlanes> reference = renderAll(plan);
    ContactSheet.Geometry g = ContactSheet.Geometry.of(W, H, CELL, rows.size());
    try (PlanFrames frames = new PlanFrames(W, H, cache); Mat sheet = ContactSheet.draw(plan, frames, CELL)) {
      int covered = 0;
      for (int r = 0; r < rows.size(); r++) {
        SheetLayout.Row row = rows.get(r);
        List<SlideSegment> same = showingsLike(plan, row);
        assertEquals(row.showings(), same.size(), "row " + r);
        covered += same.size();
        for (int c = 0; c < 3; c++) {
          long offset = row.cells().get(c).frame() - row.segment().startFrame();
          byte[] cell = cellOf(sheet, g, r, c);
          for (SlideSegment showing : same) {
            YuvPlanes frame = reference.get((int) (showing.startFrame() + offset));
            assertArrayEquals(asCell(frame, g), cell, "row " + r + " cell " + c + " at showing " + showing.startFrame());
          }
        }
      }
      assertEquals(plan.segments().size(), covered);
    }
  }

  /** The showings a row stands for. */
  private static List<SlideSegment> showingsLike(JobPlan plan, SheetLayout.Row row) {
    return plan.segments().stream().filter(s -> row.showingStarts().contains(s.startFrame())).toList();
  }

  @Test
  void chromaIsUpsampledAtTheLeftSiting() {
    Bt709Decoder decoder = new Bt709Decoder(4, 4);
    try (Mat out = new Mat()) {
      // rows: chroma row 0 = 128, row 1 = 208; luma rows take 128, ¾·128+¼·208, ¾·208+¼·128, 208
      decoder.decode(frame(126, new int[] {128, 128, 208, 208}), out);
      int[] rowsCr = {128, 148, 188, 208};
      for (int y = 0; y < 4; y++) {
        assertArrayEquals(flatPixel(rowsCr[y]), pixel(out, 1, y), "luma row " + y);
      }
      // columns: chroma column 0 = 100, column 1 = 160; luma columns take 100, mean 130, 160, 160 (edge)
      decoder.decode(frame(126, new int[] {100, 160, 100, 160}), out);
      int[] columnsCr = {100, 130, 160, 160};
      for (int x = 0; x < 4; x++) {
        assertArrayEquals(flatPixel(columnsCr[x]), pixel(out, x, 2), "luma column " + x);
      }
    }
  }

  @Test
  void decodesBt709LimitedRangeBackToTheColour() {
    Bt709Decoder decoder = new Bt709Decoder(4, 4);
    try (Mat out = new Mat()) {
      for (int[] bgr : MediaTestSupport.COLOURS) {
        double[] yuv = MediaTestSupport.bt709Limited(bgr);
        YuvPlanes p = YuvPlanes.allocate(4, 4);
        for (int i = 0; i < 16; i++) {
          p.y().put(i, (byte) Math.round(yuv[0]));
        }
        for (int i = 0; i < 4; i++) {
          p.cb().put(i, (byte) Math.round(yuv[1]));
          p.cr().put(i, (byte) Math.round(yuv[2]));
        }
        decoder.decode(p, out);
        byte[] got = pixel(out, 3, 3);
        for (int ch = 0; ch < 3; ch++) {
          // Y, Cb and Cr are rounded to whole steps (≤ 0.5 each), worth up to 1.6 levels of R, G or B
          assertEquals(bgr[ch], got[ch] & 0xff, 2, "colour " + java.util.Arrays.toString(bgr) + " channel " + ch);
        }
      }
      assertThrows(IllegalArgumentException.class, () -> decoder.decode(YuvPlanes.allocate(6, 4), out));
    }
  }

  @Test
  void aFrameThatFailsHalfWayFreesEverything() {
    JobPlan plan = plan("""
        {"id":"fails","output":"o.mp4","duration":0.5,"video":{"width":128,"height":72,"fps":30},
         "slides":[{"image":"a.png"},{"image":"b.png","fit":"contain"}]}""");
    try (PlanFrames frames = new PlanFrames(W, H, cache); Mat warm = ContactSheet.draw(plan, frames, CELL)) {
      ContactSheet.png(warm); // classes and the natives' one-time allocations in place
    }
    long baseline = Pointer.totalCount();
    for (int failAt : new int[] {1, 4, 6}) {
      int[] calls = {0};
      try (PlanFrames frames = new PlanFrames(W, H, cache)) {
        FrameSource failing = (p, index, target) -> {
          if (++calls[0] == failAt) {
            throw new IllegalStateException("disk full");
          }
          frames.renderFrame(p, index, target);
        };
        assertThrows(IllegalStateException.class, () -> ContactSheet.draw(plan, failing, CELL).close());
      }
    }
    assertEquals(baseline, Pointer.totalCount(), "native objects left for the garbage collector");
  }
}
