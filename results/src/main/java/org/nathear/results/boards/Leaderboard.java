package org.nathear.results.boards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.nathear.api.Metric;
import org.nathear.results.files.SourcedRun;
import org.nathear.results.merge.ConflictPolicy;
import org.nathear.results.merge.RunMerge;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ModelFacts;
import org.nathear.results.schema.RunResult;
import org.nathear.results.scores.SmScores;
import org.nathear.results.scores.TaskGroup;

/**
 * Everything a leaderboard shows, computed once from merged runs: the (task, model) grid
 * ({@link RunMerge}), each task's group ({@link TaskGroup}), s(m) per group with intervals and the
 * HEAR→Nat-HEAR drop ({@link SmScores}), the DoA table ({@link DoaTable}) and notes. The renderers
 * ({@link MarkdownLeaderboard}, {@link CsvLeaderboard}, {@link HtmlLeaderboard}) only format it.
 */
public final class Leaderboard {
    /** The default s(m) baseline: HEAR-Naive. */
    public static final String DEFAULT_BASELINE = "hear-naive";

    /**
     * How to build the leaderboard.
     *
     * @param baselineModel the s(m) baseline's model id
     * @param comparisonSet models whose best defines each task's 100 in s(m); empty = every model with a score
     * @param onConflict    what to do with conflicting cells ({@link RunMerge})
     * @param taskGroups    task id → group, overriding {@link TaskGroup#classify}
     */
    public record Options(String baselineModel, List<String> comparisonSet, ConflictPolicy onConflict,
                          Map<String, TaskGroup> taskGroups) {
        public Options {
            baselineModel = baselineModel == null || baselineModel.isBlank() ? DEFAULT_BASELINE : baselineModel;
            comparisonSet = comparisonSet == null ? List.of() : List.copyOf(comparisonSet);
            onConflict = onConflict == null ? ConflictPolicy.LATEST : onConflict;
            taskGroups = taskGroups == null ? Map.of() : Map.copyOf(taskGroups);
        }

        /** HEAR-Naive baseline, every model compared, later runs winning conflicts, groups by layout. */
        public static Options defaults() {
            return new Options(DEFAULT_BASELINE, List.of(), ConflictPolicy.LATEST, Map.of());
        }
    }

    private final Options options;
    private final RunMerge.Merged merged;
    private final Map<String, TaskGroup.Assignment> groups;
    private final SmScores.Report sm;
    private final List<DoaTable.Row> doa;
    private final List<String> notes;

    private Leaderboard(Options options, RunMerge.Merged merged) {
        this.options = options;
        this.merged = merged;
        Map<String, TaskGroup.Assignment> g = new LinkedHashMap<>();
        for (String task : merged.taskIds()) {
            g.put(task, TaskGroup.classify(task, merged.cellsOf(task), options.taskGroups()));
        }
        this.groups = java.util.Collections.unmodifiableMap(g);
        boolean baselinePresent = merged.modelIds().contains(options.baselineModel());
        this.sm = baselinePresent ? SmScores.compute(merged, groups, options.baselineModel(), options.comparisonSet())
                : null;
        this.doa = DoaTable.rows(merged, groups);
        List<String> n = new ArrayList<>(merged.notes());
        if (!baselinePresent) {
            n.add("s(m) not computed: the baseline model " + options.baselineModel()
                    + " has no cells in these results (choose another with --baseline-model).");
        } else {
            n.addAll(sm.notes());
        }
        for (Map.Entry<String, TaskGroup.Assignment> e : groups.entrySet()) {
            if (e.getValue().reason().startsWith("layout unknown")) {
                n.add("Task " + e.getKey() + ": " + e.getValue().reason() + ".");
            }
        }
        this.notes = List.copyOf(n);
    }

    /** Builds the leaderboard of runs read from files. */
    public static Leaderboard build(List<SourcedRun> runs, Options options) {
        return new Leaderboard(options, RunMerge.merge(runs, options.onConflict()));
    }

    /** The leaderboard of runs in memory, with {@link Options#defaults()}. */
    public static Leaderboard of(List<RunResult> runs) {
        return new Leaderboard(Options.defaults(), RunMerge.ofRuns(runs));
    }

    public Options options() {
        return options;
    }

    public RunMerge.Merged merged() {
        return merged;
    }

    public List<SourcedRun> runs() {
        return merged.runs();
    }

    public List<String> taskIds() {
        return merged.taskIds();
    }

    public List<String> modelIds() {
        return merged.modelIds();
    }

    public Optional<CellResult> cell(String taskId, String modelId) {
        return merged.cell(taskId, modelId);
    }

    /** Task id → its group and why. */
    public Map<String, TaskGroup.Assignment> groups() {
        return groups;
    }

