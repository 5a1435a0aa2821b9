package dev.videogen.media.audio;

import dev.videogen.media.LocalFiles;
import dev.videogen.media.codec.FFmpegLog;
import dev.videogen.media.codec.PacketFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Encodes a track's audio once, to AAC-LC 48 kHz stereo at 192 kb/s with FFmpeg's native {@code aac}
 * encoder, into a {@link PacketFile}.
 *
 * <p>The samples come from {@link PcmTrack} (decode, resample, fades, concatenation, exact cut or pad) and
 * are fed in frames of 1024 with pts counted in samples, to one encoder, streaming; or, when segmenting is
 * asked for and the track lasts {@link #MIN_SEGMENTED_SAMPLES} or more, in segments on several threads
 * ({@link SegmentedAacEncoder}), joined (one encoder after all if a seam does not join cleanly). Packets are
 * written with the encoder's own timestamps in its time base 1/48000: the first packet's pts is
 * {@code -initial_padding} (-1024, the AAC priming), and the last packet ends ({@code pts + duration}) at
 * exactly {@code totalSamples}. The packet file carries the codec parameters from
 * {@code avcodec_parameters_from_context} (AudioSpecificConfig extradata and {@code initial_padding} included).
 *
 * <p>Deterministic: the same clips and total give a byte-identical packet file, with any number of threads
 * (single-threaded encoders, {@code AV_CODEC_FLAG_BITEXACT}, segments fixed by the track's length). Memory is
 * flat in the track's length.
 */
public final class AudioTrackEncoder {
  public static final int SAMPLE_RATE = 48_000;
  public static final int CHANNELS = 2;
  public static final long BIT_RATE = 192_000;
  /**
   * How far below the requested true peak the limiter holds the samples it gives the AAC encoder: the
   * encoder's quantisation noise rides on the peaks (measured here: see AudioLoudnessOracleTest).
   */
  public static final double CODEC_HEADROOM_DB = 0.5;
  /**
   * Tracks shorter than 10 minutes are always encoded whole: their audio is rarely what a render waits for,
   * and not worth another encoding of their sound.
   */
  public static final long MIN_SEGMENTED_SAMPLES = 600L * SAMPLE_RATE;
  private static final System.Logger LOG = System.getLogger(AudioTrackEncoder.class.getName());

  private AudioTrackEncoder() {}

  /**
   * Decodes the clips in order, resamples each to 48 kHz stereo, applies each clip's fades, concatenates,
   * cuts or pads with silence to exactly {@code totalSamples} (48 kHz), encodes AAC-LC once and writes
   * {@code packetFile}. On failure no packet file is left behind.
   *
   * @throws dev.videogen.media.BadInputException if a clip cannot be decoded
   */
  public static EncodedAudio encode(List<AudioClip> clips, long totalSamples, Path packetFile) {
    return encode(clips, totalSamples, OptionalDouble.empty(), packetFile);
  }

  /**
   * As {@link #encode(List, long, Path)}; when {@code truePeak} (dBTP) is present, the mixed track goes
   * through a {@link TruePeakLimiter} first so that the encoded audio's true peak stays at or below it. The
   * limiter's ceiling is {@link #CODEC_HEADROOM_DB} lower: AAC's quantisation noise adds to the peaks it
   * is given. One encoder, whatever the track's length.
   */
  public static EncodedAudio encode(List<AudioClip> clips, long totalSamples, OptionalDouble truePeak,
      Path packetFile) {
    return encode(clips, totalSamples, truePeak, false, 1, packetFile);
  }

  /**
   * As {@link #encode(List, long, OptionalDouble, Path)}; with {@code segmented}, a track of
   * {@link #MIN_SEGMENTED_SAMPLES} or more is encoded in segments by up to {@code threads} encoders at a time
   * ({@link SegmentedAacEncoder}), and by one encoder if a seam does not join cleanly. The bytes depend on
   * {@code segmented}, never on {@code threads}.
   */
  public static EncodedAudio encode(List<AudioClip> clips, long totalSamples, OptionalDouble truePeak,
      boolean segmented, int threads, Path packetFile) {
    FFmpegLog.configure();
    if (totalSamples <= 0) {
      throw new IllegalArgumentException("totalSamples must be > 0: " + totalSamples);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    boolean complete = false;
    try {
      // A track without clips is silence, which the whole-track encoder repeats at no cost.
      EncodedAudio encoded = segmented && totalSamples >= MIN_SEGMENTED_SAMPLES && !clips.isEmpty()
          ? encodeInSegments(clips, totalSamples, truePeak, threads, packetFile)
          : encodeWhole(source(clips, totalSamples, truePeak), totalSamples, packetFile);
      complete = true;
      return encoded;
    } finally {
      if (!complete) {
        LocalFiles.deleteQuietly(packetFile);
      }
    }
  }

  private static EncodedAudio encodeInSegments(List<AudioClip> clips, long totalSamples, OptionalDouble truePeak,
      int threads, Path packetFile) {
    try {
      return SegmentedAacEncoder.encode(source(clips, totalSamples, truePeak), totalSamples,
          SegmentedAacEncoder.Layout.forTrack(totalSamples), threads, packetFile);
    } catch (SegmentedAacEncoder.SeamMismatch e) {
      LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; encoding the track with one encoder instead");
      return encodeWhole(source(clips, totalSamples, truePeak), totalSamples, packetFile);
    }
  }

  static PcmSource source(List<AudioClip> clips, long totalSamples, OptionalDouble truePeak) {
    PcmTrack track = new PcmTrack(clips, totalSamples);
    return truePeak.isPresent() ? new TruePeakLimiter(track, truePeak.getAsDouble() - CODEC_HEADROOM_DB) : track;
  }

  /**
   * One encoder over the whole track, streaming: frames of 1024 samples (the last one shorter), then a flush.
   * Where the track ends in digital silence (a job without audio, or padding after the last clip), the
   * encoder is fed until its packets repeat ({@link SilentTail}), and the rest of the track is that packet,
   * re-timed: the same bytes as encoding every frame of it, at no cost however long the silence. Closes
   * {@code source}.
   */
  static EncodedAudio encodeWhole(PcmSource source, long totalSamples, Path packetFile) {
    return encodeWhole(source, totalSamples, packetFile, true);
  }

  /** As {@link #encodeWhole(PcmSource, long, Path)}; without {@code repeatSilence}, every frame is encoded. */
  static EncodedAudio encodeWhole(PcmSource source, long totalSamples, Path packetFile, boolean repeatSilence) {
    try (PcmSource pcm = source; AacEncoder encoder = new AacEncoder();
        PacketFile.Writer writer = encoder.newPacketFile(packetFile)) {
      float[] left = new float[AacEncoder.FRAME];
      float[] right = new float[AacEncoder.FRAME];
      SilentTail tail = new SilentTail(writer);
      long pts = 0;
      int count;
      while ((count = fill(pcm, left, right)) > 0) {
        if (repeatSilence && pcm.silentToEnd()) {
          tail.silentFrom(pts + count);
        }
        encoder.encode(left, right, 0, count, pts, tail::write);
        pts += count;
        if (tail.steady()) {
          tail.repeatUntil(totalSamples);
          return new EncodedAudio(totalSamples, writer.packets());
        }
      }
      encoder.flush(tail::write);
      if (pts != totalSamples) {
        throw new IllegalStateException("encoded " + pts + " samples instead of " + totalSamples);
      }
      return new EncodedAudio(totalSamples, writer.packets());
    }
  }

  /** Reads a whole frame's worth of samples (fewer only at the end of the track); 0 at the end. */
  private static int fill(PcmSource pcm, float[] left, float[] right) {
    int filled = 0;
    while (filled < left.length) {
      int count = pcm.read(left, right, filled, left.length - filled);
      if (count < 0) {
        break;
      }
      filled += count;
    }
    return filled;
  }
}
