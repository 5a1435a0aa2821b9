package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * One layer of the job's {@code overlays} as written in the spec: exactly one of {@code text} (a fixed
 * string), {@code nowPlaying} (a line per audio track) — both drawn in {@code style} — or {@code image} (a
 * resolved URI, drawn {@code imageWidth} × {@code imageHeight}, either null to keep the picture's aspect
 * ratio, both null for its own pixel size); placed at {@code position}, timed by {@code timing}, at
 * {@code opacity} (0–1).
 */
public record OverlaySpec(String text, NowPlaying nowPlaying, TextStyle style, String image, Length imageWidth,
    Length imageHeight, Placement position, OverlayTiming timing, double opacity) implements Serializable {

  public boolean isImage() {
    return image != null;
  }

  public boolean isNowPlaying() {
    return nowPlaying != null;
  }
}
