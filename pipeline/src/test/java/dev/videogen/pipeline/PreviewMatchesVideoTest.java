package dev.videogen.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.codec.MediaTestSupport;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.preview.Bt709Decoder;
import dev.videogen.media.preview.ContactSheet;
import dev.videogen.media.preview.SheetLayout;
import dev.videogen.media.render.ChunkRenderer;
import dev.videogen.media.render.SourceCache;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.ImageDiff;
import dev.videogen.testing.RenderedFrames;
import dev.videogen.testing.TestMedia;
import dev.videogen.transforms.PlanJobs;
import dev.videogen.transforms.RenderSettings;
import dev.videogen.transforms.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance check, from outside: {@code videogen preview} and {@code videogen render} of the same spec;
 * the final MP4 decoded by the bundled {@code ffmpeg} program; every contact sheet cell matches the video's
 * frame at its index (decoded and reduced the same way) within the encoder's loss, and no other frame
 * matches better. Without an encoder in between, the cells are exactly the renderer's frames.
 */
class PreviewMatchesVideoTest {
  private static final int W = 256;
  private static final int H = 144;
  private static final int CELL = 64;
  private static final int FRAMES = 30;

  @TempDir Path dir;

  private int videogen(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new VideogenCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args);
    assertEquals(0, status, () -> out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    return status;
  }

  @Test
  void contactSheetCellsMatchTheFinalVideosFrames() throws IOException {
    // Black and white discs and thin lines in every part of the images: neighbouring frames differ clearly,
    // and it is a worst case for the encoder (measured, worst cell: crf 18 MAD 2.57 / 37.0 dB, crf 23 MAD 3.88 /
    // 33.4 dB), hence crf 18 for the tolerance of MAD < 3 and PSNR > 35 dB.
    TestMedia.patternImage(dir.resolve("a.png"), 480, 270, 40);
    TestMedia.patternImage(dir.resolve("b.png"), 180, 320, 200);
    TestMedia.patternImage(dir.resolve("c.png"), 400, 300, 120);
    TestMedia.sineWav(dir.resolve("tone.wav"), 48000, 2, 48000); // 1 s: 30 frames
    Path spec = Files.writeString(dir.resolve("match.json"), """
        {"id":"match","output":"out/match.mp4","video":{"width":256,"height":144,"fps":30,"crf":18},
         "audio":[{"uri":"tone.wav"}], "transition":{"type":"crossfade","seconds":0.1}, "fadeIn":0.1,
         "slides":[{"image":"a.png","seconds":0.3,"from":{"zoom":1,"x":0.3,"y":0.4},"to":{"zoom":2.5,"x":0.7,"y":0.6}},
                   {"image":"b.png","seconds":0.4,"fit":"contain","to":{"zoom":1.6,"x":0.5,"y":0.3}},
                   {"image":"c.png","easing":"ease-in-out","from":{"zoom":2},"to":{"zoom":1}}]}""");
    String work = "--workLocation=" + dir.resolve("work");
    videogen("preview", spec.toString(), "--output=" + dir.resolve("preview"), "--cellWidth=" + CELL, work);
    videogen("render", spec.toString(), work);

    RenderSettings settings = RenderSettings.defaults(dir.resolve("work").toString()).withSourceCacheBytes(64L << 20);
    JobPlan plan = PlanJobs.plan(JobSpecParser.parse(Files.readString(spec), dir.toString()), settings);
    List<SheetLayout.Row> rows = SheetLayout.rows(plan);
    // slides [0, 9), [9, 21), [21, 30): first, ⌊(a + b − 1)/2⌋, last; crossfade windows of 3 frames
    // [8, 11) and [20, 23) blend frames 8, 9, 20 and 21, and frame 0 is faded in
    assertEquals(List.of(List.of(0L, 4L, 8L), List.of(9L, 14L, 20L), List.of(21L, 25L, 29L)),
        rows.stream().map(r -> r.cells().stream().map(SheetLayout.Cell::frame).toList()).toList());

    byte[] decoded = MediaTestSupport.run(List.of(MediaTestSupport.ffmpeg(), "-v", "error", "-i",
        dir.resolve("out/match.mp4").toString(), "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"));
    int frameBytes = W * H * 3 / 2;
    assertEquals(FRAMES * frameBytes, decoded.length, "the video has exactly the planned frames");
    List<byte[]> videoCells = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      videoCells.add(asCell(planes(decoded, i * frameBytes)));
    }
    List<byte[]> rendererCells = rendererCells(plan, settings);

