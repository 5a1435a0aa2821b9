package dev.videogen.media.overlay;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The overlay shows of a plan (or the part a chunk needs), sorted by draw order and then start: a frame
 * draws every show containing it, lowest order first, over the finished picture (after transitions and
 * fades).
 */
public record Overlays(List<OverlayShow> shows) implements Serializable {
  public static final Overlays NONE = new Overlays(List.of());
  private static final Comparator<OverlayShow> DRAW_ORDER =
      Comparator.comparingInt(OverlayShow::order).thenComparingLong(OverlayShow::startFrame);

  public Overlays {
    List<OverlayShow> sorted = new ArrayList<>(shows);
    sorted.sort(DRAW_ORDER);
    shows = List.copyOf(sorted);
  }

  public boolean isEmpty() {
    return shows.isEmpty();
  }

  /** The shows that reach into frames [first, end). */
  public Overlays slice(long first, long end) {
    if (shows.isEmpty()) {
      return this;
    }
    List<OverlayShow> inside = new ArrayList<>();
    for (OverlayShow show : shows) {
      if (show.overlaps(first, end)) {
        inside.add(show);
      }
    }
    return inside.size() == shows.size() ? this : new Overlays(inside);
  }

  /** These shows and {@code more} (e.g. burnt-in captions), in draw order. */
  public Overlays plus(Overlays more) {
    if (more.isEmpty()) {
      return this;
    }
    List<OverlayShow> all = new ArrayList<>(shows);
    all.addAll(more.shows);
    return new Overlays(all);
  }
}
