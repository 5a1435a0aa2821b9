package dev.videogen.transforms;

import dev.videogen.media.BadInputException;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Locale;

/**
 * Why a job failed, as every stage reports it: the job, the stage it failed in, the subject at fault (a file,
 * URI or spec field) and the reason; also the output the job was to write, where the stage knows it (null
 * otherwise). It becomes the report's line once, in {@link JobResult#failed}.
 */
public record JobFailure(String jobId, String output, Stage stage, String subject, String reason)
    implements Serializable {

  /** Where in the pipeline a job failed, in pipeline order. */
  public enum Stage {
    /** Before planning: the batch itself (e.g. two jobs with one id). */
    BATCH("checking the batch"),
    /** Reading the spec and probing its inputs. */
    PLAN("planning"),
    /** Rendering and encoding a chunk of video. */
    RENDER("rendering"),
    /** Decoding, mixing and encoding the audio. */
    AUDIO("encoding the audio"),
    /** Joining chunks and audio into the MP4 and checking it. */
    ASSEMBLE("assembling"),
    /** Writing the finished files to their output location. */
    PUBLISH("publishing");

    private final String doing;

    Stage(String doing) {
      this.doing = doing;
    }

    /** What the job was doing, for a person: "job x failed while planning: …". */
    public String doing() {
      return doing;
    }

    /** The report's word for the stage ({@code "plan"}, {@code "render"} …). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Stage ofLabel(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /** The order in which a job's several failures are told: pipeline order, then subject, then reason. */
  static final Comparator<JobFailure> FIRST_TO_TELL = Comparator.comparing(JobFailure::stage)
      .thenComparing(JobFailure::subject).thenComparing(JobFailure::reason);

  public JobFailure {
    if (jobId == null || stage == null || subject == null || reason == null) {
      throw new IllegalArgumentException("a failure needs a job, a stage, a subject and a reason");
    }
  }

  /** Known bad input met in {@code stage} of job {@code jobId}, which was to write {@code output}. */
  public static JobFailure of(String jobId, String output, Stage stage, BadInputException e) {
    return new JobFailure(jobId, output, stage, e.subject(), e.reason());
  }

  /** The same failure reported for another job (a chunk shared between jobs fails for each of them). */
  public JobFailure forJob(String otherJobId) {
    return new JobFailure(otherJobId, null, stage, subject, reason);
  }

  /** The same failure of a job that was to write {@code jobOutput}. */
  public JobFailure withOutput(String jobOutput) {
    return new JobFailure(jobId, jobOutput, stage, subject, reason);
  }

  /** The same failure with something added to its reason. */
  JobFailure withReasonSuffix(String suffix) {
    return new JobFailure(jobId, output, stage, subject, reason + suffix);
  }

  /** What went wrong, for a person: "subject: reason" (the report's {@code error}). */
  public String message() {
    return subject + ": " + reason;
  }
}
