package dev.videogen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogen.transforms.RenderSettings;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The command line's videogen options reach the render settings. */
class VideogenPipelineTest {
  private static RenderSettings settings(String... args) {
    return VideogenPipeline.settings(PipelineOptionsFactory.fromArgs(args).as(VideogenOptions.class));
  }

  @Test
  void longAudioIsEncodedInSegmentsUnlessTurnedOff() {
    assertTrue(settings().segmentedAudio());
    assertFalse(settings("--segmentedAudio=false").segmentedAudio());
  }

  /** A command line of the days when a worker encoded a track's segments on threads still runs. */
  @Test
  void theRetiredAudioThreadsOptionIsAcceptedAndChangesNothing() {
    assertEquals(settings("--segmentedAudio"), settings("--segmentedAudio", "--audioThreads=3"));
  }

  @Test
  void everyVideogenOptionReachesTheSettings() {
    RenderSettings settings = settings("--workLocation=/w", "--chunkSeconds=4", "--encoderThreads=2",
        "--maxImagePixels=1000", "--sourceCacheMegabytes=3", "--reuseChunks=false", "--faultInjection=failOnce:1");
    assertEquals(RenderSettings.defaults("/w").withChunkSeconds(4).withEncoderThreads(2)
        .withMaxImagePixels(1000).withSourceCacheBytes(3L << 20).withReuseChunks(false).withFaultInjection("failOnce:1"), settings);
  }
}
