/** The Ken Burns camera: which part of the image each output frame shows, in exact real coordinates. */
package dev.videogen.media.camera;
