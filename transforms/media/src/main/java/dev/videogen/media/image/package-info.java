/**
 * Still-image probing and decoding: format sniffing from magic bytes, header-only dimension, orientation and
 * ICC profile reads, decompression-bomb and truncation checks, and a decode to 8-bit sRGB BGR with the
 * orientation applied (whole, or reduced for images too large to hold). Bad files become
 * {@link dev.videogen.media.BadInputException}s that name the file.
 */
package dev.videogen.media.image;
