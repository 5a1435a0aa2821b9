package dev.videogen.media.render;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.videogen.media.BadInputException;
import dev.videogen.media.image.ImageDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A bounded, thread-safe cache of prepared sources: an image decoded, colour-converted to sRGB and
 * EXIF-oriented once, pre-scaled with INTER_AREA to the sizes the slides need, and converted once per size to
 * planar YUV for the warp. Entries are leased: an entry in use is never freed; the least recently used unused
 * entries are freed when the cache is over its byte budget. Shared by every render DoFn in a JVM, so each
 * image is decoded once per worker, not once per chunk.
 *
 * <p>Large images: a pre-scaled size is made from the full-size decode, itself a cache entry, when that decode
 * (3 bytes a pixel) takes at most a quarter of the budget. A larger image (a panorama, a 100-megapixel scan)
 * is never held at full size for a smaller level: it is decoded as small as its format allows (a JPEG at 1/2,
 * 1/4 or 1/8 by libjpeg's DCT scaling, still at least the level's size), resized to the level at once and
 * the decode freed; such decodes run one at a time per cache. So memory stays within the budget plus one
 * transient decode (and the level being made): for a JPEG ceil(W/f)·ceil(H/f)·3 bytes, for other formats the
 * full image (at most the pixel limit × 3 bytes, plus the format's 16-bit or alpha planes while converting).
 */
public final class SourceCache implements AutoCloseable {
  private final long budgetBytes;
  private final long maxPixels;
  private final ImageBytesLoader loader;
  private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long usedBytes;
  private boolean closed;
  private long decodes;
  private long largestTransientBytes;
  /** Serialises the decodes of images too large for the cache, so at most one is in memory at a time. */
  private final Object largeDecode = new Object();

  public SourceCache(long budgetBytes, long maxPixels, ImageBytesLoader loader) {
    this.budgetBytes = budgetBytes;
    this.maxPixels = maxPixels;
    this.loader = loader;
  }

  /** A prepared source in use; close it when done. The Mat is read-only and valid until then. */
  public final class Lease implements AutoCloseable {
    private Entry entry;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    public Mat mat() {
      if (entry.mat == null) {
        throw new IllegalStateException("not a BGR lease");
      }
      return entry.mat;
    }

    public YuvImage yuv() {
      if (entry.yuv == null) {
        throw new IllegalStateException("not a YUV lease");
      }
      return entry.yuv;
    }

    @Override
    public void close() {
      if (entry != null) {
        release(entry);
        entry = null;
      }
    }
  }

  /**
   * Leases {@code uri} as a BGR image of exactly width×height: the decoded image itself when that is its
   * size ({@code orientedWidth}×{@code orientedHeight}, as probed), else the decoded image resized with
   * INTER_AREA.
   */
  public Lease acquire(String uri, int orientedWidth, int orientedHeight, int width, int height) {
    return acquire(new Key(uri, width, height, false), orientedWidth, orientedHeight);
  }

  /**
   * Leases {@code uri} at width×height as planar BT.709 YUV ({@link YuvImage}): converted once from the BGR
   * source of that size, then shared.
   */
  public Lease acquireYuv(String uri, int orientedWidth, int orientedHeight, int width, int height) {
    return acquire(new Key(uri, width, height, true), orientedWidth, orientedHeight);
  }

  private Lease acquire(Key key, int orientedWidth, int orientedHeight) {
    Entry entry;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("source cache is closed");
      }
      entry = entries.computeIfAbsent(key, Entry::new);
      entry.refs++;
    }
    try {
      synchronized (entry) {
        if (!entry.ready()) {
          if (key.yuv) {
            try (Lease bgr = acquire(key.uri, orientedWidth, orientedHeight, key.width, key.height)) {
              entry.yuv = YuvImage.fromBgr(bgr.mat());
            }
          } else {
            entry.mat = prepare(key, orientedWidth, orientedHeight);
          }
          account(entry);
        }
      }
    } catch (RuntimeException | Error e) {
      release(entry);
      throw e;
    }
    return new Lease(entry);
  }

  /** How many times an image was decoded (for tests and metrics). */
  public synchronized long decodes() {
    return decodes;
  }

  public synchronized long usedBytes() {
    return usedBytes;
  }

  /**
   * The largest decode made outside the cache for an image too large to hold (bytes of its 8-bit BGR result,
   * freed as soon as the level was made); 0 when there was none. For tests and metrics.
   */
  public synchronized long largestTransientBytes() {
    return largestTransientBytes;
  }

  private Mat prepare(Key key, int orientedWidth, int orientedHeight) {
    if (key.width == orientedWidth && key.height == orientedHeight) {
      return decode(key.uri, orientedWidth, orientedHeight);
    }
    if (3L * orientedWidth * orientedHeight > budgetBytes / 4) {
      return prepareLarge(key, orientedWidth, orientedHeight);
    }
    try (Lease full = acquire(key.uri, orientedWidth, orientedHeight, orientedWidth, orientedHeight)) {
      Mat scaled = new Mat();
      try (Size size = new Size(key.width, key.height)) {
        resize(full.mat(), scaled, size, 0, 0, INTER_AREA);
      } catch (RuntimeException e) {
        scaled.close();
        throw e;
      }
      return scaled;
    }
  }

  /** A level of an image too large to hold whole: decoded as small as the format allows, resized, freed. */
  private Mat prepareLarge(Key key, int orientedWidth, int orientedHeight) {
    synchronized (largeDecode) {
      byte[] bytes = readBytes(key.uri);
      try (Mat reduced = ImageDecoder.decodeAtLeast(key.uri, bytes, maxPixels, key.width, key.height)) {
        bytes = null; // the encoded file is not needed any more
        synchronized (this) {
          decodes++;
          largestTransientBytes = Math.max(largestTransientBytes, reduced.total() * reduced.elemSize());
        }
        // A reduced decode keeps the aspect ratio up to one pixel of rounding per side; else the file changed.
        long skew = Math.abs((long) reduced.cols() * orientedHeight - (long) reduced.rows() * orientedWidth);
        if (skew > orientedWidth + orientedHeight || reduced.cols() < key.width || reduced.rows() < key.height) {
          throw new BadInputException(key.uri, "changed since it was planned: now decodes to " + reduced.cols() + "x"
              + reduced.rows() + ", planned " + orientedWidth + "x" + orientedHeight);
        }
        Mat scaled = new Mat();
        try (Size size = new Size(key.width, key.height)) {
          resize(reduced, scaled, size, 0, 0, INTER_AREA);
        } catch (RuntimeException e) {
          scaled.close();
          throw e;
        }
        return scaled;
      }
    }
  }

  /** The bytes of {@code uri}, read through this cache's loader (not cached); a failed read names the file. */
  public byte[] readBytes(String uri) {
    try {
      return loader.load(uri);
    } catch (IOException e) {
      throw new BadInputException(uri, "cannot read: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new BadInputException(uri, "cannot read: " + e.getCause().getMessage(), e);
    }
  }

  /** The pixel limit images are decoded under. */
  public long maxPixels() {
    return maxPixels;
  }

  private Mat decode(String uri, int expectedWidth, int expectedHeight) {
    byte[] bytes = readBytes(uri);
    Mat mat = ImageDecoder.decode(uri, bytes, maxPixels);
    synchronized (this) {
      decodes++;
    }
    if (mat.cols() != expectedWidth || mat.rows() != expectedHeight) {
      int cols = mat.cols();
      int rows = mat.rows();
      mat.close();
      throw new BadInputException(uri, "changed since it was planned: now " + cols + "x" + rows
          + ", planned " + expectedWidth + "x" + expectedHeight);
    }
    return mat;
  }

  private synchronized void account(Entry entry) {
    entry.bytes = entry.mat != null ? entry.mat.total() * entry.mat.elemSize() : entry.yuv.bytes();
    usedBytes += entry.bytes;
    evictOverBudget();
  }

  private synchronized void release(Entry entry) {
    entry.refs--;
    if (entry.refs == 0 && (!entry.ready() || closed)) {
      // Failed to prepare (forget it, so a retry prepares again), or the cache closed while leased.
      entries.remove(entry.key, entry);
      usedBytes -= entry.bytes;
      entry.free();
      return;
    }
    evictOverBudget();
  }

  private void evictOverBudget() {
    List<Entry> victims = new ArrayList<>();
    Iterator<Entry> lru = entries.values().iterator();
    long used = usedBytes;
    while (used > budgetBytes && lru.hasNext()) {
      Entry candidate = lru.next();
      if (candidate.refs == 0 && candidate.ready()) {
        lru.remove();
        used -= candidate.bytes;
        victims.add(candidate);
      }
    }
    usedBytes = used;
    victims.forEach(Entry::free);
  }

  /** Frees every entry; leases still open keep their Mat until they close. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.refs == 0) {
        usedBytes -= entry.bytes;
        entry.free();
        it.remove();
      }
    }
  }

  private record Key(String uri, int width, int height, boolean yuv) {}

  private static final class Entry {
    final Key key;
    Mat mat;
    YuvImage yuv;
    long bytes;
    int refs;

    Entry(Key key) {
      this.key = key;
    }

    boolean ready() {
      return mat != null || yuv != null;
    }

    void free() {
      if (mat != null) {
        mat.close();
        mat = null;
      }
      yuv = null;
    }
  }
}
