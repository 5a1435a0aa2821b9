package dev.videogen.media.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.FrameRate;
import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.preview.SheetLayout.Cell;
import dev.videogen.media.preview.SheetLayout.Role;
import dev.videogen.media.preview.SheetLayout.Row;
import dev.videogen.media.spec.JobSpecParser;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

/** Which frames the contact sheet shows, how repeats collapse, how times read, and where cells sit. */
class PreviewLayoutTest {
  private static final Map<String, ImageInfo> IMAGES = Map.of(
      "/j/a.jpg", new ImageInfo(ImageFormat.JPEG, 640, 360, 1),
      "/j/b.png", new ImageInfo(ImageFormat.PNG, 360, 640, 1),
      "/j/c.png", new ImageInfo(ImageFormat.PNG, 800, 600, 1));

  private static JobPlan plan(String json) {
    return JobPlanner.plan(JobSpecParser.parse(json, "/j"), IMAGES, List.of(), "");
  }

  private static List<List<Long>> frames(List<Row> rows) {
    return rows.stream().map(r -> r.cells().stream().map(Cell::frame).toList()).toList();
  }

  @Test
  void threeSlidesGiveThreeRowsOfFirstMiddleLast() {
    // 1 s at 30 fps: slides of 0.3 s and 0.2 s, the third gets the remaining 0.5 s: [0,9) [9,15) [15,30).
    JobPlan plan = plan("""
        {"id":"three","output":"o.mp4","duration":1,"video":{"width":64,"height":36,"fps":30},
         "slides":[{"image":"a.jpg","seconds":0.3},{"image":"b.png","seconds":0.2},{"image":"c.png"}]}""");
    List<Row> rows = SheetLayout.rows(plan);
    assertEquals(3, rows.size());
    assertEquals(List.of(List.of(0L, 4L, 8L), List.of(9L, 11L, 14L), List.of(15L, 22L, 29L)), frames(rows));
    assertEquals(List.of(Role.FIRST, Role.MIDDLE, Role.LAST), rows.get(0).cells().stream().map(Cell::role).toList());
    assertEquals(List.of(0, 1, 2), rows.stream().map(r -> r.segment().slideIndex()).toList());
    assertTrue(rows.stream().allMatch(r -> r.showings() == 1 && !r.cut()));
    assertEquals("0:00:00.966", SheetLayout.timecode(29, plan.fps())); // 29/30 s, truncated
    assertEquals("0:00:00.500", SheetLayout.timecode(15, plan.fps()));
  }

  @Test
  void aLoopedJobCollapsesRepeatsIntoOneRowPerDistinctShowing() {
    // Cycle 2 + 3 + 1.5 = 6.5 s at 10 fps; 100 s = 15 whole cycles (97.5 s), slide 1 again (2 s), then slide
    // 2 cut to 0.5 s.
    JobPlan plan = plan("""
        {"id":"loop","output":"o.mp4","duration":100,"loop":true,"video":{"width":64,"height":36,"fps":10},
         "slides":[{"image":"a.jpg","seconds":2},{"image":"b.png","seconds":3},{"image":"c.png","seconds":1.5}]}""");
    assertEquals(47, plan.segments().size());
    List<Row> rows = SheetLayout.rows(plan);
    assertEquals(4, rows.size(), "three slides plus the cut last showing, not 47 rows");
    assertEquals(List.of(0, 1, 2, 1), rows.stream().map(r -> r.segment().slideIndex()).toList());
    assertEquals(List.of(16, 15, 15, 1), rows.stream().map(Row::showings).toList());
    assertEquals(List.of(false, false, false, true), rows.stream().map(Row::cut).toList());
    // first showings: slide 1 at 0 s, slide 2 at 2 s, slide 3 at 5 s; the cut one at 99.5 s
    assertEquals(List.of(List.of(0L, 9L, 19L), List.of(20L, 34L, 49L), List.of(50L, 57L, 64L),
        List.of(995L, 997L, 999L)), frames(rows));
    assertEquals("0:01:39.500", SheetLayout.timecode(rows.get(3).segment().startFrame(), plan.fps()));
  }

