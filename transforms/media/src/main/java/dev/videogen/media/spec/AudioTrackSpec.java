package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * One audio track, played after the previous one; {@code uri} is already resolved. {@code crossfade} is the
 * track's own overlap with the track before it in seconds, or null when it takes the job's
 * {@code audioCrossfade}. {@code title} names the track's chapter (null: from the file's tags).
 */
public record AudioTrackSpec(String uri, double fadeIn, double fadeOut, Double crossfade, String title)
    implements Serializable {

  /** A track without its own crossfade (spec v1). */
  public AudioTrackSpec(String uri, double fadeIn, double fadeOut) {
    this(uri, fadeIn, fadeOut, null);
  }

  /** A track without a title of its own. */
  public AudioTrackSpec(String uri, double fadeIn, double fadeOut, Double crossfade) {
    this(uri, fadeIn, fadeOut, crossfade, null);
  }

  /**
   * The record's own text, with {@code crossfade} and {@code title} only when set: {@link dev.videogen.media.plan.JobPlanner#specHash}
   * hashes this text, and a v1 track must keep the hash it had before the field existed.
   */
  @Override
  public String toString() {
    return "AudioTrackSpec[uri=" + uri + ", fadeIn=" + fadeIn + ", fadeOut=" + fadeOut
        + (crossfade == null ? "" : ", crossfade=" + crossfade) + (title == null ? "" : ", title=" + title) + "]";
  }
}
