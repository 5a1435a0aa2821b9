package dev.videogen.media.image;

/** The still-image formats videogen accepts, recognised by their magic bytes (never by file extension). */
public enum ImageFormat {
  JPEG,
  PNG,
  WEBP,
  BMP,
  /** Baseline TIFF, 8 or 16 bits per sample; only the first page (IFD) of a multi-page file is shown. */
  TIFF,
  /** HEIC/HEIF: the primary image (HEVC, or a grid of HEVC tiles as iPhones write it). */
  HEIF,
  /** AVIF: the primary image (AV1, or a grid of AV1 tiles). */
  AVIF,
  /** GIF: the first frame of an animation. */
  GIF
}