  @Test
  void showingsOfOtherLengthsGetTheirOwnRow() {
    // 0.35 s at 10 fps: starts at 0, 0.35, 0.7, 1.05 … round to frames 0, 4, 7, 11, 14: lengths 4, 3, 4, 3 …
    // Different lengths mean different camera steps, so they are not collapsed.
    JobPlan plan = plan("""
        {"id":"odd","output":"o.mp4","duration":2.1,"loop":true,"video":{"width":64,"height":36,"fps":10},
         "slides":[{"image":"a.jpg","seconds":0.35}]}""");
    List<Row> rows = SheetLayout.rows(plan);
    assertEquals(List.of(4L, 3L), rows.stream().map(r -> r.segment().frames()).toList());
    assertEquals(List.of(3, 3), rows.stream().map(Row::showings).toList());
    assertFalse(rows.get(1).cut(), "a regular shorter showing is not the cut last one");
  }

  @Test
  void middleFrameIsTheLowerMiddle() {
    assertEquals(5, SheetLayout.middleFrame(5, 6)); // one frame: first = middle = last
    assertEquals(5, SheetLayout.middleFrame(5, 7));
    assertEquals(6, SheetLayout.middleFrame(5, 8));
    assertEquals(6, SheetLayout.middleFrame(5, 9));
  }

  @Test
  void timecodesAreExactOnTheFrameGrid() {
    FrameRate thirty = new FrameRate(30, 1);
    assertEquals("2:01:01.500", SheetLayout.timecode(30L * (2 * 3600 + 61) + 15, thirty));
    assertEquals("27:46:40.000", SheetLayout.timecode(30L * 100_000, thirty)); // hours are not bounded
    FrameRate ntsc = new FrameRate(30000, 1001);
    assertEquals("0:00:00.033", SheetLayout.timecode(1, ntsc));
    assertEquals("0:16:41.000", SheetLayout.timecode(30000, ntsc)); // 30000 × 1001/30000 s
    assertEquals("0:00:00.000", SheetLayout.timecode(0, ntsc));
    assertEquals("8.5", SheetLayout.seconds(255, thirty));
    assertEquals("12", SheetLayout.seconds(360, thirty));
  }

  @Test
  void cellsSitSideBySideInsideTheSheetAndKeepTheAspectRatio() {
    ContactSheet.Geometry g = ContactSheet.Geometry.of(1280, 720, 320, 5);
    assertEquals(320, g.cellWidth());
    assertEquals(180, g.cellHeight());
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 3; c++) {
        try (Rect cell = g.cell(r, c)) {
          assertTrue(cell.x() > 0 && cell.y() > g.header() && cell.x() + cell.width() < g.width()
              && cell.y() + cell.height() < g.height(), "inside, with room for its outline");
          if (c > 0) {
            try (Rect left = g.cell(r, c - 1)) {
              assertTrue(left.x() + left.width() + 2 <= cell.x(), "apart");
              assertEquals(left.y(), cell.y());
            }
          }
          if (r > 0) {
            try (Rect above = g.cell(r - 1, c)) {
              assertTrue(above.y() + above.height() + g.caption() <= cell.y(), "room for the caption");
            }
          }
        }
      }
    }
    ContactSheet.Geometry small = ContactSheet.Geometry.of(128, 72, 320, 1);
    assertEquals(128, small.cellWidth(), "never wider than the frame");
    assertEquals(72, small.cellHeight());
    assertEquals(27, ContactSheet.Geometry.of(64, 36, 48, 1).cellHeight());
    assertThrows(IllegalArgumentException.class, () -> ContactSheet.Geometry.of(64, 36, 0, 1));
  }
}
