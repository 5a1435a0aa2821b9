package dev.videogen.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers for the local temporary files every stage makes. */
public final class LocalFiles {
  private LocalFiles() {}

  /**
   * Deletes {@code file} if it exists (null: nothing), ignoring failure: called in cleanup, where a leftover
   * temporary file is harmless and the outcome being reported matters more.
   */
  public static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // see above
    }
  }
}
