/**
 * The audio track: {@link dev.videogen.media.audio.AudioProbe} measures a file exactly by decoding it,
 * {@link dev.videogen.media.audio.LoudnessNormaliser} measures a track's BS.1770-4 loudness in the same pass,
 * {@link dev.videogen.media.audio.PcmTrack} streams the clips as 48 kHz stereo float samples with their
 * fades and gains, concatenated or crossfaded and cut or padded to an exact length, and
 * {@link dev.videogen.media.audio.AudioTrackEncoder} encodes that once to AAC-LC into a packet file.
 * Files are opened through the {@code file} protocol only and must be real audio containers (a video file's
 * audio stream included: the video is never decoded); surround is downmixed by
 * {@link dev.videogen.media.audio.StereoDownmix}. No Beam here.
 */
package dev.videogen.media.audio;
