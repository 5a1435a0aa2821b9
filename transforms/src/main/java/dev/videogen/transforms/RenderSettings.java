package dev.videogen.transforms;

import dev.videogen.media.codec.VideoEncoderSettings;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.spec.VideoSettings;
import java.io.Serializable;

/**
 * Settings outside the job spec that shape the rendering. Those that change the bytes (chunk length, encoder
 * threads) enter every job's spec hash through {@link #bytesKey()}, so chunk names stay truthful.
 *
 * @param workLocation folder (local or object storage) for intermediate chunk and audio files
 * @param chunkSeconds length of a render chunk
 * @param encoderThreads libx264 threads per chunk; fixed, never the core count (x264's output depends on it)
 * @param maxImagePixels images larger than this are refused before decoding
 * @param sourceCacheBytes budget of the per-worker cache of prepared sources
 * @param reuseChunks render each distinct chunk (by content key) once and reuse it at every position, in
 *     every job of the run; never changes the bytes, so it is not part of {@link #bytesKey()}
 * @param faultInjection a {@link FaultInjection} policy for tests of recovery ({@code none}: none)
 * @param segmentedAudio encode audio tracks of 10 minutes or more in segments, each an element of its own
 *     ({@link EncodeAudio}); changes the audio's bytes, which are never reused between runs, so it is not
 *     part of {@link #bytesKey()}
 */
public record RenderSettings(
    String workLocation, double chunkSeconds, int encoderThreads, long maxImagePixels, long sourceCacheBytes,
    boolean reuseChunks, String faultInjection, boolean segmentedAudio)
    implements Serializable {
  // The defaults, in one place: the command line's options (@Default) and its usage text read them from here.
  public static final double DEFAULT_CHUNK_SECONDS = 10;
  public static final int DEFAULT_ENCODER_THREADS = 1;
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 150_000_000L;
  public static final int DEFAULT_SOURCE_CACHE_MEGABYTES = 1024;
  public static final boolean DEFAULT_REUSE_CHUNKS = true;
  /**
   * On: the seam frames of segmented AAC are statistically no worse than the rest, on music, speech and noise
   * (docs/BENCHMARKS-audio-seams.md), and a long track's encoding then spreads over every worker.
   */
  public static final boolean DEFAULT_SEGMENTED_AUDIO = true;

  /** The default settings, with intermediate files under {@code workLocation}. */
  public static RenderSettings defaults(String workLocation) {
    return new RenderSettings(workLocation, DEFAULT_CHUNK_SECONDS, DEFAULT_ENCODER_THREADS, DEFAULT_MAX_IMAGE_PIXELS,
        (long) DEFAULT_SOURCE_CACHE_MEGABYTES << 20, DEFAULT_REUSE_CHUNKS, FaultInjection.NONE,
        DEFAULT_SEGMENTED_AUDIO);
  }

  public RenderSettings withChunkSeconds(double seconds) {
    return new RenderSettings(workLocation, seconds, encoderThreads, maxImagePixels, sourceCacheBytes, reuseChunks,
        faultInjection, segmentedAudio);
  }

  public RenderSettings withEncoderThreads(int threads) {
    return new RenderSettings(workLocation, chunkSeconds, threads, maxImagePixels, sourceCacheBytes, reuseChunks,
        faultInjection, segmentedAudio);
  }

  public RenderSettings withMaxImagePixels(long pixels) {
    return new RenderSettings(workLocation, chunkSeconds, encoderThreads, pixels, sourceCacheBytes, reuseChunks,
        faultInjection, segmentedAudio);
  }

  public RenderSettings withSourceCacheBytes(long bytes) {
    return new RenderSettings(workLocation, chunkSeconds, encoderThreads, maxImagePixels, bytes, reuseChunks,
        faultInjection, segmentedAudio);
  }

  public RenderSettings withReuseChunks(boolean reuse) {
    return new RenderSettings(workLocation, chunkSeconds, encoderThreads, maxImagePixels, sourceCacheBytes, reuse,
        faultInjection, segmentedAudio);
  }

  public RenderSettings withFaultInjection(String policy) {
    return new RenderSettings(workLocation, chunkSeconds, encoderThreads, maxImagePixels, sourceCacheBytes, reuseChunks,
        policy, segmentedAudio);
  }

  public RenderSettings withSegmentedAudio(boolean segmented) {
    return new RenderSettings(workLocation, chunkSeconds, encoderThreads, maxImagePixels, sourceCacheBytes, reuseChunks,
        faultInjection, segmented);
  }

  public RenderSettings {
    FaultInjection.parse(faultInjection); // a malformed policy fails here, not in the middle of a render
    if (!(chunkSeconds > 0)) {
      throw new IllegalArgumentException("chunkSeconds must be positive, was " + chunkSeconds);
    }
    if (encoderThreads < 1 || encoderThreads > 64) {
      throw new IllegalArgumentException("encoderThreads must be from 1 to 64, was " + encoderThreads);
    }
  }

  public String bytesKey() {
    return "chunkSeconds=" + chunkSeconds + ";encoderThreads=" + encoderThreads;
  }

  /** Frames per chunk for a plan's frame rate (at least one). */
  public long chunkFrames(JobPlan plan) {
    return Math.max(1, plan.fps().framesIn(chunkSeconds));
  }

  public VideoEncoderSettings encoderSettings(JobPlan plan) {
    VideoSettings video = plan.spec().video();
    // A keyframe every ~5 s keeps seeking in a long video quick; each chunk starts with its own IDR anyway.
    int keyframeInterval = (int) Math.max(1, video.fps().framesIn(5));
    return new VideoEncoderSettings(video.width(), video.height(), video.fps(), video.crf(), video.preset(),
        encoderThreads, keyframeInterval);
  }

  /** The folder of chunks shared between positions and jobs of one pipeline run ({@code runId}). */
  public String sharedChunkFolder(String runId) {
    return workLocation.replaceAll("/+$", "") + "/shared-chunks-" + runId;
  }

  /** The folder holding one job's intermediate files: unique per (job, spec hash). */
  public String jobWorkFolder(String jobId, String specHash) {
    return workLocation.replaceAll("/+$", "") + "/" + jobId + "-" + specHash.substring(0, 16);
  }
}
