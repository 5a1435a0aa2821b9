/**
 * The media core: job spec, plan, camera path, OpenCV renderer and FFmpeg encoder and muxer. Nothing under
 * this package imports Beam, so it can be tested and benchmarked alone.
 */
package dev.videogen.media;
