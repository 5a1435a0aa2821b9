package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * When an overlay shows, in seconds: from {@code start} for {@code duration} (null: to the end), again every
 * {@code every} seconds (null: once), fading in and out over {@code fadeIn}/{@code fadeOut}. For a
 * "now playing" layer the times are relative to each track's stretch of the video.
 */
public record OverlayTiming(double start, Double duration, Double every, double fadeIn, double fadeOut)
    implements Serializable {
  public static final OverlayTiming ALWAYS = new OverlayTiming(0, null, null, 0, 0);
}
