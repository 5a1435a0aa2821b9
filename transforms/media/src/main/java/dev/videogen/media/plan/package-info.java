/** From a validated spec and probed inputs to a plan: frame count, slide frame ranges, chunks. */
package dev.videogen.media.plan;
