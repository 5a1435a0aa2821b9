package dev.videogen.media.spec;

import java.io.Serializable;

/** One audio track, played after the previous one; {@code uri} is already resolved. */
public record AudioTrackSpec(String uri, double fadeIn, double fadeOut) implements Serializable {}
