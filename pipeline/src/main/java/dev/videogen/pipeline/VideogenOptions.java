package dev.videogen.pipeline;

import dev.videogen.transforms.FaultInjection;
import dev.videogen.transforms.RenderSettings;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/** videogen's settings; every Beam option (runner, parallelism, S3 endpoint …) passes through beside them. */
public interface VideogenOptions extends PipelineOptions, ObjectStorageOptions {
  @Description("Where to write the video (overrides the spec's \"output\"); a path, s3:// or gs:// URI.")
  String getOutput();

  void setOutput(String value);

  @Description("Where to write the JSON Lines report of a batch.")
  String getReport();

  void setReport(String value);

  @Description("Batch: skip jobs whose output exists and was rendered from the same spec (its hash is in the MP4).")
  @Default.Boolean(false)
  boolean getResume();

  void setResume(boolean value);

  @Description("Length of one render chunk in seconds: the unit of parallelism and of retry.")
  @Default.Double(RenderSettings.DEFAULT_CHUNK_SECONDS)
  double getChunkSeconds();

  void setChunkSeconds(double value);

  @Description("libx264 threads per chunk. Fixed, never derived from the core count, because x264's output "
      + "depends on it: the same value gives byte-identical videos on every runner.")
  @Default.Integer(RenderSettings.DEFAULT_ENCODER_THREADS)
  int getEncoderThreads();

  void setEncoderThreads(int value);

  @Description("Render each distinct chunk once and reuse it wherever it repeats (looped slides, and across the "
      + "jobs of a batch). The output is byte-identical either way; false renders every chunk.")
  @Default.Boolean(RenderSettings.DEFAULT_REUSE_CHUNKS)
  boolean getReuseChunks();

  void setReuseChunks(boolean value);

  @Description("Encode an audio track of 10 minutes or more in 87-s segments, each an element spread over the "
      + "runner's workers, each seam checked by decoding (one encoder instead if a seam is not clean). On by default: "
      + "seam frames are no worse than the rest (docs/BENCHMARKS-audio-seams.md). Off: one AAC encoder per track.")
  @Default.Boolean(RenderSettings.DEFAULT_SEGMENTED_AUDIO)
  boolean getSegmentedAudio();

  void setSegmentedAudio(boolean value);

  /** Ignored since a segmented track's segments became elements of their own (kept so old command lines run). */
  @Deprecated
  @Hidden
  @Description("Ignored: a segmented track's segments are spread over the runner's workers as elements.")
  @Default.Integer(0)
  int getAudioThreads();

  void setAudioThreads(int value);

  @Description("Folder (local, s3:// or gs://) for intermediate chunk and audio files; must be reachable by "
      + "every worker. Default: videogen-work under the system temporary folder.")
  @Default.InstanceFactory(WorkLocationFactory.class)
  String getWorkLocation();

  void setWorkLocation(String value);

  @Description("Images with more pixels than this are refused before decoding (decompression bombs).")
  @Default.Long(RenderSettings.DEFAULT_MAX_IMAGE_PIXELS)
  long getMaxImagePixels();

  void setMaxImagePixels(long value);

  @Description("Memory budget, in MiB, of each worker's cache of decoded and pre-scaled images.")
  @Default.Integer(RenderSettings.DEFAULT_SOURCE_CACHE_MEGABYTES)
  int getSourceCacheMegabytes();

  void setSourceCacheMegabytes(int value);

  @Description("Fault injection for testing recovery on a runner that retries (Flink); no-op by default. "
      + "failOnce:K makes chunk K of each job fail on its first attempt; stallOnce:K[:SECONDS] makes it wait "
      + "(default 300 s) so a test can kill its worker. The first attempt is recorded under <workLocation>/_faults.")
  @Default.String(FaultInjection.NONE)
  String getFaultInjection();

  void setFaultInjection(String value);

  @Description("After the run, write where its time went as JSON to this path (or s3:// / gs:// URI): JVM start "
      + "to pipeline start, the pipeline's wall time, each stage's work per element (count, sum, min, max in ms) "
      + "and the run's counters. What videogen bench --criticalPath models a job from.")
  String getTimings();

  void setTimings(String value);

  /** The system temporary folder's videogen-work. */
  final class WorkLocationFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "videogen-work").toString();
    }
  }
}
