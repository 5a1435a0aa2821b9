package dev.videogen.transforms;

import dev.videogen.media.BadInputException;
import dev.videogen.media.spec.JobSpec;
import dev.videogen.media.spec.JobSpecParser;
import java.io.Serializable;

/**
 * A job as read from the command line or a manifest: its spec text, where it came from ({@code source},
 * for error messages), the folder its relative paths resolve against, and an optional output override.
 */
public record JobRequest(String source, String baseFolder, String specJson, String outputOverride)
    implements Serializable {

  /** The validated spec, with the output override applied; throws {@link BadInputException} naming the field. */
  public JobSpec spec() {
    JobSpec spec = JobSpecParser.parse(specJson, baseFolder);
    return outputOverride == null ? spec : spec.withOutput(outputOverride);
  }
}
