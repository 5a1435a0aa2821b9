package dev.videogen.media.plan;

import dev.videogen.media.audio.AudioTrackInfo;
import java.io.Serializable;

/**
 * One audio track of a plan with its exact decoded length, its overlap with the track before it
 * ({@code crossfadeSamples} at 48 kHz, 0 for none) and its loudness-normalising gain (linear, 1 for none).
 */
public record PlannedAudio(String uri, double fadeIn, double fadeOut, AudioTrackInfo info, long crossfadeSamples,
    double gain) implements Serializable {

  /** A track played as it is, after the one before it. */
  public PlannedAudio(String uri, double fadeIn, double fadeOut, AudioTrackInfo info) {
    this(uri, fadeIn, fadeOut, info, 0, 1.0);
  }
}
