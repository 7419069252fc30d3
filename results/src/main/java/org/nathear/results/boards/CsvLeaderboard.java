package org.nathear.results.boards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.RunResult;
import org.nathear.results.scores.SmScores;

/**
 * Renders a leaderboard as CSV for spreadsheets and scripts: one row per (task, model, metric), in
 * the leaderboard's task, model and metric order, with full-precision numbers; then one row per
 * model and task group for s(m), and one per model for the HEAR→Nat-HEAR drop.
 *
 * <p>Columns: {@code task_id, model_id, status, metric, primary, higher_is_better, folds, mean, std,
 * message, ci_low, ci_high}. {@code status} is {@code succeeded}, {@code failed} or
 * {@code skipped}; a cell that did not succeed has one row, for its primary metric, with empty
 * numbers and its message. {@code ci_low}/{@code ci_high} hold the primary metric's bootstrap
 * interval (empty elsewhere). Summary rows have status {@code summary}, task id
 * {@code group:HEAR} / {@code group:Nat-HEAR} and metric {@code s_m}, {@code s_m_unclipped} (no floor at the
 * baseline) or {@code mean_rank}, or task id
 * {@code group:HEAR->Nat-HEAR} and metric {@code s_m_drop}; {@code folds} then holds the number of
 * tasks the model has a score on. Numbers are Java's shortest round-trip decimals ({@code NaN},
 * {@code Infinity} spelled out), independent of the locale. Fields are quoted as RFC 4180 says
 * (when they hold a comma, quote or line break); lines end with {@code \n}.
 */
public final class CsvLeaderboard {
    /** The header line's fields. */
    public static final List<String> COLUMNS = List.of("task_id", "model_id", "status", "metric", "primary",
            "higher_is_better", "folds", "mean", "std", "message", "ci_low", "ci_high");

    private CsvLeaderboard() {
    }

    /** The CSV of one run. */
    public static String render(RunResult run) {
        return render(List.of(run));
    }

    /** The CSV of several runs merged with {@link Leaderboard.Options#defaults()}. */
    public static String render(List<RunResult> runs) {
        return render(Leaderboard.of(runs));
    }

    /** The CSV of a built leaderboard. */
    public static String render(Leaderboard board) {
        StringBuilder csv = new StringBuilder();
        line(csv, COLUMNS);
        for (String task : board.taskIds()) {
            String primary = board.primaryMetric(task);
            for (String model : board.modelIds()) {
                Optional<CellResult> maybeCell = board.cell(task, model);
                if (maybeCell.isEmpty()) {
                    continue;
                }
                CellResult cell = maybeCell.get();
                String status = cell.status().name().toLowerCase(Locale.ROOT);
                if (cell.status() != CellStatus.SUCCEEDED) {
                    line(csv, List.of(task, model, status, cell.primaryMetric() == null ? "" : cell.primaryMetric(),
                            "true", higherIsBetter(cell.primaryMetric()), "", "", "", cell.message(), "", ""));
                    continue;
                }
                for (String metric : board.metrics(task)) {
                    MetricSummary summary = cell.metrics().get(metric);
                    if (summary == null) {
                        continue;
                    }
                    BootstrapInterval ci = metric.equals(cell.primaryMetric()) ? cell.primaryInterval() : null;
                    line(csv, List.of(task, model, status, metric, Boolean.toString(metric.equals(primary)),
                            higherIsBetter(metric), Integer.toString(summary.perFold().size()),
                            Double.toString(summary.mean()), Double.toString(summary.std()), cell.message(),
                            ci == null ? "" : Double.toString(ci.low()), ci == null ? "" : Double.toString(ci.high())));
                }
            }
        }
        board.sm().ifPresent(sm -> {
            String message = "baseline " + sm.baselineModel() + "; comparison set " + String.join(" ", sm.comparisonSet());
            for (SmScores.Group g : sm.groups()) {
                for (SmScores.ModelScore s : g.models()) {
                    line(csv, List.of("group:" + g.group().label(), s.modelId(), "summary", "s_m", "true", "true",
                            Integer.toString(s.tasksScored()), Double.toString(s.score()), "",
                            message + "; " + s.tasksScored() + " of " + s.tasks() + " tasks scored",
                            number(s.low()), number(s.high())));
                    line(csv, List.of("group:" + g.group().label(), s.modelId(), "summary", "s_m_unclipped", "false", "true",
                            Integer.toString(s.tasksScored()), Double.toString(s.unclipped()), "",
                            message + "; s(m) without the floor at the baseline", "", ""));
                    line(csv, List.of("group:" + g.group().label(), s.modelId(), "summary", "mean_rank", "false", "false",
                            Integer.toString(s.tasksScored()), Double.toString(s.meanRank()), "",
                            "rank among the models on each task (1 = best), a missing score ranking last", "", ""));
                }
            }
            for (SmScores.Drop d : sm.drops()) {
                line(csv, List.of("group:HEAR->Nat-HEAR", d.modelId(), "summary", "s_m_drop", "true", "false", "",
                        Double.toString(d.drop()), "", message, number(d.low()), number(d.high())));
            }
        });
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String higherIsBetter(String metricId) {
        return metricId == null ? "" : Leaderboard.known(metricId).map(m -> Boolean.toString(m.higherIsBetter()))
                .orElse("");
    }

    private static void line(StringBuilder csv, List<String> fields) {
        List<String> quoted = new ArrayList<>(fields.size());
        for (String field : fields) {
            quoted.add(quote(field));
        }
        csv.append(String.join(",", quoted)).append('\n');
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
