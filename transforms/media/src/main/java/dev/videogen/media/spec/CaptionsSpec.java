package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * A caption file ({@code uri}, resolved; SRT or WebVTT) and its language as an ISO 639-2 code ({@code eng},
 * {@code deu}; {@code und} when the spec gives none).
 */
public record CaptionsSpec(String uri, String language) implements Serializable {
  public static final String UNDETERMINED = "und";
}
