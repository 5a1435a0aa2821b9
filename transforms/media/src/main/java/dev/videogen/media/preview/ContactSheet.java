package dev.videogen.media.preview;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.videogen.media.FrameRate;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.SlideSegment;
import dev.videogen.media.render.YuvPlanes;
import dev.videogen.media.spec.CameraPoint;
import java.math.BigDecimal;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws a plan's contact sheet: a header (job id, size, frame rate, frame count, duration), then one row per
 * distinct slide segment ({@link SheetLayout}) with its first, middle and last frame, each rendered by a
 * {@link FrameSource} (the real renderer), decoded to BGR as a player would ({@link Bt709Decoder}) and
 * reduced to the cell size with INTER_AREA ({@link #downscale}). Labels sit beside the cells, never on them,
 * so a cell's pixels are exactly the downscaled frame. One full-size frame is held at a time.
 */
public final class ContactSheet {
  public static final int DEFAULT_CELL_WIDTH = 320;
  private static final int FONT = FONT_HERSHEY_SIMPLEX;
  private static final double[] BACKGROUND = {30, 30, 30};
  private static final double[] TITLE = {255, 255, 255};
  private static final double[] TEXT = {225, 225, 225};
  private static final double[] DIM = {160, 160, 160};
  private static final double[] ACCENT = {90, 200, 255};
  private static final double[] FRAME_LINE = {85, 85, 85};

  private ContactSheet() {}

  /**
   * Where everything goes, for {@code rows} rows of frames of {@code frameWidth}×{@code frameHeight}, cells
   * {@code cellWidth} wide (at most the frame's width) and as high as keeps the frame's aspect ratio.
   */
  public record Geometry(int cellWidth, int cellHeight, int rows, double unit, int margin, int gap, int header,
      int rowTitle, int caption, int rowGap) {

    public static Geometry of(int frameWidth, int frameHeight, int cellWidth, int rows) {
      if (cellWidth < 1) {
        throw new IllegalArgumentException("cell width must be at least 1, was " + cellWidth);
      }
      int width = Math.min(cellWidth, frameWidth);
      int height = (int) Math.max(1, Math.round((double) width * frameHeight / frameWidth));
      // Text and spacing scale with the cells, so a sheet of small cells stays compact and one of large
      // cells stays readable.
      double unit = Math.max(0.5, width / (double) DEFAULT_CELL_WIDTH);
      return new Geometry(width, height, rows, unit, px(16, unit), px(12, unit), px(84, unit), px(30, unit),
          px(26, unit), px(16, unit));
    }

    private static int px(double size, double unit) {
      return (int) Math.round(size * unit);
    }

    public int width() {
      return 2 * margin + 3 * cellWidth + 2 * gap;
    }

    public int height() {
      return header + rows * rowHeight() + margin;
    }

    int rowHeight() {
      return rowTitle + cellHeight + caption + rowGap;
    }

    /** The cell of {@code row}, column {@code column} (0 first, 1 middle, 2 last). */
    public Rect cell(int row, int column) {
      return new Rect(margin + column * (cellWidth + gap), header + row * rowHeight() + rowTitle, cellWidth,
          cellHeight);
    }
  }

  /** The sheet as a BGR image, which the caller closes. */
  public static Mat draw(JobPlan plan, FrameSource frames, int cellWidth) {
    int width = plan.spec().video().width();
    int height = plan.spec().video().height();
    List<SheetLayout.Row> rows = SheetLayout.rows(plan);
    Geometry geometry = Geometry.of(width, height, cellWidth, rows.size());
    Mat sheet = new Mat(geometry.height(), geometry.width(), CV_8UC3);
    try (Scalar background = scalar(BACKGROUND); Mat frame = new Mat()) {
      sheet.put(background);
      YuvPlanes planes = YuvPlanes.allocate(width, height);
      Bt709Decoder decoder = new Bt709Decoder(width, height);
      drawHeader(sheet, plan, rows, geometry);
      for (int r = 0; r < rows.size(); r++) {
        SheetLayout.Row row = rows.get(r);
        drawRowTitle(sheet, plan, row, geometry, r);
        for (int c = 0; c < row.cells().size(); c++) {
          SheetLayout.Cell cell = row.cells().get(c);
          frames.renderFrame(plan, cell.frame(), planes);
          decoder.decode(planes, frame);
          try (Rect rect = geometry.cell(r, c); Mat target = new Mat(sheet, rect)) {
            drawCellFrame(sheet, rect);
            drawCaption(sheet, plan.fps(), row, cell, rect, geometry);
            downscale(frame, target); // last: no label or outline pixel may land on the frame
          }
        }
      }
      return sheet;
    } catch (RuntimeException | Error e) {
      sheet.close();
      throw e;
    }
  }

  /**
   * Reduces a full-size BGR frame into {@code cell} (a Mat of the cell's size, e.g. a view into the sheet)
   * with INTER_AREA: the one downscale the sheet uses, so tests compare frames reduced the same way.
   */
  public static void downscale(Mat frame, Mat cell) {
    try (Size size = new Size(cell.cols(), cell.rows())) {
      resize(frame, cell, size, 0, 0, INTER_AREA);
    }
  }

  /** The sheet as PNG bytes. */
  public static byte[] png(Mat sheet) {
    try (BytePointer encoded = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_PNG_COMPRESSION, 6)) {
      if (!imencode(".png", sheet, encoded, params)) {
        throw new IllegalStateException("imencode(.png) failed for a " + sheet.cols() + "x" + sheet.rows() + " sheet");
      }
      byte[] bytes = new byte[(int) encoded.limit()];
      encoded.get(bytes);
      return bytes;
    }
  }

  private static void drawHeader(Mat sheet, JobPlan plan, List<SheetLayout.Row> rows, Geometry g) {
    int x = g.margin();
    int maxWidth = sheet.cols() - 2 * g.margin();
    double u = g.unit();
    text(sheet, plan.id(), x, px(34, u), maxWidth, 0.95 * u, TITLE, thickness(2, u));
    FrameRate fps = plan.fps();
    String rate = fps.den() == 1 ? fps.toString() : number(Math.round(fps.value() * 1000) / 1000.0) + " (" + fps + ")";
    String video = String.format("%dx%d   %s fps   %d frames   %s", plan.spec().video().width(),
        plan.spec().video().height(), rate, plan.frames(), SheetLayout.timecode(plan.frames(), fps));
    text(sheet, video, x, px(58, u), maxWidth, 0.55 * u, TEXT, thickness(1, u));
    int slides = plan.spec().slides().size();
    String what = String.format("%d slide%s, %d showing%s, %d row%s: first / middle / last frame of each",
        slides, slides == 1 ? "" : "s", plan.segments().size(), plan.segments().size() == 1 ? "" : "s",
        rows.size(), rows.size() == 1 ? "" : "s");
    text(sheet, what, x, px(76, u), maxWidth, 0.45 * u, DIM, thickness(1, u));
  }

  private static void drawRowTitle(Mat sheet, JobPlan plan, SheetLayout.Row row, Geometry g, int r) {
    SlideSegment s = row.segment();
    FrameRate fps = plan.fps();
    double u = g.unit();
    int baseline = g.header() + r * g.rowHeight() + g.rowTitle() - px(9, u);
    int x = g.margin();
    int maxWidth = sheet.cols() - 2 * g.margin();
    String title = "slide " + (s.slideIndex() + 1);
    int used = text(sheet, title, x, baseline, maxWidth, 0.6 * u, ACCENT, thickness(2, u));
    StringBuilder detail = new StringBuilder();
    detail.append(fileName(s.image())).append("   ").append(SheetLayout.seconds(s.frames(), fps)).append(" s, ")
        .append(s.frames()).append(s.frames() == 1 ? " frame" : " frames");
    if (row.showings() > 1) {
      detail.append("   x").append(row.showings()).append(", first at ")
          .append(SheetLayout.timecode(s.startFrame(), fps));
    } else if (row.cut()) {
      detail.append("   last showing, cut, at ").append(SheetLayout.timecode(s.startFrame(), fps));
    }
    detail.append("   ").append(camera(s.from())).append(" -> ").append(camera(s.to())).append("  ")
        .append(s.easing().specName()).append(", ").append(s.fit().specName());
    int gap = px(12, u);
    text(sheet, detail.toString(), x + used + gap, baseline, maxWidth - used - gap, 0.45 * u, DIM, thickness(1, u));
  }

  private static void drawCellFrame(Mat sheet, Rect cell) {
    try (Point from = new Point(cell.x() - 1, cell.y() - 1);
        Point to = new Point(cell.x() + cell.width(), cell.y() + cell.height());
        Scalar colour = scalar(FRAME_LINE)) {
      rectangle(sheet, from, to, colour, 1, LINE_8, 0); // not anti-aliased: it stays outside the cell
    }
  }

  private static void drawCaption(Mat sheet, FrameRate fps, SheetLayout.Row row, SheetLayout.Cell cell, Rect rect,
      Geometry g) {
    double u = g.unit();
    int baseline = rect.y() + rect.height() + g.caption() - px(8, u);
    String label = "slide " + (row.segment().slideIndex() + 1) + "  " + cell.role().label() + "  "
        + SheetLayout.timecode(cell.frame(), fps);
    int used = text(sheet, label, rect.x(), baseline, rect.width(), 0.45 * u, TEXT, thickness(1, u));
    String number = "#" + cell.frame();
    try (Size size = getTextSize(number, FONT, 0.4 * u, thickness(1, u), (IntPointer) null)) {
      int right = rect.x() + rect.width() - size.width();
      if (right > rect.x() + used + px(8, u)) {
        text(sheet, number, right, baseline, size.width(), 0.4 * u, DIM, thickness(1, u));
      }
    }
  }

  /**
   * Draws {@code text} with its baseline at y, shrunk if it would be wider than {@code maxWidth}; returns the
   * width drawn.
   */
  private static int text(Mat sheet, String text, int x, int baseline, int maxWidth, double scale, double[] colour,
      int thickness) {
    if (maxWidth <= 0) {
      return 0;
    }
    double fitted = scale;
    int width;
    try (Size size = getTextSize(text, FONT, scale, thickness, (IntPointer) null)) {
      width = size.width();
    }
    if (width > maxWidth) {
      fitted = scale * maxWidth / width;
      try (Size size = getTextSize(text, FONT, fitted, thickness, (IntPointer) null)) {
        width = size.width();
      }
    }
    try (Point origin = new Point(x, baseline); Scalar c = scalar(colour)) {
      putText(sheet, text, origin, FONT, fitted, c, thickness, LINE_AA, false);
    }
    return width;
  }

  private static String camera(CameraPoint point) {
    return "zoom " + number(point.zoom()) + " (" + number(point.x()) + ", " + number(point.y()) + ")";
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String fileName(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  private static int px(double size, double unit) {
    return (int) Math.round(size * unit);
  }

  private static int thickness(int base, double unit) {
    return Math.max(1, (int) Math.round(base * unit));
  }

  private static Scalar scalar(double[] bgr) {
    return new Scalar(bgr[0], bgr[1], bgr[2], 0);
  }
}
