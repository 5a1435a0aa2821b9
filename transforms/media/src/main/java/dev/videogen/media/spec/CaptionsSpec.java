package dev.videogen.media.spec;

import java.io.Serializable;

/**
 * A caption file ({@code uri}, resolved; SRT or WebVTT) and its language as an ISO 639-2 code ({@code eng},
 * {@code deu}; {@code und} when the spec gives none). With {@code burnIn}, the cues are also drawn into the
 * picture (as text overlays, above every other), besides the soft subtitle track and the side files.
 */
public record CaptionsSpec(String uri, String language, boolean burnIn) implements Serializable {
  public static final String UNDETERMINED = "und";

  /** Soft captions only (the track and the side files). */
  public CaptionsSpec(String uri, String language) {
    this(uri, language, false);
  }

  /** The spec's text of these captions; {@code burnIn} only when set, so soft captions keep their hash. */
  @Override
  public String toString() {
    return "CaptionsSpec[uri=" + uri + ", language=" + language + (burnIn ? ", burnIn=true" : "") + "]";
  }
}
