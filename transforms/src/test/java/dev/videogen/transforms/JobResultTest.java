package dev.videogen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogen.media.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobResultTest {
  @Test
  void aFailureBecomesOneReportLineThatSaysWhereAndWhat() {
    JobFailure failure = JobFailure.of("a", "out/a.mp4", JobFailure.Stage.AUDIO,
        new BadInputException("audio/x.mp3", "no audio stream"));
    JobResult result = JobResult.failed(failure);
    assertEquals("{\"id\":\"a\",\"status\":\"failed\",\"output\":\"out/a.mp4\",\"frames\":0,\"seconds\":0.0,"
        + "\"error\":\"audio/x.mp3: no audio stream\",\"stage\":\"audio\",\"subject\":\"audio/x.mp3\"}", result.toJson());
    assertEquals(result, JobResult.fromJson(result.toJson()));
  }

  @Test
  void successfulLinesKeepTheContractsSixFields() {
    JobResult ok = JobResult.ok("b", "out/b.mp4", 12, 0.4);
    assertEquals("{\"id\":\"b\",\"status\":\"ok\",\"output\":\"out/b.mp4\",\"frames\":12,\"seconds\":0.4,\"error\":null}",
        ok.toJson());
    assertEquals(ok, JobResult.fromJson(ok.toJson()));
  }

  @Test
  void aJobsFirstFailureInPipelineOrderIsTheOneTold() {
    List<JobFailure> failures = new ArrayList<>(List.of(
        new JobFailure("j", null, JobFailure.Stage.AUDIO, "a.mp3", "truncated"),
        new JobFailure("j", null, JobFailure.Stage.RENDER, "z.png", "truncated"),
        new JobFailure("j", null, JobFailure.Stage.RENDER, "b.png", "truncated")));
    failures.sort(JobFailure.FIRST_TO_TELL);
    assertEquals(List.of("b.png", "z.png", "a.mp3"), failures.stream().map(JobFailure::subject).toList());
  }

  @Test
  void aFailureForAnotherJobForgetsTheOutputOfTheFirst() {
    JobFailure shared = new JobFailure("one", "out/one.mp4", JobFailure.Stage.RENDER, "x.png", "truncated");
    assertEquals(new JobFailure("two", null, JobFailure.Stage.RENDER, "x.png", "truncated"), shared.forJob("two"));
  }

  @Test
  void aFailureNeedsEveryPartButTheOutput() {
    assertThrows(IllegalArgumentException.class, () -> new JobFailure("j", null, null, "x", "y"));
    assertEquals(JobFailure.Stage.PUBLISH, JobFailure.Stage.ofLabel("publish"));
  }
}
