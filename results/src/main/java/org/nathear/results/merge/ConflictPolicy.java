package org.nathear.results.merge;

import java.util.Locale;

/**
 * What merging does when two runs hold different results for the same (task, model) cell (see
 * {@link RunMerge}). Identical cells (equal in everything but timings) are never a conflict.
 */
public enum ConflictPolicy {
    /** Refuse: a {@link CellConflictException} names both files and both primary scores. */
    ERROR,
    /**
     * Keep the cell of the run that started last ({@code startedUtc}; then the greater
     * {@code runId}; then the later argument); each replaced cell is listed in the notes.
     */
    LATEST;

    /** Parses {@code error} or {@code latest} (any case); the error lists both. */
    public static ConflictPolicy parse(String text) {
        for (ConflictPolicy p : values()) {
            if (p.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new org.nathear.api.ConfigurationException("Unknown conflict policy '" + text + "'; expected one of "
                + java.util.Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
    }
}
