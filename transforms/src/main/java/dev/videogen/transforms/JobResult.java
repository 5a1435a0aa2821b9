package dev.videogen.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;

/**
 * One line of the report: what became of a job. {@code files} are the side files published beside the output
 * (chapters text, captions, thumbnail), {@code warnings} what the job should know but did not fail on; both
 * empty for most jobs, and then left out of the JSON line.
 */
public record JobResult(String id, Status status, String output, long frames, double seconds, String error,
    List<String> files, List<String> warnings) implements Serializable {

  public enum Status { OK, FAILED, SKIPPED }

  private static final ObjectMapper JSON = new ObjectMapper();

  public JobResult {
    files = files == null ? List.of() : List.copyOf(files);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public JobResult(String id, Status status, String output, long frames, double seconds, String error) {
    this(id, status, output, frames, seconds, error, List.of(), List.of());
  }

  public static JobResult ok(String id, String output, long frames, double seconds) {
    return new JobResult(id, Status.OK, output, frames, seconds, null);
  }

  public static JobResult ok(String id, String output, long frames, double seconds, List<String> files,
      List<String> warnings) {
    return new JobResult(id, Status.OK, output, frames, seconds, null, files, warnings);
  }

  public static JobResult skipped(String id, String output, long frames, double seconds) {
    return new JobResult(id, Status.SKIPPED, output, frames, seconds, null);
  }

  public static JobResult failed(String id, String output, String error) {
    return new JobResult(id, Status.FAILED, output, 0, 0, error);
  }

  /**
   * The report's JSON Lines form: {"id","status","output","frames","seconds","error"}, then "files" and
   * "warnings" (arrays of strings) when not empty.
   */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    node.put("output", output);
    node.put("frames", frames);
    node.put("seconds", seconds);
    node.put("error", error);
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
      var node = JSON.readTree(line);
      return new JobResult(node.get("id").asText(),
          Status.valueOf(node.get("status").asText().toUpperCase(java.util.Locale.ROOT)),
          node.get("output").isNull() ? null : node.get("output").asText(),
          node.get("frames").asLong(), node.get("seconds").asDouble(),
          node.get("error").isNull() ? null : node.get("error").asText(), strings(node.get("files")),
          strings(node.get("warnings")));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a report line: " + line, e);
    }
  }

  private static List<String> strings(com.fasterxml.jackson.databind.JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.asText()));
    }
    return values;
  }
}
