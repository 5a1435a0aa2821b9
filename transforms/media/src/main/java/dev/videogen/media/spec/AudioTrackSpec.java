package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * One audio track, played after the previous one; {@code uri} is already resolved. {@code crossfade} is the
 * track's own overlap with the track before it in seconds, or null when it takes the job's
 * {@code audioCrossfade}. {@code stream} is the file's audio stream to play, counted from 0 among its audio
 * streams, or {@link #BEST_STREAM} for the one FFmpeg's av_find_best_stream picks (the spec's default).
 * {@code title} names the track's chapter (null: from the file's tags).
 */
public record AudioTrackSpec(String uri, double fadeIn, double fadeOut, Double crossfade, int stream, String title)
    implements Serializable {
  public static final int BEST_STREAM = -1;

  public AudioTrackSpec {
    if (stream < BEST_STREAM) {
      throw new IllegalArgumentException("stream " + stream);
    }
  }

  /** A track without its own crossfade (spec v1). */
  public AudioTrackSpec(String uri, double fadeIn, double fadeOut) {
    this(uri, fadeIn, fadeOut, null);
  }

  /** A track of the file's best audio stream, without a title of its own. */
  public AudioTrackSpec(String uri, double fadeIn, double fadeOut, Double crossfade) {
    this(uri, fadeIn, fadeOut, crossfade, BEST_STREAM, null);
  }

  /** A track of audio stream {@code stream}, without a title of its own. */
  public AudioTrackSpec(String uri, double fadeIn, double fadeOut, Double crossfade, int stream) {
    this(uri, fadeIn, fadeOut, crossfade, stream, null);
  }

  /** A track of the file's best audio stream, with a chapter title (null: from the tags). */
  public AudioTrackSpec(String uri, double fadeIn, double fadeOut, Double crossfade, String title) {
    this(uri, fadeIn, fadeOut, crossfade, BEST_STREAM, title);
  }

  /**
   * The record's own text, with {@code crossfade}, {@code stream} and {@code title} only when set:
   * {@link dev.videogen.media.plan.JobPlanner#specHash} hashes this text, and a v1 track must keep the hash it
   * had before the fields existed.
   */
  @Override
  public String toString() {
    return "AudioTrackSpec[uri=" + uri + ", fadeIn=" + fadeIn + ", fadeOut=" + fadeOut
        + (crossfade == null ? "" : ", crossfade=" + crossfade)
        + (stream == BEST_STREAM ? "" : ", stream=" + stream)
        + (title == null ? "" : ", title=" + title) + "]";
  }
}
