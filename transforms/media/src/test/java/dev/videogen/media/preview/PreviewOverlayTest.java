package dev.videogen.media.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.videogen.media.image.ImageFormat;
import dev.videogen.media.image.ImageInfo;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview draws through the renderer, so its frames show the overlays at the frames they are shown. */
class PreviewOverlayTest {
  @TempDir Path dir;

  @Test
  void previewFramesShowTheOverlaysOfTheirFrame() {
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    TestMedia.logoPng(dir.resolve("logo.png"));
    String base = dir.toString();
    JobPlan plan = JobPlanner.plan(JobSpecParser.parse("""
        {"id":"p","output":"o.mp4","video":{"width":64,"height":36,"fps":10},"duration":2,
         "slides":[{"image":"a.png"}],
         "overlays":[{"image":{"uri":"logo.png"},"position":{"anchor":"top-left"},"start":1}]}""", base),
        Map.of(base + "/a.png", new ImageInfo(ImageFormat.PNG, 96, 54, 1)), List.of(), "");
    YuvPlanes before = YuvPlanes.allocate(64, 36);
    YuvPlanes after = YuvPlanes.allocate(64, 36);
    try (SourceCache cache = new SourceCache(16L << 20, 1_000_000, uri -> Files.readAllBytes(Path.of(uri)));
        PlanFrames frames = new PlanFrames(64, 36, cache)) {
      frames.renderFrame(plan, 9, before);
      frames.renderFrame(plan, 10, after);
    }
    assertNotEquals(63, before.y().get(2 * 64 + 1) & 0xff);
    assertEquals(63, after.y().get(2 * 64 + 1) & 0xff); // the logo's opaque red, from frame 10 on
    assertEquals(240, after.cr().get(32 + 1) & 0xff);
  }
}
