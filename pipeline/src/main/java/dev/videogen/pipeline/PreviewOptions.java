package dev.videogen.pipeline;

import dev.videogen.media.preview.ContactSheet;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code videogen preview}'s own options, parsed with videogen's and Beam's; ranges are checked by the command. */
public interface PreviewOptions extends VideogenOptions {
  double DEFAULT_FPS = 6;
  double DEFAULT_SCALE = 0.25;

  @Description("Also render the whole job small and fast through the real pipeline: --previewScale of the size "
      + "(even, at least 16 px), at most --previewFps frames/s, ultrafast, crf 30.")
  @Default.Boolean(false)
  boolean getVideo();

  void setVideo(boolean value);

  @Description("Width of a contact sheet cell in pixels (16 to 3840; at most the video's width).")
  @Default.Integer(ContactSheet.DEFAULT_CELL_WIDTH)
  int getCellWidth();

  void setCellWidth(int value);

  @Description("Frame rate of the preview video, at most the job's (1 to 240).")
  @Default.Double(DEFAULT_FPS)
  double getPreviewFps();

  void setPreviewFps(double value);

  @Description("Size of the preview video as a fraction of the job's (0.01 to 1).")
  @Default.Double(DEFAULT_SCALE)
  double getPreviewScale();

  void setPreviewScale(double value);
}