    ContactSheet.Geometry g = ContactSheet.Geometry.of(W, H, CELL, rows.size());
    double worstMad = 0;
    double worstPsnr = Double.POSITIVE_INFINITY;
    try (Mat sheet = readPng(dir.resolve("preview/match-contact.png"))) {
      assertEquals(g.width(), sheet.cols());
      assertEquals(g.height(), sheet.rows());
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < 3; c++) {
          int frame = (int) rows.get(r).cells().get(c).frame();
          try (Rect rect = g.cell(r, c); Mat view = new Mat(sheet, rect);
              Mat cell = view.clone(); Mat video = cellMat(videoCells.get(frame))) {
            String where = "row " + r + " cell " + c + " (frame " + frame + ")";
            assertArrayEquals(rendererCells.get(frame), ImageDiff.bytes(cell), where + " is the renderer's frame");
            double mad = ImageDiff.meanAbsoluteDifference(cell, video);
            double psnr = ImageDiff.psnr(cell, video);
            assertTrue(mad < 3 && psnr > 35, where + ": MAD " + mad + ", PSNR " + psnr + " dB against the video");
            worstMad = Math.max(worstMad, mad);
            worstPsnr = Math.min(worstPsnr, psnr);
            assertEquals(frame, bestMatch(cell, videoCells), where + ": the video frame it resembles most");
          }
        }
      }
    }
    System.out.printf("preview cells vs decoded video: worst MAD %.3f, worst PSNR %.2f dB%n", worstMad, worstPsnr);

    // The decoder reads the frames as FFmpeg's own scaler does when told the stream's tags (BT.709, TV range,
    // left chroma siting). Measured: MAD 1.21 (its chroma filter is bicubic, ours bilinear; this pattern's
    // sharp colour edges are the worst case); BT.601 coefficients would give 5.5.
    byte[] scaled = MediaTestSupport.run(List.of(MediaTestSupport.ffmpeg(), "-v", "error", "-i",
        dir.resolve("out/match.mp4").toString(), "-vf",
        "scale=in_color_matrix=bt709:in_range=limited:out_range=full:in_chroma_loc=left"
            + ":flags=accurate_rnd+full_chroma_int+bitexact",
        "-f", "rawvideo", "-pix_fmt", "bgr24", "-"));
    assertEquals(FRAMES * W * H * 3, scaled.length);
    double worstFfmpeg = 0;
    try (Mat ours = new Mat(); Mat theirs = new Mat(H, W, CV_8UC3)) {
      Bt709Decoder decoder = new Bt709Decoder(W, H);
      for (int i = 0; i < FRAMES; i++) {
        decoder.decode(planes(decoded, i * frameBytes), ours);
        ByteBuffer buffer = theirs.createBuffer();
        buffer.put(scaled, i * W * H * 3, W * H * 3);
        worstFfmpeg = Math.max(worstFfmpeg, ImageDiff.meanAbsoluteDifference(ours, theirs));
      }
    }
    System.out.printf("our BT.709 decode vs ffmpeg's scaler, full frames: worst MAD %.3f%n", worstFfmpeg);
    assertTrue(worstFfmpeg < 1.5, "MAD " + worstFfmpeg + " against ffmpeg's conversion");
  }

  /** Frame i of raw yuv420p bytes as planes (views, no copy). */
  private static YuvPlanes planes(byte[] raw, int offset) {
    int cw = W / 2;
    int ch = H / 2;
    ByteBuffer all = ByteBuffer.wrap(raw);
    ByteBuffer y = all.slice(offset, W * H);
    ByteBuffer cb = all.slice(offset + W * H, cw * ch);
    ByteBuffer cr = all.slice(offset + W * H + cw * ch, cw * ch);
    return new YuvPlanes(W, H, y, W, cb, cw, cr, cw);
  }

  /** Decoded as a player would and reduced as the sheet does. */
  private static byte[] asCell(YuvPlanes frame) {
    ContactSheet.Geometry g = ContactSheet.Geometry.of(W, H, CELL, 1);
    try (Mat bgr = new Mat(); Mat cell = new Mat(g.cellHeight(), g.cellWidth(), CV_8UC3)) {
      new Bt709Decoder(W, H).decode(frame, bgr);
      ContactSheet.downscale(bgr, cell);
      return ImageDiff.bytes(cell);
    }
  }

  private static Mat cellMat(byte[] bytes) {
    ContactSheet.Geometry g = ContactSheet.Geometry.of(W, H, CELL, 1);
    Mat mat = new Mat(g.cellHeight(), g.cellWidth(), CV_8UC3);
    ByteBuffer buffer = mat.createBuffer();
    buffer.put(bytes);
    return mat;
  }

  private static int bestMatch(Mat cell, List<byte[]> candidates) {
    int best = -1;
    double bestMad = Double.POSITIVE_INFINITY;
    for (int i = 0; i < candidates.size(); i++) {
      try (Mat candidate = cellMat(candidates.get(i))) {
        double mad = ImageDiff.meanAbsoluteDifference(cell, candidate);
        if (mad < bestMad) {
          bestMad = mad;
          best = i;
        }
      }
    }
    return best;
  }

  /** Every frame straight from ChunkRenderer in one pass, as a chunk renders, decoded and reduced. */
  private static List<byte[]> rendererCells(JobPlan plan, RenderSettings settings) {
    List<byte[]> cells = new ArrayList<>();
    try (SourceCache cache = new SourceCache(settings.sourceCacheBytes(), settings.maxImagePixels(), Storage::readBytes);
        ChunkRenderer renderer = new ChunkRenderer(W, H, cache)) {
      RenderedFrames.forEach(renderer, plan, 0, plan.frames(), frame -> cells.add(asCell(frame)));
    }
    return cells;
  }

  private static Mat readPng(Path file) throws IOException {
    byte[] png = Files.readAllBytes(file);
    try (BytePointer bytes = new BytePointer(png); Mat encoded = new Mat(1, png.length, CV_8UC1, bytes)) {
      return imdecode(encoded, IMREAD_COLOR);
    }
  }
}
