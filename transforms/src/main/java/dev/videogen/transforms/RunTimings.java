package dev.videogen.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.metrics.MetricResults;

/**
 * Where one run's time went ({@code --timings=PATH} writes it as JSON; {@code videogen bench --criticalPath}
 * reads it): {@code startupMs} from the JVM's start to the pipeline's start (JVM, class loading, options, spec),
 * {@code pipelineMs} the pipeline's wall time (Beam's translation, the stages, the shuffles between them), each
 * stage's work per element ({@link VideogenMetrics#WORK_PLAN} …, all attempts; wall time, and the threads' CPU
 * time where measured) and the run's counters.
 */
public record RunTimings(long startupMs, long pipelineMs, String runner, Map<String, StageTimes> stages,
    Map<String, Long> counters) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public RunTimings {
    stages = Map.copyOf(stages);
    counters = Map.copyOf(counters);
  }

  /** The timings of a finished run, its work times and counters read from its metrics. */
  public static RunTimings of(long startupMs, long pipelineMs, String runner, MetricResults metrics) {
    return new RunTimings(startupMs, pipelineMs, runner, VideogenMetrics.workTimes(metrics),
        VideogenMetrics.counters(metrics));
  }

  /** One stage's times; none (count 0) when the run had no such element. */
  public StageTimes stage(String name) {
    return stages.getOrDefault(name, new StageTimes(0, 0, 0, 0, StageTimes.NO_CPU));
  }

  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /**
   * {"startupMs","pipelineMs","runner","stages":{name:{"count","sumMs","minMs","maxMs"[,"cpuMs"]}},
   * "counters":{name:n}}, names in order.
   */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("startupMs", startupMs);
    node.put("pipelineMs", pipelineMs);
    node.put("runner", runner);
    ObjectNode stageNodes = node.putObject("stages");
    new TreeMap<>(stages).forEach((name, times) -> {
      ObjectNode stage = stageNodes.putObject(name).put("count", times.count()).put("sumMs", times.sumMs())
          .put("minMs", times.minMs()).put("maxMs", times.maxMs());
      if (times.hasCpu()) {
        stage.put("cpuMs", times.cpuMs());
      }
    });
    ObjectNode counterNodes = node.putObject("counters");
    new TreeMap<>(counters).forEach(counterNodes::put);
    return node.toPrettyString() + "\n";
  }

  public static RunTimings fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      Map<String, StageTimes> stages = new LinkedHashMap<>();
      node.get("stages").fields().forEachRemaining(stage -> stages.put(stage.getKey(), new StageTimes(
          stage.getValue().get("count").asLong(), stage.getValue().get("sumMs").asLong(),
          stage.getValue().get("minMs").asLong(), stage.getValue().get("maxMs").asLong(),
          stage.getValue().path("cpuMs").asLong(StageTimes.NO_CPU))));
      Map<String, Long> counters = new LinkedHashMap<>();
      node.get("counters").fields()
          .forEachRemaining(counter -> counters.put(counter.getKey(), counter.getValue().asLong()));
      return new RunTimings(node.get("startupMs").asLong(), node.get("pipelineMs").asLong(),
          node.get("runner").asText(), stages, counters);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a timings file: " + e.getMessage(), e);
    }
  }
}
