package dev.videogen.media.mux;

/**
 * What {@link VideoAssembler#assemblePlaced} wrote, as read back from the finished file.
 *
 * @param frames video frames (packets) counted in the output
 * @param videoSeconds the video stream's duration
 * @param audioSeconds the audio stream's duration after the priming is trimmed; 0 without audio
 */
public record AssembledVideo(long frames, double videoSeconds, double audioSeconds) {}
