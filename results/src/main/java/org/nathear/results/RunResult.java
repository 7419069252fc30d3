package org.nathear.results;

import java.util.List;

/**
 * Everything one {@code nathear run} produced: one cell per (task, model), with provenance.
 * Serialised as JSON by {@link ResultFiles}; the format is described in docs/result-format.md.
 *
 * @param schema       format id and version, {@link #SCHEMA}
 * @param runId        unique id of the run (UTC start time plus seed)
 * @param startedUtc   ISO-8601 UTC instant the run started
 * @param finishedUtc  ISO-8601 UTC instant the run finished (null while running)
 * @param provenance   harness, JVM and platform facts
 * @param settings     what was asked for
 * @param cells        results per (task, model), sorted by task id then model id
 */
public record RunResult(String schema, String runId, String startedUtc, String finishedUtc, Provenance provenance,
                        RunSettings settings, List<CellResult> cells) {
    /** The schema id written by this version of nathear. */
    public static final String SCHEMA = "nathear.run/1";

    public RunResult {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }
}
