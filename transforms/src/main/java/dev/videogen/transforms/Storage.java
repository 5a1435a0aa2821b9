package dev.videogen.transforms;

import dev.videogen.media.BadInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Reading and writing through Beam {@link FileSystems} (local paths, s3://, gs://). FFmpeg and OpenCV only
 * ever see local copies or bytes, never a job's URI. Writes are atomic: data goes to a hidden temporary
 * name beside the target and is renamed (local: an atomic move; object stores: a copy, so the target key
 * appears only complete).
 */
public final class Storage {
  /** Larger inputs are refused rather than buffered (images are read into memory). */
  static final long MAX_IMAGE_BYTES = 512L << 20;

  private Storage() {}

  public static ResourceId resource(String uri) {
    return FileSystems.matchNewResource(uri, false);
  }

  /** Reads a whole (image) file; a missing or unreadable file is bad input naming it. */
  public static byte[] readBytes(String uri) {
    try {
      MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(uri);
      if (metadata.sizeBytes() > MAX_IMAGE_BYTES) {
        throw new BadInputException(uri, "file is " + metadata.sizeBytes() + " bytes, more than the limit of " + MAX_IMAGE_BYTES);
      }
      try (InputStream in = Channels.newInputStream(FileSystems.open(metadata.resourceId()))) {
        return in.readAllBytes();
      }
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new BadInputException(uri, "file not found");
    } catch (IOException e) {
      throw new BadInputException(uri, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Copies {@code uri} to a new local temporary file, which the caller deletes. */
  public static Path copyToLocal(String uri, String suffix) {
    Path local = null;
    try {
      MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(uri);
      local = Files.createTempFile("videogen-", suffix);
      try (InputStream in = Channels.newInputStream(FileSystems.open(metadata.resourceId()))) {
        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
      }
      return local;
    } catch (FileNotFoundException | NoSuchFileException e) {
      deleteQuietly(local);
      throw new BadInputException(uri, "file not found");
    } catch (IOException e) {
      deleteQuietly(local);
      throw new BadInputException(uri, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Writes a local file to {@code uri} atomically, replacing what is there. */
  public static void publish(Path local, String uri) throws IOException {
    ResourceId target = resource(uri);
    ResourceId temporary = target.getCurrentDirectory()
        .resolve(target.getFilename() + ".partial-" + UUID.randomUUID(), ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
    try {
      // The stream owns the channel and closes it once: closing Beam's S3 channel twice completes the
      // multipart upload twice, and the second completion fails.
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(temporary, MimeTypes.BINARY))) {
        Files.copy(local, out);
      }
      FileSystems.rename(List.of(temporary), List.of(target));
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw e;
    } catch (RuntimeException e) {
      // Object store clients report refusals (no such bucket, access denied) as unchecked exceptions.
      deleteQuietly(temporary);
      throw new IOException(e.getMessage(), e);
    }
  }

  /** True when {@code uri} names an existing file. */
  public static boolean exists(String uri) {
    try {
      return FileSystems.match(uri).status() == MatchResult.Status.OK
          && !FileSystems.match(uri).metadata().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  public static void delete(List<String> uris) throws IOException {
    List<ResourceId> resources = uris.stream().map(Storage::resource).toList();
    FileSystems.delete(resources, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  static void deleteQuietly(ResourceId resource) {
    try {
      FileSystems.delete(List.of(resource), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException ignored) {
      // best effort: the caller is already failing with the original error
    }
  }

  public static void deleteQuietly(Path local) {
    if (local != null) {
      try {
        Files.deleteIfExists(local);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless; the original outcome matters more
      }
    }
  }
}
