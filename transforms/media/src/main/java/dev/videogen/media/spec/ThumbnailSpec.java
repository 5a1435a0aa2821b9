package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * A poster image beside the video: the frame shown at {@code atMs} (null: the default frame, see
 * {@code dev.videogen.media.plan.Thumbnails}) as a PNG or JPEG.
 */
public record ThumbnailSpec(Long atMs, Format format) implements Serializable {
  public enum Format {
    JPEG("jpg"), PNG("png");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
      return extension;
    }
  }
}
