package org.nathear.results.boards;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nathear.results.merge.RunMerge;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.Histogram;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.scores.TaskGroup;

/**
 * The localization summary: per localization task and model, the DoA error (mean and median over
 * test clips, each averaged over the test folds), accuracy within 20°, front–back confusion where
 * the evaluator reports it, the primary score's confidence interval, and the per-clip error
 * distribution where the cell stores one ({@link Histogram#DOA_ERROR_DEG}).
 */
public final class DoaTable {
    /** Metric ids of the DoA summary, in column order. */
    public static final String MEAN = "doa_error_mean_deg";
    public static final String MEDIAN = "doa_error_median_deg";
    public static final String ACC20 = "doa_acc_20deg";
    public static final String FRONT_BACK = "front_back_confusion";

    private DoaTable() {
    }

    /** One (task, model) row; absent metrics are null. */
    public record Row(String taskId, String modelId, CellStatus status, String primaryMetric, MetricSummary meanError,
                      MetricSummary medianError, MetricSummary accuracy20, MetricSummary frontBack,
                      BootstrapInterval primaryInterval, Histogram errors) {
    }

    /**
     * Rows for every task that is in the localization group or reports a DoA error, task by task,
     * models in leaderboard order.
     */
    public static List<Row> rows(RunMerge.Merged merged, Map<String, TaskGroup.Assignment> groups) {
        List<Row> rows = new ArrayList<>();
        for (String task : localizationTasks(merged, groups)) {
            for (String model : merged.modelIds()) {
                Optional<CellResult> c = merged.cell(task, model);
                if (c.isEmpty()) {
                    continue;
                }
                CellResult cell = c.get();
                Map<String, MetricSummary> m = cell.metrics();
                rows.add(new Row(task, model, cell.status(), cell.primaryMetric(), m.get(MEAN), m.get(MEDIAN),
                        m.get(ACC20), m.get(FRONT_BACK), cell.primaryInterval(),
                        cell.distributions().get(Histogram.DOA_ERROR_DEG)));
            }
        }
        return rows;
    }

    /** Tasks in the localization group or with a DoA error metric in any cell, in task order. */
    public static List<String> localizationTasks(RunMerge.Merged merged, Map<String, TaskGroup.Assignment> groups) {
        List<String> tasks = new ArrayList<>();
        for (String task : merged.taskIds()) {
            TaskGroup.Assignment a = groups.get(task);
            boolean doaMetric = merged.cellsOf(task).stream().anyMatch(c -> c.metrics().containsKey(MEAN));
            if ((a != null && a.group() == TaskGroup.LOCALIZATION) || doaMetric) {
                tasks.add(task);
            }
        }
        return tasks;
    }
}
