package dev.videogen.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;

/**
 * One line of the report: what became of a job. A failed job's line also says where it failed
 * ({@code stage}) and what was at fault ({@code subject}); {@code error} is the whole message.
 */
public record JobResult(String id, Status status, String output, long frames, double seconds, String error,
    JobFailure.Stage stage, String subject) implements Serializable {

  public enum Status { OK, FAILED, SKIPPED }

  private static final ObjectMapper JSON = new ObjectMapper();

  public static JobResult ok(String id, String output, long frames, double seconds) {
    return new JobResult(id, Status.OK, output, frames, seconds, null, null, null);
  }

  public static JobResult skipped(String id, String output, long frames, double seconds) {
    return new JobResult(id, Status.SKIPPED, output, frames, seconds, null, null, null);
  }

  /** The report's line for a failed job: the one place a failure is turned into text. */
  public static JobResult failed(JobFailure failure) {
    return new JobResult(failure.jobId(), Status.FAILED, failure.output(), 0, 0, failure.message(), failure.stage(),
        failure.subject());
  }

  /**
   * The report's JSON Lines form: {"id","status","output","frames","seconds","error"} (the contract), and for a
   * failed job "stage" and "subject".
   */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("status", status.name().toLowerCase(Locale.ROOT));
    node.put("output", output);
    node.put("frames", frames);
    node.put("seconds", seconds);
    node.put("error", error);
    if (stage != null) {
      node.put("stage", stage.label());
      node.put("subject", subject);
    }
    return node.toString();
  }

  public static JobResult fromJson(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      String stage = text(node, "stage");
      return new JobResult(node.get("id").asText(),
          Status.valueOf(node.get("status").asText().toUpperCase(Locale.ROOT)),
          text(node, "output"), node.get("frames").asLong(), node.get("seconds").asDouble(), text(node, "error"),
          stage == null ? null : JobFailure.Stage.ofLabel(stage), text(node, "subject"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a report line: " + line, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
