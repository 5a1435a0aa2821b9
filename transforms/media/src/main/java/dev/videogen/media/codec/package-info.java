/**
 * Video encoding with libx264 (one closed-GOP chunk per encoder, drawn straight into its frame buffers) and
 * the packet file that carries an encoded stream between pipeline stages with exact timestamps.
 */
package dev.videogen.media.codec;
