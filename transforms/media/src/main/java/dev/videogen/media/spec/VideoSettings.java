package dev.videogen.media.spec;

import dev.videogen.media.FrameRate;
import java.io.Serializable;

/** The output video's size, frame rate and libx264 quality settings. */
public record VideoSettings(int width, int height, FrameRate fps, int crf, String preset)
    implements Serializable {
  public static final int DEFAULT_WIDTH = 1920;
  public static final int DEFAULT_HEIGHT = 1080;
  public static final FrameRate DEFAULT_FPS = new FrameRate(30, 1);
  public static final int DEFAULT_CRF = 23;
  public static final String DEFAULT_PRESET = "veryfast";
}
