package dev.videogen.media.audio;

/** A stream of 48 kHz stereo float samples of a known length: {@link PcmTrack}, or a stage reading one. */
interface PcmSource extends AutoCloseable {
  /**
   * Fills {@code left[offset..]} and {@code right[offset..]} with the next samples: exactly
   * {@code min(length, remaining)} of them, returned, or -1 when the stream is complete.
   */
  int read(float[] left, float[] right, int offset, int length);

  /**
   * True when every sample still to come is digital silence (0.0), so an encoder may stop reading; false when
   * that is not known.
   */
  default boolean silentToEnd() {
    return false;
  }

  @Override
  void close();
}
