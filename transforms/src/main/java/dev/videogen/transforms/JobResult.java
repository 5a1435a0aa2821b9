package dev.videogen.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the report: what became of a job. A failed job's line also says where it failed ({@code stage})
 * and what was at fault ({@code subject}); {@code error} is the whole message. {@code files} are the side files
 * published beside the output (chapters text, captions, thumbnail), {@code warnings} what the job should know
 * but did not fail on; both empty for most jobs, and then left out of the JSON line.
 */
public record JobResult(String id, Status status, String output, long frames, double seconds, String error,
    JobFailure.Stage stage, String subject, List<String> files, List<String> warnings) implements Serializable {

  public enum Status { OK, FAILED, SKIPPED }

  private static final ObjectMapper JSON = new ObjectMapper();

  public JobResult {
    files = files == null ? List.of() : List.copyOf(files);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public static JobResult ok(String id, String output, long frames, double seconds) {
    return ok(id, output, frames, seconds, List.of(), List.of());
  }

  public static JobResult ok(String id, String output, long frames, double seconds, List<String> files,
      List<String> warnings) {
    return new JobResult(id, Status.OK, output, frames, seconds, null, null, null, files, warnings);
  }

  public static JobResult skipped(String id, String output, long frames, double seconds) {
    return new JobResult(id, Status.SKIPPED, output, frames, seconds, null, null, null, List.of(), List.of());
  }

  /** The report's line for a failed job: the one place a failure is turned into text. */
  public static JobResult failed(JobFailure failure) {
    return new JobResult(failure.jobId(), Status.FAILED, failure.output(), 0, 0, failure.message(), failure.stage(),
        failure.subject(), List.of(), List.of());
  }

  /**
   * The report's JSON Lines form: {"id","status","output","frames","seconds","error"} (the contract); for a
   * failed job "stage" and "subject"; "files" and "warnings" (arrays of strings) when not empty.
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
    if (!files.isEmpty()) {
      files.forEach(node.putArray("files")::add);
    }
    if (!warnings.isEmpty()) {
      warnings.forEach(node.putArray("warnings")::add);
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
          stage == null ? null : JobFailure.Stage.ofLabel(stage), text(node, "subject"), strings(node.get("files")),
          strings(node.get("warnings")));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a report line: " + line, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.asText()));
    }
    return values;
  }
}
