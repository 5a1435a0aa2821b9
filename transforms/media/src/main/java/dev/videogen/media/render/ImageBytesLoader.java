package dev.videogen.media.render;

import java.io.IOException;

/** Reads an image's bytes by its resolved URI (the Beam layer reads through FileSystems). */
@FunctionalInterface
public interface ImageBytesLoader {
  byte[] load(String uri) throws IOException;
}
