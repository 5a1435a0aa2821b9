package dev.videogen.transforms;

import dev.videogen.media.render.SourceCache;

/**
 * The one {@link SourceCache} of a worker JVM, shared by every render DoFn instance in it and reference
 * counted: created by the first {@code @Setup}, closed by the last {@code @Teardown}. (Teardown is best
 * effort; the cache is bounded, so a missed close costs memory, never correctness.)
 */
final class SharedSourceCache {
  private static SourceCache cache;
  private static int users;

  private SharedSourceCache() {}

  static synchronized SourceCache acquire(RenderSettings settings) {
    if (cache == null) {
      cache = new SourceCache(settings.sourceCacheBytes(), settings.maxImagePixels(), Storage::readBytes);
    }
    users++;
    return cache;
  }

  static synchronized void release() {
    if (users > 0 && --users == 0) {
      cache.close();
      cache = null;
    }
  }
}
