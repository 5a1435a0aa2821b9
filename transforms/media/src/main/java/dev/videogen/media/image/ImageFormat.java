package dev.videogen.media.image;

/** The still-image formats videogen accepts, recognised by their magic bytes (never by file extension). */
public enum ImageFormat {
  JPEG,
  PNG,
  WEBP,
  BMP,
  /** Baseline TIFF, 8 or 16 bits per sample; only the first page (IFD) of a multi-page file is shown. */
  TIFF
}
