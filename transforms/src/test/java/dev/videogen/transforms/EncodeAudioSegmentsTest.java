package dev.videogen.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.videogen.media.audio.AacSegments;
import dev.videogen.media.audio.AudioClip;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.PlannedAudio;
import dev.videogen.media.spec.JobSpecParser;
import dev.videogen.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * With segmented audio, a long track's segments are elements of their own: decoded and mixed once, each
 * segment encoded by whichever worker takes it, joined in order. Here on short tracks (segments of 32 AAC
 * frames) through the real transform on the DirectRunner: the published track is byte for byte what the same
 * steps give in one process, every segment file is gone afterwards, and a bad clip fails only its job.
 */
public class EncodeAudioSegmentsTest {
  private static final EncodeAudio.SerializableLayout SHORT = total -> new AacSegments(total, 32, 32);

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void segmentsAreEncodedAsElementsAndJoinedToTheSameBytes() throws Exception {
    Path dir = folder.getRoot().toPath();
    RenderSettings settings = segmentedWithAPicture(dir);
    TestMedia.sineWav(dir.resolve("one.wav"), 44_100, 1, 3 * 44_100, 440, 9000);
    TestMedia.sineWav(dir.resolve("two.wav"), 48_000, 2, 4 * 48_000, 1000, 20_000);
    JobPlan plan = PlanJobs.plan(JobSpecParser.parse("""
        {"id":"long","output":"out/long.mp4","video":{"width":64,"height":36,"fps":30,"preset":"ultrafast"},
         "audio":[{"uri":"one.wav","fadeIn":0.2},{"uri":"two.wav","fadeOut":0.5}],"audioCrossfade":1,
         "loudness":{},"slides":[{"image":"a.png"}]}""", dir.toString()), settings);
    AacSegments segments = SHORT.apply(plan.audioSamples());
    assertEquals(6 * 48_000, plan.audioSamples());
    assertEquals(9, segments.count());

    PCollectionTuple audio = pipeline.apply(Create.of(plan).withCoder(SerializableCoder.of(JobPlan.class)))
        .apply(new EncodeAudio(settings, SHORT, 0));
    String uri = EncodeAudio.audioUri(settings, plan);
    PAssert.that(audio.get(EncodeAudio.ENCODED))
        .containsInAnyOrder(KV.of("long", new EncodedAudioTrack("long", uri, 6 * 48_000)));
    PAssert.that(audio.get(EncodeAudio.FAILED)).empty();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals(-1, Files.mismatch(Path.of(uri), inOneProcess(plan, segments, dir)));
    // One work time per element: the track's samples written once, each segment encoded, the track joined.
    Map<String, StageTimes> times = VideogenMetrics.workTimes(result.metrics());
    assertEquals(Set.of(VideogenMetrics.WORK_AUDIO_SAMPLES, VideogenMetrics.WORK_AUDIO_SEGMENT,
        VideogenMetrics.WORK_AUDIO_JOIN), times.keySet());
    assertEquals(1, times.get(VideogenMetrics.WORK_AUDIO_SAMPLES).count());
    assertEquals(9, times.get(VideogenMetrics.WORK_AUDIO_SEGMENT).count());
    assertEquals(1, times.get(VideogenMetrics.WORK_AUDIO_JOIN).count());
    try (Stream<Path> left = Files.list(Path.of(uri).getParent().resolve("audio-segments"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  public void aTrackThatCannotBeDecodedFailsItsJobAndLeavesNoSegments() throws Exception {
    Path dir = folder.getRoot().toPath();
    RenderSettings settings = segmentedWithAPicture(dir);
    Path wav = TestMedia.sineWav(dir.resolve("cut.wav"), 48_000, 2, 4 * 48_000, 440, 9000);
    JobPlan plan = PlanJobs.plan(JobSpecParser.parse("""
        {"id":"cut","output":"out/cut.mp4","video":{"width":64,"height":36,"fps":30,"preset":"ultrafast"},
         "audio":[{"uri":"cut.wav"}],"slides":[{"image":"a.png"}]}""", dir.toString()), settings);
    // Planned from the whole file; by the time the audio is encoded it has lost its second half.
    byte[] bytes = Files.readAllBytes(wav);
    Files.write(wav, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    PCollectionTuple audio = pipeline.apply(Create.of(plan).withCoder(SerializableCoder.of(JobPlan.class)))
        .apply(new EncodeAudio(settings, SHORT, 0));
    PAssert.that(audio.get(EncodeAudio.ENCODED)).empty();
    PAssert.that(audio.get(EncodeAudio.FAILED)).satisfies(failures -> {
      JobFailure failure = failures.iterator().next();
      assertEquals("cut", failure.jobId());
      assertEquals(JobFailure.Stage.AUDIO, failure.stage());
      assertTrue(failure.subject(), failure.subject().endsWith("cut.wav"));
      return null;
    });
    pipeline.run().waitUntilFinish();

    Path segmentsFolder = Path.of(EncodeAudio.audioUri(settings, plan)).getParent().resolve("audio-segments");
    if (Files.exists(segmentsFolder)) {
      try (Stream<Path> left = Files.list(segmentsFolder)) {
        assertEquals(List.of(), left.toList());
      }
    }
  }

  /** Settings with segmented audio and a work folder in {@code dir}, and the picture a.png there. */
  private static RenderSettings segmentedWithAPicture(Path dir) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    TestMedia.gradientImage(dir.resolve("a.png"), 96, 54, 40);
    return RenderSettings.defaults(work.toString()).withSegmentedAudio(true).withMaxImagePixels(1_000_000);
  }

  /** The three steps by hand, in one process, in order. */
  private static Path inOneProcess(JobPlan plan, AacSegments segments, Path dir) throws IOException {
    Path steps = Files.createDirectories(dir.resolve("steps"));
    List<AudioClip> clips = new ArrayList<>();
    for (PlannedAudio track : plan.audio()) {
      clips.add(EncodeAudio.clipOf(track, Path.of(track.uri())));
    }
    segments.writeFeeds(clips, OptionalDouble.of(plan.spec().loudness().truePeak()), steps,
        (k, samples) -> Files.move(samples, steps.resolve("feed-" + k)));
    for (int k = 0; k < segments.count(); k++) {
      segments.encode(k, steps.resolve("feed-" + k), steps.resolve("encoded-" + k));
    }
    Path joined = steps.resolve("joined.vgp");
    segments.join(k -> steps.resolve("encoded-" + k), k -> steps.resolve("feed-" + k), joined);
    return joined;
  }
}
