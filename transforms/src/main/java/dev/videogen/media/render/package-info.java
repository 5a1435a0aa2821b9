/** Ken Burns rendering with OpenCV: prepared sources cached per JVM, frames warped into reused buffers. */
package dev.videogen.media.render;
