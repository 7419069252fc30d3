package org.nathear.results.merge;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nathear.results.files.SourcedRun;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;

/**
 * Merges several runs into one grid of (task, model) cells, deterministically.
 *
 * <p>The rule (docs/leaderboards.md):
 * <ol>
 *   <li>Cells are keyed by (task id, model id).</li>
 *   <li>Cells of the same key that are equal in everything but their timings are duplicates (the
 *       same file given twice, a copied run): one is kept and a note says so.</li>
 *   <li>Otherwise they conflict. {@link ConflictPolicy#ERROR} throws a {@link CellConflictException}
 *       naming every conflict; {@link ConflictPolicy#LATEST} keeps the cell of the run that started
 *       last (then the greater run id, then the later argument) and notes every replacement. The
 *       outcome does not depend on the order of the arguments unless two runs have the same start
 *       time and id.</li>
 *   <li>Tasks and models are listed in the order the runs' settings name them (runs in argument
 *       order), then ids found only in cells, sorted.</li>
 * </ol>
 * A task whose kept cells carry different data hashes or task versions gets a note: its models were
 * not scored on the same data.
 */
public final class RunMerge {
    private RunMerge() {
    }

    /** A kept cell and the run it came from. */
    public record Sourced(CellResult cell, SourcedRun from) {
    }

    /** The merged grid. */
    public static final class Merged {
        private final List<SourcedRun> runs;
        private final List<String> taskIds;
        private final List<String> modelIds;
        private final Map<String, Map<String, Sourced>> cells;
        private final List<String> notes;

        Merged(List<SourcedRun> runs, List<String> taskIds, List<String> modelIds,
               Map<String, Map<String, Sourced>> cells, List<String> notes) {
            this.runs = List.copyOf(runs);
            this.taskIds = List.copyOf(taskIds);
            this.modelIds = List.copyOf(modelIds);
            this.cells = cells;
            this.notes = List.copyOf(notes);
        }

        /** The runs, in argument order. */
        public List<SourcedRun> runs() {
            return runs;
        }

        public List<String> taskIds() {
            return taskIds;
        }

        public List<String> modelIds() {
            return modelIds;
        }

        public Optional<CellResult> cell(String taskId, String modelId) {
            return sourced(taskId, modelId).map(Sourced::cell);
        }

        public Optional<Sourced> sourced(String taskId, String modelId) {
            return Optional.ofNullable(cells.getOrDefault(taskId, Map.of()).get(modelId));
        }

        /** Kept cells of a task, in model order. */
        public List<CellResult> cellsOf(String taskId) {
            List<CellResult> out = new ArrayList<>();
            for (String model : modelIds) {
                cell(taskId, model).ifPresent(out::add);
            }
            return out;
        }

        /** Every kept cell, task by task in task order, models in model order. */
        public List<Sourced> all() {
            List<Sourced> out = new ArrayList<>();
            for (String task : taskIds) {
                for (String model : modelIds) {
                    sourced(task, model).ifPresent(out::add);
                }
            }
            return out;
        }

        /** Duplicates dropped, cells replaced, data mismatches: one sentence each. */
        public List<String> notes() {
            return notes;
        }
    }

    /** Merges runs given in memory (sources named after their run ids), keeping the latest of conflicting cells. */
    public static Merged ofRuns(List<RunResult> runs) {
        if (runs == null || runs.isEmpty()) {
            throw new ResultFileException("A leaderboard needs at least one run; got " + (runs == null ? "null" : "none"));
        }
        return merge(runs.stream().map(r -> new SourcedRun(r, null)).toList(), ConflictPolicy.LATEST);
    }

