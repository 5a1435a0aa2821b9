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
  void audioIsEncodedWholeUnlessSegmentsAreAskedFor() {
    RenderSettings defaults = settings();
    assertFalse(defaults.segmentedAudio());
    assertEquals(0, defaults.audioThreads());
    assertEquals(Math.min(4, Runtime.getRuntime().availableProcessors()), defaults.audioThreadsHere());

    RenderSettings segmented = settings("--segmentedAudio", "--audioThreads=3");
    assertTrue(segmented.segmentedAudio());
    assertEquals(3, segmented.audioThreadsHere());
  }

  @Test
  void everyVideogenOptionReachesTheSettings() {
    RenderSettings settings = settings("--workLocation=/w", "--chunkSeconds=4", "--encoderThreads=2",
        "--maxImagePixels=1000", "--sourceCacheMegabytes=3", "--reuseChunks=false", "--faultInjection=failOnce:1");
    assertEquals(RenderSettings.defaults("/w").withChunkSeconds(4).withEncoderThreads(2)
        .withMaxImagePixels(1000).withSourceCacheBytes(3L << 20).withReuseChunks(false).withFaultInjection("failOnce:1"), settings);
  }

  @Test
  void negativeAudioThreadsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings("--audioThreads=-1"));
    assertTrue(e.getMessage().contains("audioThreads"), e.getMessage());
  }
}
