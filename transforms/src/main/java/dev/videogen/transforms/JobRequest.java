package dev.videogen.transforms;

import java.io.Serializable;

/**
 * A job as read from the command line or a manifest: its spec text, where it came from ({@code source},
 * for error messages), the folder its relative paths resolve against, and an optional output override.
 */
public record JobRequest(String source, String baseFolder, String specJson, String outputOverride)
    implements Serializable {}
