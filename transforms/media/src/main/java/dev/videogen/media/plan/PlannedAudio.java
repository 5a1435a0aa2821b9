package dev.videogen.media.plan;

import dev.videogen.media.audio.AudioTrackInfo;
import java.io.Serializable;

/**
 * One audio track of a plan with its exact decoded length, its overlap with the track before it
 * ({@code crossfadeSamples} at 48 kHz, 0 for none), its loudness-normalising gain (linear, 1 for none) and
 * the file's audio stream it plays ({@code stream}, counted among the file's audio streams; -1 for the one
 * av_find_best_stream picks).
 */
public record PlannedAudio(String uri, double fadeIn, double fadeOut, AudioTrackInfo info, long crossfadeSamples,
    double gain, int stream) implements Serializable {

  /** A track of the file's best audio stream. */
  public PlannedAudio(String uri, double fadeIn, double fadeOut, AudioTrackInfo info, long crossfadeSamples,
      double gain) {
    this(uri, fadeIn, fadeOut, info, crossfadeSamples, gain, -1);
  }

  /** A track played as it is, after the one before it. */
  public PlannedAudio(String uri, double fadeIn, double fadeOut, AudioTrackInfo info) {
    this(uri, fadeIn, fadeOut, info, 0, 1.0);
  }
}
