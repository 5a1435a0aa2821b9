/**
 * Still-image probing and decoding: format sniffing from magic bytes, header-only dimension and EXIF
 * orientation reads, decompression-bomb and truncation checks, and a full decode to 8-bit BGR with the
 * orientation applied. Bad files become {@link dev.videogen.media.BadInputException}s that name the file.
 */
package dev.videogen.media.image;