    /**
     * Merges {@code runs} by the rule above.
     *
     * @throws CellConflictException with {@link ConflictPolicy#ERROR} when two runs disagree on a cell
     * @throws ResultFileException   when {@code runs} is empty
     */
    public static Merged merge(List<SourcedRun> runs, ConflictPolicy policy) {
        if (runs == null || runs.isEmpty()) {
            throw new ResultFileException("Nothing to merge: no result files were given");
        }
        Set<String> tasks = new LinkedHashSet<>();
        Set<String> models = new LinkedHashSet<>();
        for (SourcedRun sr : runs) {
            if (sr.run().settings() != null) {
                tasks.addAll(sr.run().settings().taskIds());
                models.addAll(sr.run().settings().modelIds());
            }
        }
        Set<String> extraTasks = new TreeSet<>();
        Set<String> extraModels = new TreeSet<>();
        Map<String, Map<String, List<Candidate>>> candidates = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            SourcedRun sr = runs.get(i);
            for (CellResult cell : sr.run().cells()) {
                candidates.computeIfAbsent(cell.taskId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(cell.modelId(), k -> new ArrayList<>()).add(new Candidate(cell, sr, i));
                if (!tasks.contains(cell.taskId())) {
                    extraTasks.add(cell.taskId());
                }
                if (!models.contains(cell.modelId())) {
                    extraModels.add(cell.modelId());
                }
            }
        }
        tasks.addAll(extraTasks);
        models.addAll(extraModels);

        List<String> notes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        Map<String, Map<String, Sourced>> kept = new LinkedHashMap<>();
        for (String task : tasks) {
            for (String model : models) {
                List<Candidate> list = candidates.getOrDefault(task, Map.of()).getOrDefault(model, List.of());
                if (list.isEmpty()) {
                    continue;
                }
                List<Candidate> ordered = new ArrayList<>(list);
                ordered.sort(LATEST_LAST);
                Candidate winner = ordered.get(ordered.size() - 1);
                List<Candidate> distinct = new ArrayList<>();
                for (Candidate c : ordered) {
                    if (distinct.stream().noneMatch(d -> d.comparable.equals(c.comparable))) {
                        distinct.add(c);
                    } else {
                        notes.add(String.format(Locale.ROOT, "%s on %s: identical cells in %s and %s; kept once.",
                                model, task, distinct.stream().filter(d -> d.comparable.equals(c.comparable))
                                        .findFirst().orElseThrow().describeSource(), c.describeSource()));
                    }
                }
                if (distinct.size() > 1) {
                    if (policy == ConflictPolicy.ERROR) {
                        StringBuilder line = new StringBuilder(model + " on " + task + ": ");
                        for (int i = 0; i < distinct.size(); i++) {
                            line.append(i == 0 ? "" : " vs ").append(distinct.get(i).describe());
                        }
                        conflicts.add(line.toString());
                    } else {
                        for (Candidate loser : distinct) {
                            if (loser != winner && !loser.comparable.equals(winner.comparable)) {
                                notes.add(model + " on " + task + ": " + loser.describe() + " replaced by "
                                        + winner.describe() + " (the run that started last wins).");
                            }
                        }
                    }
                }
                kept.computeIfAbsent(task, k -> new LinkedHashMap<>()).put(model,
                        new Sourced(withMeasuredFacts(winner, ordered), winner.run));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new CellConflictException(conflicts);
        }
        for (String task : tasks) {
            Map<String, Sourced> row = kept.getOrDefault(task, Map.of());
            Map<String, List<String>> byHash = new TreeMap<>();
            Map<String, List<String>> byVersion = new TreeMap<>();
            for (Sourced s : row.values()) {
                if (s.cell().taskDataHash() != null) {
                    byHash.computeIfAbsent(s.cell().taskDataHash(), k -> new ArrayList<>()).add(s.cell().modelId());
                }
                if (s.cell().taskVersion() != null && !"unknown".equals(s.cell().taskVersion())) {
                    byVersion.computeIfAbsent(s.cell().taskVersion(), k -> new ArrayList<>()).add(s.cell().modelId());
                }
            }
            if (byVersion.size() > 1) {
                notes.add("Task " + task + " has cells from different task versions " + byVersion
                        + "; their scores are not comparable.");
            }
            if (byHash.size() > 1) {
                notes.add("Task " + task + " has cells scored on different data (data hash → models: " + byHash
                        + "); compare them with care.");
            }
        }
        return new Merged(runs, List.copyOf(tasks), List.copyOf(models), kept, notes);
    }

    /** Orders candidates so that the winner under {@link ConflictPolicy#LATEST} comes last. */
    private static final Comparator<Candidate> LATEST_LAST = Comparator
            .comparing((Candidate c) -> c.started)
            .thenComparing(c -> c.run.run().runId() == null ? "" : c.run.run().runId())
            .thenComparingInt(c -> c.index);


    /**
     * The winning cell, with the model facts of the latest identical cell that has them when the winner
     * has none (a warm rerun, served from the cache, measures nothing; its cold twin did).
     */
    private static CellResult withMeasuredFacts(Candidate winner, List<Candidate> ordered) {
        if (winner.cell.modelFacts() != null) {
            return winner.cell;
        }
        for (int i = ordered.size() - 1; i >= 0; i--) {
            Candidate c = ordered.get(i);
            if (c.cell.modelFacts() != null && c.comparable.equals(winner.comparable)) {
                return winner.cell.withModelFacts(c.cell.modelFacts());
            }
        }
        return winner.cell;
    }
    private static final class Candidate {
        final CellResult cell;
        final SourcedRun run;
        final int index;
        final Instant started;
        final CellResult comparable;

        Candidate(CellResult cell, SourcedRun run, int index) {
            this.cell = cell;
            this.run = run;
            this.index = index;
            this.started = parse(run.run().startedUtc());
            this.comparable = cell.withoutTimings();
        }

        String describeSource() {
            return run.source() + " (run " + run.run().runId() + ")";
        }

        String describe() {
            String score = cell.status() != CellStatus.SUCCEEDED ? cell.status().name()
                    : cell.primaryMetric() + " = " + (cell.primaryScore() == null ? "null"
                    : String.format(Locale.ROOT, "%.4f", cell.primaryScore()));
            return score + " in " + describeSource() + (run.run().startedUtc() == null ? ""
                    : " started " + run.run().startedUtc());
        }

        private static Instant parse(String utc) {
            if (utc == null) {
                return Instant.MIN;
            }
            try {
                return Instant.parse(utc);
            } catch (DateTimeParseException e) {
                return Instant.MIN;
            }
        }
    }
}
