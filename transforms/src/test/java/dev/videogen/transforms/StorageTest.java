package dev.videogen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.media.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local storage: inputs used where they are, outputs moved into place whole (object storage: the pipeline module's ObjectStorageTest). */
class StorageTest {
  @TempDir Path folder;

  @Test
  void aLocalInputIsUsedInPlaceAndSurvivesClose() throws IOException {
    Path audio = Files.writeString(folder.resolve("song.wav"), "pcm");
    try (Storage.LocalFile local = Storage.openLocal(audio.toString(), ".audio")) {
      assertEquals(audio, local.path());
    }
    try (Storage.LocalFile local = Storage.openLocal(audio.toUri().toString(), ".audio")) {
      assertEquals(audio, local.path());
    }
    assertEquals("pcm", Files.readString(audio));
  }

  @Test
  void aMissingLocalInputIsBadInputNamingIt() {
    String missing = folder.resolve("missing.wav").toString();
    BadInputException e = assertThrows(BadInputException.class, () -> Storage.openLocal(missing, ".audio"));
    assertEquals(missing + ": file not found", e.getMessage());
    String directory = folder.toString();
    e = assertThrows(BadInputException.class, () -> Storage.openLocal(directory, ".audio"));
    assertEquals(directory + ": not a regular file", e.getMessage());
  }

  @Test
  void publishingLocallyMovesTheFileIntoPlaceReplacingTheOldOne() throws IOException {
    Path target = folder.resolve("out/nested/video.mp4");
    Path first = Files.writeString(Files.createTempFile(folder, "render-", ".tmp"), "first");
    Storage.publish(first, target.toString());
    Path second = Files.writeString(Files.createTempFile(folder, "render-", ".tmp"), "second");
    Storage.publish(second, target.toUri().toString());

    assertEquals("second", Files.readString(target));
    assertFalse(Files.exists(first));
    assertFalse(Files.exists(second));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList(), "nothing but the published file, no temporary left");
    }
    // Temporary files are owner-only; the published one is readable as any new file.
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void aFailedLocalPublishLeavesNoTemporaryBehind() throws IOException {
    Path target = folder.resolve("video.mp4");
    Files.createDirectory(target); // a directory with content cannot be replaced by a file
    Files.writeString(target.resolve("keep"), "x");
    Path local = Files.writeString(Files.createTempFile(folder, "render-", ".tmp"), "video");

    assertThrows(IOException.class, () -> Storage.publish(local, target.toString()));
    try (Stream<Path> files = Files.list(folder)) {
      assertTrue(files.noneMatch(file -> file.getFileName().toString().contains(Storage.PARTIAL)));
    }
    assertTrue(Files.isDirectory(target));
  }
}
