/**
 * The Beam side of videogen: PTransforms and DoFns that wrap the media core. Elements are small descriptors
 * (plans, chunk ranges, file URIs); pixels never cross a shuffle.
 */
package dev.videogen.transforms;
