package dev.videogen.media.plan;

import dev.videogen.media.audio.AudioTrackInfo;
import java.io.Serializable;

/** One audio track of a plan with its exact decoded length. */
public record PlannedAudio(String uri, double fadeIn, double fadeOut, AudioTrackInfo info) implements Serializable {}
