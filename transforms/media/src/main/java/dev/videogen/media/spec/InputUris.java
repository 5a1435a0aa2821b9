package dev.videogen.media.spec;

import dev.videogen.media.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the paths and URIs a job file names, and refuses every scheme videogen does not read through its
 * own file systems. FFmpeg never sees a job's URI: a {@code concat:}, {@code http:} or {@code data:} URI
 * handed to it would make it open other files or the network by itself.
 */
public final class InputUris {
  /** Schemes read through Beam FileSystems; everything else is refused. */
  public static final Set<String> ALLOWED_SCHEMES = Set.of("file", "s3", "gs");

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private InputUris() {}

  /** The scheme of {@code uri} in lower case, or null for a plain path. */
  public static String schemeOf(String uri) {
    Matcher matcher = SCHEME.matcher(uri);
    return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** The folder holding {@code uri}, the base against which a spec's relative paths resolve. */
  public static String folderOf(String uri) {
    String scheme = schemeOf(uri);
    if (scheme == null) {
      Path parent = Path.of(uri).toAbsolutePath().normalize().getParent();
      return parent == null ? "/" : parent.toString();
    }
    int slash = uri.lastIndexOf('/');
    int root = uri.indexOf("://") + 3;
    return slash >= root ? uri.substring(0, slash) : uri;
  }

  /**
   * Resolves {@code value} (from spec field {@code field}) against {@code baseFolder}. Throws naming the
   * field when the value is empty or uses a scheme that is not allowed.
   */
  public static String resolve(String baseFolder, String value, String field) {
    if (value == null || value.isBlank()) {
      throw new BadInputException(field, "must be a non-empty path or URI");
    }
    if (value.indexOf('\0') >= 0 || value.chars().anyMatch(c -> c < 0x20)) {
      throw new BadInputException(field, "contains control characters");
    }
    String scheme = schemeOf(value);
    if (scheme != null) {
      if (!ALLOWED_SCHEMES.contains(scheme)) {
        throw new BadInputException(
            field,
            "URI scheme '" + scheme + ":' is not allowed (use a local path, file:, s3:// or gs://): " + value);
      }
      if (scheme.equals("file")) {
        try {
          return Path.of(new URI(value)).normalize().toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new BadInputException(field, "not a valid file: URI: " + value);
        }
      }
      if (!value.startsWith(scheme + "://") || value.length() <= scheme.length() + 3) {
        throw new BadInputException(field, "not a valid " + scheme + ":// URI: " + value);
      }
      return value;
    }
    if (value.startsWith("/")) {
      return Path.of(value).normalize().toString();
    }
    String baseScheme = schemeOf(baseFolder);
    if (baseScheme == null) {
      return Path.of(baseFolder).resolve(value).normalize().toString();
    }
    // Object storage: normalise "." and ".." within the key, never above the bucket.
    int root = baseFolder.indexOf('/', baseScheme.length() + 3);
    String bucket = root < 0 ? baseFolder : baseFolder.substring(0, root);
    String keyFolder = root < 0 ? "" : baseFolder.substring(root);
    String key = Path.of("/" + keyFolder).resolve(value).normalize().toString();
    return bucket + key;
  }
}
