package dev.videogen.transforms;

import dev.videogen.media.BadInputException;
import dev.videogen.media.LocalFiles;
import dev.videogen.media.audio.AacSegments;
import dev.videogen.media.audio.AudioClip;
import dev.videogen.media.audio.AudioTrackEncoder;
import dev.videogen.media.audio.EncodedAudio;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.PlannedAudio;
import dev.videogen.media.spec.LoudnessSpec;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Encodes each job's whole audio to AAC once (never per chunk: AAC priming at every chunk seam would click
 * and drift): tracks decoded in order, faded, brought to the loudness target with the gains the plan
 * measured, crossfaded, limited to the true-peak ceiling (with {@code loudness}), cut or padded with silence
 * to exactly the video's length. A job without audio gets a silent track, so every output has the same shape.
 *
 * <pre>
 * plans ─ Partition ─ EncodeWholeTracks ─────────────────────────────────────────────────┬→ encoded
 *                   └ WriteSegmentSamples ─ SpreadSegments ─ EncodeSegments ─┐            │
 *                                         └ (one per track) ─────────────────┴ JoinSegments
 * </pre>
 *
 * With segmented audio, a long track ({@link AacSegments#worthIt}) is decoded and mixed once, its segments'
 * samples written to the job's work folder, and every segment encoded as an element of its own, so the
 * segments spread over all the runner's workers (a cluster's slots, the DirectRunner's threads); then the
 * segments are joined in order with every seam checked ({@link AacSegments}). The bytes do not depend on
 * the runner or on which worker encoded which segment.
 */
public final class EncodeAudio extends PTransform<PCollection<JobPlan>, PCollectionTuple> {
  public static final TupleTag<KV<String, EncodedAudioTrack>> ENCODED = new TupleTag<>() {};
  public static final TupleTag<JobFailure> FAILED = new TupleTag<>() {};

  private static final TupleTag<KV<String, EncodedAudioTrack>> WHOLE = new TupleTag<>() {};
  private static final TupleTag<KV<String, SegmentedTrack>> TRACKS = new TupleTag<>() {};
  private static final TupleTag<SegmentTask> SEGMENTS = new TupleTag<>() {};
  /** In the join: the track, and the indices of its encoded segments. */
  private static final TupleTag<SegmentedTrack> TRACK = new TupleTag<>() {};
  private static final TupleTag<Integer> DONE = new TupleTag<>() {};

  private final RenderSettings settings;
  private final SegmentedFrom layout;

  public EncodeAudio(RenderSettings settings) {
    this(settings, AacSegments::of, AudioTrackEncoder.MIN_SEGMENTED_SAMPLES);
  }

  /** With another segment layout and length from which tracks are segmented (tests: short tracks). */
  EncodeAudio(RenderSettings settings, SerializableLayout layout, long minSegmentedSamples) {
    this.settings = settings;
    this.layout = new SegmentedFrom(layout, minSegmentedSamples);
  }

  /** The segment layout for a track of a given length. */
  @FunctionalInterface
  interface SerializableLayout extends Function<Long, AacSegments>, Serializable {}

  /** The layout for tracks long enough to segment; null for those encoded whole. */
  private record SegmentedFrom(SerializableLayout layout, long minSamples) implements Serializable {
    AacSegments apply(long total) {
      return total >= minSamples ? layout.apply(total) : null;
    }
  }

  /** Whole (0) or in segments (1): segments for a job with audio clips whose track is long enough. */
  private record WholeOrSegmented(boolean segmentedAudio, SegmentedFrom layout) implements Partition.PartitionFn<JobPlan> {
    @Override
    public int partitionFor(JobPlan plan, int partitions) {
      return segmentedAudio && !plan.audio().isEmpty() && layout.apply(plan.audioSamples()) != null ? 1 : 0;
    }
  }

  @Override
  public PCollectionTuple expand(PCollection<JobPlan> plans) {
    PCollectionList<JobPlan> byWay = plans.apply("WholeOrSegmented",
        Partition.of(2, new WholeOrSegmented(settings.segmentedAudio(), layout)));
    PCollectionTuple whole = byWay.get(0).apply("EncodeWholeTracks",
        ParDo.of(new EncodeWholeFn(settings)).withOutputTags(WHOLE, TupleTagList.of(FAILED)));
    PCollectionTuple split = byWay.get(1).apply("WriteSegmentSamples",
        ParDo.of(new WriteSegmentSamplesFn(settings, layout)).withOutputTags(TRACKS, TupleTagList.of(SEGMENTS).and(FAILED)));

    PCollection<KV<String, Integer>> encodedSegments = split.get(SEGMENTS)
        .apply("SpreadSegments", Reshuffle.viaRandomKey())
        .apply("EncodeSegments", ParDo.of(new EncodeSegmentFn()));
    PCollection<KV<String, EncodedAudioTrack>> joined = KeyedPCollectionTuple.of(TRACK, split.get(TRACKS))
        .and(DONE, encodedSegments)
        .apply("SegmentsByJob", CoGroupByKey.create())
        .apply("JoinSegments", ParDo.of(new JoinSegmentsFn()));

    return PCollectionTuple
        .of(ENCODED, PCollectionList.of(whole.get(WHOLE)).and(joined).apply("AllTracks", Flatten.pCollections()))
        .and(FAILED, PCollectionList.of(whole.get(FAILED)).and(split.get(FAILED))
            .apply("AllFailures", Flatten.pCollections()));
  }

  static String audioUri(RenderSettings settings, JobPlan plan) {
    return settings.jobWorkFolder(plan.id(), plan.specHash()) + "/audio.vgp";
  }

  /** A long track in segments: what the join needs to find them and the track's place. */
  record SegmentedTrack(String jobId, String audioUri, String folder, AacSegments segments) implements Serializable {
    String feedUri(int k) {
      return folder + String.format("/feed-%05d.f32", k);
    }

    String encodedUri(int k) {
      return folder + String.format("/encoded-%05d.aacseg", k);
    }
  }

  /** One segment of a track to encode. */
  record SegmentTask(SegmentedTrack track, int index) implements Serializable {}

  /** The clips of {@code plan}'s audio as local files (opened into {@code locals}, which the caller closes). */
  private static List<AudioClip> clips(JobPlan plan, List<Storage.LocalFile> locals) {
    List<AudioClip> clips = new ArrayList<>();
    for (PlannedAudio track : plan.audio()) {
      Storage.LocalFile local = Storage.openLocal(track.uri(), ".audio");
      locals.add(local);
      clips.add(clipOf(track, local.path()));
    }
    return clips;
  }

  /** A planned track as the encoder plays it, from {@code file} (its local copy). */
  static AudioClip clipOf(PlannedAudio track, Path file) {
    return new AudioClip(track.uri(), file, track.fadeIn(), track.fadeOut(), track.crossfadeSamples(), track.gain(),
        track.info().samplesAt(AudioTrackEncoder.SAMPLE_RATE), track.stream());
  }

  private static OptionalDouble truePeak(JobPlan plan) {
    LoudnessSpec loudness = plan.spec().loudness();
    return loudness == null ? OptionalDouble.empty() : OptionalDouble.of(loudness.truePeak());
  }

  /** A track encoded by one encoder, start to end (a silent track costs next to nothing). */
  static final class EncodeWholeFn extends DoFn<JobPlan, KV<String, EncodedAudioTrack>> {
    private final RenderSettings settings;
    private final StageTimer work = StageTimer.of(VideogenMetrics.WORK_AUDIO_WHOLE);

    EncodeWholeFn(RenderSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element JobPlan plan, MultiOutputReceiver out) throws IOException {
      StageTimer.Lap lap = work.start();
      List<Storage.LocalFile> locals = new ArrayList<>();
      Path encoded = Files.createTempFile("videogen-audio-", ".vgp");
      try {
        EncodedAudio audio = AudioTrackEncoder.encode(clips(plan, locals), plan.audioSamples(), truePeak(plan),
            encoded);
        String uri = audioUri(settings, plan);
        Storage.publish(encoded, uri);
        out.get(WHOLE).output(KV.of(plan.id(), new EncodedAudioTrack(plan.id(), uri, audio.samples())));
      } catch (BadInputException e) {
        out.get(FAILED).output(JobFailure.of(plan.id(), plan.spec().output(), JobFailure.Stage.AUDIO, e));
      } finally {
        locals.forEach(Storage.LocalFile::close);
        LocalFiles.deleteQuietly(encoded);
        lap.close();
      }
    }
  }

  /**
   * Decodes and mixes a long track once and writes each segment's samples to the job's work folder; then
   * one element per segment, and the track for the join. A track that turns out bad leaves no files.
   */
  static final class WriteSegmentSamplesFn extends DoFn<JobPlan, KV<String, SegmentedTrack>> {
    private final RenderSettings settings;
    private final SegmentedFrom layout;
    private final StageTimer work = StageTimer.of(VideogenMetrics.WORK_AUDIO_SAMPLES);

    WriteSegmentSamplesFn(RenderSettings settings, SegmentedFrom layout) {
      this.settings = settings;
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element JobPlan plan, MultiOutputReceiver out) throws IOException {
      StageTimer.Lap lap = work.start();
      AacSegments segments = layout.apply(plan.audioSamples());
      String folder = settings.jobWorkFolder(plan.id(), plan.specHash()) + "/audio-segments";
      SegmentedTrack track = new SegmentedTrack(plan.id(), audioUri(settings, plan), folder, segments);
      List<Storage.LocalFile> locals = new ArrayList<>();
      List<String> written = new ArrayList<>();
      Path scratch = Files.createTempDirectory("videogen-audio-segments-");
      boolean complete = false;
      try {
        segments.writeFeeds(clips(plan, locals), truePeak(plan), scratch, (k, samples) -> {
          written.add(track.feedUri(k));
          Storage.publish(samples, track.feedUri(k));
        });
        complete = true;
      } catch (BadInputException e) {
        out.get(FAILED).output(JobFailure.of(plan.id(), plan.spec().output(), JobFailure.Stage.AUDIO, e));
      } finally {
        locals.forEach(Storage.LocalFile::close);
        LocalFiles.deleteQuietly(scratch);
        if (!complete) {
          Storage.delete(written);
        }
        lap.close();
      }
      if (complete) {
        // Only once every segment's samples are there: a track that fails half way sends no segment on.
        out.get(TRACKS).output(KV.of(plan.id(), track));
        for (int k = 0; k < segments.count(); k++) {
          out.get(SEGMENTS).output(new SegmentTask(track, k));
        }
      }
    }
  }

  /** Encodes one segment from its samples; any worker, any order. */
  static final class EncodeSegmentFn extends DoFn<SegmentTask, KV<String, Integer>> {
    private final Counter segmentsEncoded = VideogenMetrics.counter(VideogenMetrics.AUDIO_SEGMENTS_ENCODED);
    private final StageTimer work = StageTimer.of(VideogenMetrics.WORK_AUDIO_SEGMENT);

    @ProcessElement
    public void process(@Element SegmentTask task, OutputReceiver<KV<String, Integer>> out) throws IOException {
      StageTimer.Lap lap = work.start();
      SegmentedTrack track = task.track();
      Path encoded = Files.createTempFile("videogen-audio-segment-", ".aacseg");
      try (Storage.LocalFile feed = Storage.openLocal(track.feedUri(task.index()), ".f32")) {
        track.segments().encode(task.index(), feed.path(), encoded);
        Storage.publish(encoded, track.encodedUri(task.index()));
      } finally {
        LocalFiles.deleteQuietly(encoded);
        lap.close();
      }
      segmentsEncoded.inc();
      out.output(KV.of(track.jobId(), task.index()));
    }
  }

  /**
   * Joins a track's encoded segments in order (one encoder over the samples if a seam does not join),
   * publishes the track and deletes the segments' files.
   */
  static final class JoinSegmentsFn extends DoFn<KV<String, CoGbkResult>, KV<String, EncodedAudioTrack>> {
    private final StageTimer work = StageTimer.of(VideogenMetrics.WORK_AUDIO_JOIN);

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> element, OutputReceiver<KV<String, EncodedAudioTrack>> out)
        throws IOException {
      SegmentedTrack track = element.getValue().getOnly(TRACK, null);
      if (track == null) {
        return; // the track failed while its samples were written (reported there); nothing was sent on
      }
      AacSegments segments = track.segments();
      Set<Integer> done = new TreeSet<>();
      element.getValue().getAll(DONE).forEach(done::add);
      if (done.size() != segments.count()) { // indices run from 0: each is one encoded segment
        throw new IllegalStateException("job " + track.jobId() + ": " + done.size() + " of " + segments.count()
            + " audio segments encoded");
      }
      StageTimer.Lap lap = work.start();
      Path joined = Files.createTempFile("videogen-audio-", ".vgp");
      try (LocalCopies encoded = new LocalCopies(track::encodedUri, ".aacseg");
          LocalCopies feeds = new LocalCopies(track::feedUri, ".f32")) {
        EncodedAudio audio = segments.join(encoded, feeds, joined);
        Storage.publish(joined, track.audioUri());
        out.output(KV.of(track.jobId(), new EncodedAudioTrack(track.jobId(), track.audioUri(), audio.samples())));
      } finally {
        LocalFiles.deleteQuietly(joined);
        lap.close();
      }
      List<String> files = new ArrayList<>();
      for (int k = 0; k < segments.count(); k++) {
        files.add(track.feedUri(k));
        files.add(track.encodedUri(k));
      }
      Storage.delete(files);
    }
  }

  /**
   * The segments' files as local files, asked for in order: a file in object storage is copied when asked
   * for and deleted when the next one is (local files are used in place).
   */
  private static final class LocalCopies implements IntFunction<Path>, AutoCloseable {
    private final IntFunction<String> uris;
    private final String suffix;
    private Storage.LocalFile current;

    LocalCopies(IntFunction<String> uris, String suffix) {
      this.uris = uris;
      this.suffix = suffix;
    }

    @Override
    public Path apply(int k) {
      close();
      current = Storage.openLocal(uris.apply(k), suffix);
      return current.path();
    }

    @Override
    public void close() {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