    /** s(m), or empty when the baseline model has no cells. */
    public Optional<SmScores.Report> sm() {
        return Optional.ofNullable(sm);
    }

    public List<DoaTable.Row> doa() {
        return doa;
    }

    /** Per model, in leaderboard order: parameters, embedding sizes, real-time factor and memory from its cells. */
    public Map<String, ModelFacts.Summary> modelFacts() {
        Map<String, ModelFacts.Summary> out = new LinkedHashMap<>();
        List<CellResult> all = new ArrayList<>();
        for (String task : merged.taskIds()) {
            all.addAll(merged.cellsOf(task));
        }
        for (String model : merged.modelIds()) {
            out.put(model, ModelFacts.summarize(model, all));
        }
        return out;
    }

    /** Localization tasks (those in the DoA table), in task order. */
    public List<String> doaTasks() {
        List<String> tasks = new ArrayList<>();
        for (DoaTable.Row r : doa) {
            if (!tasks.contains(r.taskId())) {
                tasks.add(r.taskId());
            }
        }
        return tasks;
    }

    /** The DoA row of one (task, model), if the task is a localization task and the model has a cell on it. */
    public Optional<DoaTable.Row> doaRow(String taskId, String modelId) {
        return doa.stream().filter(r -> r.taskId().equals(taskId) && r.modelId().equals(modelId)).findFirst();
    }

    /**
     * The models of the summary table (the paper's table), in leaderboard order: those with an s(m)
     * in some group or a cell on a localization task.
     */
    public List<String> summaryModels() {
        List<String> out = new ArrayList<>();
        for (String model : merged.modelIds()) {
            boolean sm = this.sm != null && this.sm.groups().stream().anyMatch(g -> g.model(model).isPresent());
            boolean loc = doa.stream().anyMatch(r -> r.modelId().equals(model));
            if (sm || loc) {
                out.add(model);
            }
        }
        return out;
    }

    /** Merge notes, s(m) notes, classification notes. */
    public List<String> notes() {
        return notes;
    }

    /** The task's primary metric id, from its cells (empty if no cell names one). */
    public String primaryMetric(String taskId) {
        for (CellResult cell : merged.cellsOf(taskId)) {
            if (cell.primaryMetric() != null && !cell.primaryMetric().isEmpty() && !"unknown".equals(cell.primaryMetric())) {
                return cell.primaryMetric();
            }
        }
        return "";
    }

    /** Number of test folds of the task: the most per-fold values any of its cells has for the primary metric. */
    public int folds(String taskId) {
        String primary = primaryMetric(taskId);
        int folds = 0;
        for (CellResult cell : merged.cellsOf(taskId)) {
            MetricSummary summary = cell.metrics().get(primary);
            if (summary != null) {
                folds = Math.max(folds, summary.perFold().size());
            }
        }
        return folds;
    }

    /** Metric ids of the task: the primary first, then nathear's known metrics in enum order, then others by id. */
    public List<String> metrics(String taskId) {
        Set<String> found = new LinkedHashSet<>();
        for (CellResult cell : merged.cellsOf(taskId)) {
            found.addAll(cell.metrics().keySet());
        }
        String primary = primaryMetric(taskId);
        List<String> ordered = new ArrayList<>();
        if (!primary.isEmpty()) {
            ordered.add(primary);
        }
        found.stream()
                .filter(id -> !id.equals(primary))
                .sorted(Comparator.comparingInt((String id) -> known(id).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
                        .thenComparing(Comparator.naturalOrder()))
                .forEach(ordered::add);
        return ordered;
    }

    static Optional<Metric> known(String metricId) {
        for (Metric metric : Metric.values()) {
            if (metric.id().equals(metricId)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }

    /** "↑" for higher-is-better metrics, "↓" for lower-is-better ones, "" for unknown ids. */
    static String arrow(String metricId) {
        return known(metricId).map(m -> m.higherIsBetter() ? "↑" : "↓").orElse("");
    }

    /** Three decimals, Locale.ROOT; NaN and infinities as Java spells them. */
    static String format3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** One decimal, Locale.ROOT (s(m) points). */
    static String format1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Two decimals, Locale.ROOT (mean ranks); {@code n/a} for NaN. */
    static String format2(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** {@code [low, high]} with three decimals, or {@code n/a}. */
    static String interval3(BootstrapInterval interval) {
        if (interval == null || Double.isNaN(interval.low())) {
            return "n/a";
        }
        return "[" + format3(interval.low()) + ", " + format3(interval.high()) + "]";
    }

    /** {@code [low, high]} with one decimal, or {@code n/a}. */
    static String interval1(double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return "n/a";
        }
        return "[" + format1(low) + ", " + format1(high) + "]";
    }
}
