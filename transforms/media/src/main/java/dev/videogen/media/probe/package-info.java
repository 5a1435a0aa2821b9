/**
 * Reading what a media file holds: streams, frame counts and durations ({@code videogen probe}), and the
 * header of a fast-start MP4 without its media data (for {@code --resume}).
 */
package dev.videogen.media.probe;
