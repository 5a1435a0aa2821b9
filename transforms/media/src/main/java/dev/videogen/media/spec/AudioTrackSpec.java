package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * One audio track, played after the previous one; {@code uri} is already resolved. {@code crossfade} is the
 * track's own overlap with the track before it in seconds, or null when it takes the job's
 * {@code audioCrossfade}.
 */
public record AudioTrackSpec(String uri, double fadeIn, double fadeOut, Double crossfade) implements Serializable {

  /** A track without its own crossfade (spec v1). */
  public AudioTrackSpec(String uri, double fadeIn, double fadeOut) {
    this(uri, fadeIn, fadeOut, null);
  }

  /**
   * The record's own text, with {@code crossfade} only when set: {@link dev.videogen.media.plan.JobPlanner#specHash}
   * hashes this text, and a v1 track must keep the hash it had before the field existed.
   */
  @Override
  public String toString() {
    return "AudioTrackSpec[uri=" + uri + ", fadeIn=" + fadeIn + ", fadeOut=" + fadeOut
        + (crossfade == null ? "" : ", crossfade=" + crossfade) + "]";
  }
}
