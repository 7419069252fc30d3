package org.nathear.results.files;

import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;

/**
 * A run and where it was read from (a file path, or a description for runs made in memory), for
 * messages that name files.
 */
public record SourcedRun(RunResult run, String source) {
    public SourcedRun {
        if (run == null) {
            throw new ResultFileException("A run to merge must not be null (source " + source + ")");
        }
        source = source == null || source.isEmpty() ? "run " + run.runId() : source;
    }

    /** Reads {@code file} (see {@link ResultFiles#read}). */
    public static SourcedRun read(java.nio.file.Path file) {
        return new SourcedRun(ResultFiles.read(file), file.toString());
    }
}
