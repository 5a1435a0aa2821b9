package dev.videogen.media.image;

/** The still-image formats videogen accepts, recognised by their magic bytes (never by file extension). */
public enum ImageFormat {
  JPEG,
  PNG,
  WEBP,
  BMP
}
