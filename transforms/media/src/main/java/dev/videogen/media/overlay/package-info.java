/**
 * Overlays drawn over the finished frame: the bundled font and its deterministic text layout and
 * rasteriser (pure Java, no system fonts, no JDK font rasteriser), overlay pictures with alpha, and the
 * resolved layers and timed shows a plan carries.
 */
package dev.videogen.media.overlay;
