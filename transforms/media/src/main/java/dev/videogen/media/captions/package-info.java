/**
 * Captions: SRT and WebVTT files parsed strictly into plain {@link dev.videogen.media.captions.Cue}s, written
 * back as sidecar SRT/WebVTT, and laid out as MP4 timed-text (mov_text / tx3g) samples.
 */
package dev.videogen.media.captions;
