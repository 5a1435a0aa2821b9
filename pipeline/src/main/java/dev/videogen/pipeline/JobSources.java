package dev.videogen.pipeline;

import dev.videogen.media.BadInputException;
import dev.videogen.media.spec.InputUris;
import dev.videogen.transforms.JobRequest;
import dev.videogen.transforms.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads the jobs of a batch (CLI contract): a {@code .jsonl} manifest (one spec per line), a folder of
 * {@code .json} specs, or a glob — local or in object storage. Relative paths in a spec resolve against the
 * folder of the file it came from. A spec that cannot be parsed still becomes a job, so it is reported with
 * its reason instead of stopping the batch.
 */
final class JobSources {
  private JobSources() {}

  static List<JobRequest> read(String manifest, String outputOverride) {
    List<JobRequest> jobs = new ArrayList<>();
    if (manifest.endsWith(".jsonl")) {
      String text = new String(Storage.readBytes(manifest), StandardCharsets.UTF_8);
      String folder = InputUris.folderOf(manifest);
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          jobs.add(new JobRequest(manifest + ":" + (i + 1), folder, lines[i], outputOverride));
        }
      }
      return jobs;
    }
    for (String spec : specFiles(manifest)) {
      String json = new String(Storage.readBytes(spec), StandardCharsets.UTF_8);
      jobs.add(new JobRequest(spec, InputUris.folderOf(spec), json, outputOverride));
    }
    return jobs;
  }

  /** The spec files a folder or glob names, in a stable order. */
  private static List<String> specFiles(String manifest) {
    String pattern = manifest;
    boolean glob = manifest.contains("*") || manifest.contains("?") || manifest.contains("[");
    if (!glob) {
      boolean localFolder = InputUris.schemeOf(manifest) == null && Files.isDirectory(Path.of(manifest));
      if (localFolder || manifest.endsWith("/")) {
        pattern = manifest.replaceAll("/+$", "") + "/*.json";
      } else if (manifest.endsWith(".json")) {
        return List.of(manifest);
      } else {
        throw new BadInputException(manifest, "not a .jsonl manifest, a folder of .json specs or a glob");
      }
    }
    try {
      MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
      List<String> files = new ArrayList<>();
      for (MatchResult.Metadata metadata : match.metadata()) {
        if (!metadata.resourceId().isDirectory()) {
          files.add(metadata.resourceId().toString());
        }
      }
      files.sort(Comparator.naturalOrder());
      return files;
    } catch (IOException e) {
      throw new BadInputException(manifest, "cannot list: " + e.getMessage(), e);
    }
  }
}
