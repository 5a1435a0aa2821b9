/**
 * Ken Burns rendering: prepared sources cached per JVM (decoded and pre-scaled with OpenCV, converted once to
 * BT.709 planes), frames resampled by a separable kernel straight into the encoder's yuv420p buffers.
 */
package dev.videogen.media.render;
