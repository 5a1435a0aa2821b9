package dev.videogen.transforms;

import dev.videogen.media.LocalFiles;
import dev.videogen.media.BadInputException;
import dev.videogen.media.plan.JobPlanner;
import dev.videogen.media.probe.Mp4Header;
import dev.videogen.media.spec.JobSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * For {@code --resume}: a job whose output already exists and carries the same spec hash (written into
 * the MP4 by {@link AssembleVideos}) is reported skipped; every other job goes on to be rendered. Only the
 * output's header is read. Outputs only ever appear complete (atomic publish), so a file with the right tag
 * is a finished render of this very spec; a changed spec has another hash and renders again.
 */
public final class SkipFinishedJobs extends PTransform<PCollection<JobRequest>, PCollectionTuple> {
  public static final TupleTag<JobRequest> TO_RENDER = new TupleTag<>() {};
  public static final TupleTag<JobResult> SKIPPED = new TupleTag<>() {};
  /** An MP4 header larger than this is not ours (a 6-hour video's moov is a few MB). */
  static final long MAX_HEADER_BYTES = 64L << 20;

  private final RenderSettings settings;

  public SkipFinishedJobs(RenderSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<JobRequest> requests) {
    return requests.apply("CheckOutputs", ParDo.of(new CheckFn(settings)).withOutputTags(TO_RENDER, TupleTagList.of(SKIPPED)));
  }

  static final class CheckFn extends DoFn<JobRequest, JobRequest> {
    private final RenderSettings settings;
    private final Counter skipped = VideogenMetrics.counter(VideogenMetrics.JOBS_SKIPPED);

    CheckFn(RenderSettings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element JobRequest request, MultiOutputReceiver out) throws IOException {
      JobSpec spec;
      try {
        spec = request.spec();
      } catch (BadInputException e) {
        out.get(TO_RENDER).output(request); // planning reports it
        return;
      }
      if (spec.output() == null) {
        out.get(TO_RENDER).output(request);
        return;
      }
      Mp4Header header = publishedHeader(spec.output());
      String hash = JobPlanner.specHash(spec, settings.bytesKey());
      if (header != null && hash.equals(header.tags().get(AssembleVideos.SPEC_HASH_TAG))) {
        skipped.inc();
        out.get(SKIPPED).output(JobResult.skipped(spec.id(), spec.output(), header.videoFrames(), header.seconds()));
      } else {
        out.get(TO_RENDER).output(request);
      }
    }
  }

  /** The header of the file at {@code uri}, or null when there is none or it is not a fast-start MP4. */
  static Mp4Header publishedHeader(String uri) throws IOException {
    Path localTarget = Storage.localPath(uri);
    if (localTarget != null && Files.isDirectory(localTarget)) {
      return null; // not a finished video (opening it would fail the bundle): planning refuses it with a reason
    }
    MatchResult match = FileSystems.match(uri);
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      return null;
    }
    Path local = Files.createTempFile("videogen-header-", ".mp4");
    try {
      boolean complete;
      try (InputStream in = Channels.newInputStream(FileSystems.open(match.metadata().get(0).resourceId()));
          OutputStream out = Files.newOutputStream(local)) {
        complete = Mp4Header.copyHeader(in, out, MAX_HEADER_BYTES);
      }
      return complete ? Mp4Header.read(local) : null;
    } finally {
      LocalFiles.deleteQuietly(local);
    }
  }
}
