/**
 * Chapters: where they start (from the audio tracks, the slides or the spec's list), YouTube's rules for
 * description timestamps, and the description text.
 */
package dev.videogen.media.chapters;
