/**
 * Previews of a plan before the full render: the contact sheet (first, middle and last frame of each slide,
 * drawn by the real renderer and decoded as a player would) and its layout. No Beam.
 */
package dev.videogen.media.preview;
