package org.nathear.results.schema;

/** How a (task, model) cell ended. */
public enum CellStatus {
    SUCCEEDED,
    /** Not run, for a stated reason (e.g. the task kind is not supported yet). */
    SKIPPED,
    /** Failed; the message says where and why. Other cells still ran. */
    FAILED
}
