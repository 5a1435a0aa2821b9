package dev.videogen.transforms;

import dev.videogen.media.BadInputException;
import dev.videogen.media.LocalFiles;
import dev.videogen.media.spec.InputUris;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
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
 * ever see local files (a local input where it is, object storage copied first) or bytes, never a job's URI.
 * Writes are atomic: data goes to a temporary name beside the target and is renamed (local: an atomic
 * move; object stores: a copy, so the target key appears only complete).
 */
public final class Storage {
  /** Larger inputs are refused rather than buffered (images are read into memory). */
  static final long MAX_IMAGE_BYTES = 512L << 20;
  /** Infix of the temporary name a file is written under, beside its target, before the rename. */
  static final String PARTIAL = ".partial-";

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

  /**
   * {@code uri} as a local file for FFmpeg: the file itself when it is on the local disk (a multi-gigabyte
   * WAV or chunk is not copied), else a temporary copy that {@link LocalFile#close} deletes.
   */
  public static LocalFile openLocal(String uri, String suffix) {
    Path inPlace = localPath(uri);
    if (inPlace == null) {
      return new LocalFile(copyToLocal(uri, suffix), true);
    }
    if (!Files.isRegularFile(inPlace)) {
      throw new BadInputException(uri, Files.exists(inPlace) ? "not a regular file" : "file not found");
    }
    if (!Files.isReadable(inPlace)) {
      throw new BadInputException(uri, "cannot read: permission denied");
    }
    return new LocalFile(inPlace, false);
  }

  /** A local file handed out by {@link #openLocal}: closing deletes it only if it is a temporary copy. */
  public static final class LocalFile implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    private LocalFile(Path path, boolean temporary) {
      this.path = path;
      this.temporary = temporary;
    }

    public Path path() {
      return path;
    }

    @Override
    public void close() {
      if (temporary) {
        LocalFiles.deleteQuietly(path);
      }
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
      LocalFiles.deleteQuietly(local);
      throw new BadInputException(uri, "file not found");
    } catch (IOException e) {
      LocalFiles.deleteQuietly(local);
      throw new BadInputException(uri, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Moves a local file to {@code uri} atomically, replacing what is there; {@code local} is gone afterwards.
   * A local target is renamed into place (no copy when both are on one file system); object storage gets
   * a copy under a temporary key, renamed (copied) once complete.
   */
  public static void publish(Path local, String uri) throws IOException {
    Path localTarget = localPath(uri);
    if (localTarget != null) {
      moveIntoPlace(local, localTarget);
      return;
    }
    ResourceId target = resource(uri);
    ResourceId temporary = target.getCurrentDirectory()
        .resolve(target.getFilename() + PARTIAL + UUID.randomUUID(), ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
    try {
      // The stream owns the channel and closes it once: closing Beam's S3 channel twice completes the
      // multipart upload twice, and the second completion fails.
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(temporary, MimeTypes.BINARY))) {
        Files.copy(local, out);
      }
      FileSystems.rename(List.of(temporary), List.of(target));
      LocalFiles.deleteQuietly(local);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw e;
    } catch (RuntimeException e) {
      // Object store clients report refusals (no such bucket, access denied) as unchecked exceptions.
      deleteQuietly(temporary);
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Writes {@code text} as UTF-8 to {@code uri}, atomically as {@link #publish} does (a report, a small record). */
  public static void publishText(CharSequence text, String uri) throws IOException {
    Path local = Files.createTempFile("videogen-text-", ".tmp");
    try {
      Files.writeString(local, text, StandardCharsets.UTF_8);
      publish(local, uri);
    } finally {
      LocalFiles.deleteQuietly(local);
    }
  }

  /**
   * The move goes through a temporary name beside the target (between file systems a move is a copy, which
   * must never show at the target half-written), then one atomic rename.
   */
  private static void moveIntoPlace(Path local, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temporary = absolute.resolveSibling(absolute.getFileName() + PARTIAL + UUID.randomUUID());
    try {
      Files.move(local, temporary);
      if (Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
        // Temporary files are created owner-only; a published file gets what a new file usually has.
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      LocalFiles.deleteQuietly(temporary);
      throw e;
    }
  }

  /** The local path {@code uri} names (a plain path or a file: URI), or null for object storage. */
  static Path localPath(String uri) {
    String scheme = InputUris.schemeOf(uri);
    if (scheme == null) {
      return Path.of(uri);
    }
    return scheme.equals("file") ? Path.of(URI.create(uri)) : null;
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
}
