package dev.videogen.media.spec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The text of a "now playing" layer: per audio track, {@code template} with {@code {title}} and
 * {@code {artist}} filled in, or {@code fallback} when the template names a tag the track lacks. A track's
 * title is {@code titles[i]} when given, else its title tag, else its file name without the extension; its
 * artist is its artist tag.
 */
public record NowPlaying(String template, String fallback, List<String> titles) implements Serializable {
  public static final String DEFAULT_TEMPLATE = "{artist} — {title}";
  public static final String DEFAULT_FALLBACK = "{title}";

  public NowPlaying {
    titles = Collections.unmodifiableList(new ArrayList<>(titles)); // entries may be null
  }

  /** The line for one track; {@code title}/{@code artist} null or blank when the track has no such tag. */
  public String textFor(int track, String uri, String title, String artist) {
    String given = track < titles.size() ? titles.get(track) : null;
    String resolvedTitle = given != null ? given : present(title) ? title : fileStem(uri);
    String resolvedArtist = present(artist) ? artist : null;
    String chosen = template.contains("{artist}") && resolvedArtist == null ? fallback : template;
    return chosen.replace("{title}", resolvedTitle).replace("{artist}", resolvedArtist == null ? "" : resolvedArtist);
  }

  private static boolean present(String tag) {
    return tag != null && !tag.isBlank();
  }

  static String fileStem(String uri) {
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
