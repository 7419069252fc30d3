package org.nathear.results.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Facts about a model as it ran in a cell, for the leaderboard's model columns. Every field is
 * optional (null when not measured); the cell field {@code modelFacts} is itself optional and
 * absent from files written before it existed. {@code nathear validate-model} measures the same
 * quantities; the runner records them per cell (see docs/leaderboards.md: a cell served from the
 * embedding cache records no real-time factor or memory). Duplicate detection across result files
 * ignores them ({@link CellResult#withoutTimings()}).
 *
 * @param parameters      number of trainable and frozen parameters of the model's weights
 * @param realTimeFactor  seconds of wall time spent embedding per second of audio embedded (below 1:
 *                        faster than real time), on the machine of the run
 * @param peakMemoryBytes peak memory the model used while embedding (Java heap plus native memory where
 *                        the engine reports it), bytes
 * @param measuredBy      what measured the facts, e.g. {@code run} or {@code validate-model}
 */
public record ModelFacts(Long parameters, Double realTimeFactor, Long peakMemoryBytes, String measuredBy) {
    public ModelFacts {
        if (parameters != null && parameters < 0) {
            throw new IllegalArgumentException("parameters must be >= 0; got " + parameters);
        }
        if (realTimeFactor != null && !(realTimeFactor >= 0 && Double.isFinite(realTimeFactor))) {
            throw new IllegalArgumentException("realTimeFactor must be a finite number >= 0; got " + realTimeFactor);
        }
        if (peakMemoryBytes != null && peakMemoryBytes < 0) {
            throw new IllegalArgumentException("peakMemoryBytes must be >= 0; got " + peakMemoryBytes);
        }
    }

    /**
     * One model's facts over all its cells, as the leaderboard shows them.
     *
     * @param parameters      the largest parameter count any cell records (they agree for one model version)
     * @param embeddingSizes  the distinct embedding sizes of the model's scene/timestamp embeddings, ascending
     * @param realTimeFactor  the median real-time factor over the cells that record one
     * @param peakMemoryBytes the largest peak memory any cell records
     */
    public record Summary(String modelId, Long parameters, List<Integer> embeddingSizes, Double realTimeFactor,
                          Long peakMemoryBytes) {
        public Summary {
            embeddingSizes = List.copyOf(embeddingSizes);
        }

        /** True when at least one fact is known. */
        public boolean any() {
            return parameters != null || !embeddingSizes.isEmpty() || realTimeFactor != null || peakMemoryBytes != null;
        }
    }

    /** Summarises the facts of one model's cells (any status; cells of other models are ignored). */
    public static Summary summarize(String modelId, List<CellResult> cells) {
        Long parameters = null;
        Long memory = null;
        List<Double> rtf = new ArrayList<>();
        TreeSet<Integer> sizes = new TreeSet<>();
        for (CellResult c : cells) {
            if (!c.modelId().equals(modelId)) {
                continue;
            }
            if (c.embedding() != null && c.embedding().dimension() > 0) {
                sizes.add(c.embedding().dimension());
            }
            ModelFacts f = c.modelFacts();
            if (f == null) {
                continue;
            }
            if (f.parameters() != null) {
                parameters = parameters == null ? f.parameters() : Math.max(parameters, f.parameters());
            }
            if (f.peakMemoryBytes() != null) {
                memory = memory == null ? f.peakMemoryBytes() : Math.max(memory, f.peakMemoryBytes());
            }
            if (f.realTimeFactor() != null) {
                rtf.add(f.realTimeFactor());
            }
        }
        Double median = null;
        if (!rtf.isEmpty()) {
            rtf.sort(null);
            int n = rtf.size();
            median = n % 2 == 1 ? rtf.get(n / 2) : (rtf.get(n / 2 - 1) + rtf.get(n / 2)) / 2;
        }
        return new Summary(modelId, parameters, new ArrayList<>(sizes), median, memory);
    }
}
