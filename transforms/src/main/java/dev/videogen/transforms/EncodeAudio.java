package dev.videogen.transforms;

import dev.videogen.media.LocalFiles;
import dev.videogen.media.BadInputException;
import dev.videogen.media.audio.AudioClip;
import dev.videogen.media.audio.AudioTrackEncoder;
import dev.videogen.media.audio.EncodedAudio;
import dev.videogen.media.plan.JobPlan;
import dev.videogen.media.plan.PlannedAudio;
import dev.videogen.media.spec.LoudnessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Encodes each job's whole audio to AAC once (never per chunk: AAC priming at every chunk seam would click
 * and drift; with segmented audio a long track is encoded in overlapping segments on the worker's cores and
 * checked at every seam, see {@link AudioTrackEncoder}): tracks decoded in order, faded, brought to the
 * loudness target with the gains the plan measured, crossfaded, limited to the true-peak ceiling (with
 * {@code loudness}), cut or padded with silence to exactly the video's length. A job without audio gets a
 * silent track, so every output has the same shape.
 */
public final class EncodeAudio extends PTransform<PCollection<JobPlan>, PCollectionTuple> {
  public static final TupleTag<KV<String, EncodedAudioTrack>> ENCODED = new TupleTag<>() {};
  public static final TupleTag<JobFailure> FAILED = new TupleTag<>() {};

  private final RenderSettings settings;

  public EncodeAudio(RenderSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<JobPlan> plans) {
    return plans.apply("DecodeMixEncode", ParDo.of(new EncodeAudioFn(settings)).withOutputTags(ENCODED, TupleTagList.of(FAILED)));
  }

  static String audioUri(RenderSettings settings, JobPlan plan) {
    return settings.jobWorkFolder(plan.id(), plan.specHash()) + "/audio.vgp";
  }

  static final class EncodeAudioFn extends DoFn<JobPlan, KV<String, EncodedAudioTrack>> {
    private final RenderSettings settings;

    EncodeAudioFn(RenderSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element JobPlan plan, MultiOutputReceiver out) throws IOException {
      List<Storage.LocalFile> locals = new ArrayList<>();
      Path encoded = Files.createTempFile("videogen-audio-", ".vgp");
      try {
        List<AudioClip> clips = new ArrayList<>();
        for (PlannedAudio track : plan.audio()) {
          Storage.LocalFile local = Storage.openLocal(track.uri(), ".audio");
          locals.add(local);
          clips.add(new AudioClip(track.uri(), local.path(), track.fadeIn(), track.fadeOut(), track.crossfadeSamples(),
              track.gain(), track.info().samplesAt(AudioTrackEncoder.SAMPLE_RATE), track.stream()));
        }
        LoudnessSpec loudness = plan.spec().loudness();
        EncodedAudio audio = AudioTrackEncoder.encode(clips, plan.audioSamples(),
            loudness == null ? OptionalDouble.empty() : OptionalDouble.of(loudness.truePeak()),
            settings.segmentedAudio(), settings.audioThreadsHere(), encoded);
        String uri = audioUri(settings, plan);
        Storage.publish(encoded, uri);
        out.get(ENCODED).output(KV.of(plan.id(), new EncodedAudioTrack(plan.id(), uri, audio.samples())));
      } catch (BadInputException e) {
        out.get(FAILED).output(JobFailure.of(plan.id(), plan.spec().output(), JobFailure.Stage.AUDIO, e));
      } finally {
        locals.forEach(Storage.LocalFile::close);
        LocalFiles.deleteQuietly(encoded);
      }
    }
  }
}
