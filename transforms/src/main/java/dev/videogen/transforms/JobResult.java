package dev.videogen.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/** One line of the report: what became of a job. */
public record JobResult(String id, Status status, String output, long frames, double seconds, String error)
    implements Serializable {

  public enum Status { OK, FAILED, SKIPPED }

  private static final ObjectMapper JSON = new ObjectMapper();

  public static JobResult ok(String id, String output, long frames, double seconds) {
    return new JobResult(id, Status.OK, output, frames, seconds, null);
  }

  public static JobResult skipped(String id, String output, long frames, double seconds) {
    return new JobResult(id, Status.SKIPPED, output, frames, seconds, null);
  }

  public static JobResult failed(String id, String output, String error) {
    return new JobResult(id, Status.FAILED, output, 0, 0, error);
  }

  /** The report's JSON Lines form: {"id","status","output","frames","seconds","error"}. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    node.put("output", output);
    node.put("frames", frames);
    node.put("seconds", seconds);
    node.put("error", error);
    return node.toString();
  }

  public static JobResult fromJson(String line) {
    try {
      var node = JSON.readTree(line);
      return new JobResult(node.get("id").asText(),
          Status.valueOf(node.get("status").asText().toUpperCase(java.util.Locale.ROOT)),
          node.get("output").isNull() ? null : node.get("output").asText(),
          node.get("frames").asLong(), node.get("seconds").asDouble(),
          node.get("error").isNull() ? null : node.get("error").asText());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a report line: " + line, e);
    }
  }
}
