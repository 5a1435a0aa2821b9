/**
 * Assembly of a video: encoded chunks placed on the global frame grid by packet copy, the audio muxed beside
 * them, written as a fast-start MP4 under a temporary name and verified before it is moved into place.
 */
package dev.videogen.media.mux;
