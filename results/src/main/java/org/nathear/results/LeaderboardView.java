package org.nathear.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.nathear.api.Metric;

/**
 * The grid the leaderboards render: tasks and models in run-settings order (ids found only in cells
 * follow, sorted), one cell per (task, model), metrics per task with the primary first. Several
 * runs merge in order; a later run's cell replaces an earlier one for the same (task, model).
 */
final class LeaderboardView {
    final List<RunResult> runs;
    final List<String> taskIds;
    final List<String> modelIds;
    private final Map<String, Map<String, CellResult>> cellsByTask = new LinkedHashMap<>();

    LeaderboardView(List<RunResult> runs) {
        if (runs == null || runs.isEmpty()) {
            throw new ResultFileException("A leaderboard needs at least one run; got " + (runs == null ? "null" : "none"));
        }
        this.runs = List.copyOf(runs);
        Set<String> tasks = new LinkedHashSet<>();
        Set<String> models = new LinkedHashSet<>();
        for (RunResult run : runs) {
            if (run.settings() != null) {
                tasks.addAll(run.settings().taskIds());
                models.addAll(run.settings().modelIds());
            }
        }
        Set<String> extraTasks = new TreeSet<>();
        Set<String> extraModels = new TreeSet<>();
        for (RunResult run : runs) {
            for (CellResult cell : run.cells()) {
                cellsByTask.computeIfAbsent(cell.taskId(), k -> new LinkedHashMap<>()).put(cell.modelId(), cell);
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
        this.taskIds = List.copyOf(tasks);
        this.modelIds = List.copyOf(models);
    }

    Optional<CellResult> cell(String taskId, String modelId) {
        return Optional.ofNullable(cellsByTask.getOrDefault(taskId, Map.of()).get(modelId));
    }

    /** The task's primary metric id, from its cells (empty if no cell names one). */
    String primaryMetric(String taskId) {
        for (CellResult cell : cellsByTask.getOrDefault(taskId, Map.of()).values()) {
            if (cell.primaryMetric() != null && !cell.primaryMetric().isEmpty()) {
                return cell.primaryMetric();
            }
        }
        return "";
    }

    /** Number of test folds of the task: the most per-fold values any of its cells has for the primary metric. */
    int folds(String taskId) {
        String primary = primaryMetric(taskId);
        int folds = 0;
        for (CellResult cell : cellsByTask.getOrDefault(taskId, Map.of()).values()) {
            MetricSummary summary = cell.metrics().get(primary);
            if (summary != null) {
                folds = Math.max(folds, summary.perFold().size());
            }
        }
        return folds;
    }

    /** Metric ids of the task: the primary first, then nathear's known metrics in enum order, then others by id. */
    List<String> metrics(String taskId) {
        Set<String> found = new LinkedHashSet<>();
        for (CellResult cell : cellsByTask.getOrDefault(taskId, Map.of()).values()) {
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
}
