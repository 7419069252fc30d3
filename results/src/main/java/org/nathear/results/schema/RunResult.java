package org.nathear.results.schema;

import java.util.List;

/**
 * Everything one {@code nathear run} produced: one cell per (task, model), with provenance.
 * Serialised as JSON by {@link org.nathear.results.files.ResultFiles}; the format is described in docs/result-format.md.
 *
 * @param schema       format id and version, {@link #SCHEMA}
 * @param runId        unique id of the run (UTC start time plus seed)
 * @param startedUtc   ISO-8601 UTC instant the run started
 * @param finishedUtc  ISO-8601 UTC instant the run finished (null while running)
 * @param resumedUtc   ISO-8601 UTC instants at which an interrupted run was resumed ({@code nathear run --resume}); empty for a run that was never interrupted
 * @param provenance   harness, JVM and platform facts
 * @param settings     what was asked for
 * @param cells        results per (task, model), sorted by task id then model id
 */
public record RunResult(String schema, String runId, String startedUtc, String finishedUtc, List<String> resumedUtc,
                        Provenance provenance, RunSettings settings, List<CellResult> cells) {
    /** The schema id written by this version of nathear. */
    public static final String SCHEMA = "nathear.run/3";

    /** The schema before typed settings, still read (see {@link org.nathear.results.files.ResultFiles#fromJson}). */
    public static final String SCHEMA_V2 = "nathear.run/2";

    /** The first schema, still read (see {@link org.nathear.results.files.ResultFiles#fromJson}). */
    public static final String SCHEMA_V1 = "nathear.run/1";

    public RunResult {
        resumedUtc = resumedUtc == null ? List.of() : List.copyOf(resumedUtc);
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    /** A run that was never resumed. */
    public RunResult(String schema, String runId, String startedUtc, String finishedUtc, Provenance provenance,
                     RunSettings settings, List<CellResult> cells) {
        this(schema, runId, startedUtc, finishedUtc, List.of(), provenance, settings, cells);
    }
}
