package dev.videogen.media.spec;

/** What fixes a video's length. */
public enum DurationMode {
  /** Exactly as long as the decoded audio tracks together. */
  AUDIO,
  /** The sum of the slides' seconds; audio is cut or padded with silence. */
  SLIDES,
  /** A number of seconds given in the spec. */
  FIXED
}
