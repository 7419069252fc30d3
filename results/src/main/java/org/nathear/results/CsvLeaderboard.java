package org.nathear.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders run results as CSV for spreadsheets and scripts: one row per (task, model, metric), in
 * the leaderboard's task, model and metric order, with full-precision numbers.
 *
 * <p>Columns: {@code task_id, model_id, status, metric, primary, higher_is_better, folds, mean, std,
 * message}. {@code status} is {@code succeeded}, {@code failed} or {@code skipped}; a cell that did
 * not succeed has one row, for its primary metric, with empty numbers and its message. Numbers are
 * Java's shortest round-trip decimals ({@code NaN}, {@code Infinity} spelled out), independent of the
 * locale. Fields are quoted as RFC 4180 says (when they hold a comma, quote or line break); lines end
 * with {@code \n}.
 */
public final class CsvLeaderboard {
    /** The header line's fields. */
    public static final List<String> COLUMNS = List.of("task_id", "model_id", "status", "metric", "primary",
            "higher_is_better", "folds", "mean", "std", "message");

    private CsvLeaderboard() {
    }

    /** The CSV of one run. */
    public static String render(RunResult run) {
        return render(List.of(run));
    }

    /** The CSV of several runs merged as {@link MarkdownLeaderboard#render(List)} merges them. */
    public static String render(List<RunResult> runs) {
        LeaderboardView view = new LeaderboardView(runs);
        StringBuilder csv = new StringBuilder();
        line(csv, COLUMNS);
        for (String task : view.taskIds) {
            String primary = view.primaryMetric(task);
            for (String model : view.modelIds) {
                Optional<CellResult> maybeCell = view.cell(task, model);
                if (maybeCell.isEmpty()) {
                    continue;
                }
                CellResult cell = maybeCell.get();
                String status = cell.status().name().toLowerCase(Locale.ROOT);
                if (cell.status() != CellStatus.SUCCEEDED) {
                    line(csv, List.of(task, model, status, cell.primaryMetric() == null ? "" : cell.primaryMetric(),
                            "true", higherIsBetter(cell.primaryMetric()), "", "", "", cell.message()));
                    continue;
                }
                for (String metric : view.metrics(task)) {
                    MetricSummary summary = cell.metrics().get(metric);
                    if (summary == null) {
                        continue;
                    }
                    line(csv, List.of(task, model, status, metric, Boolean.toString(metric.equals(primary)),
                            higherIsBetter(metric), Integer.toString(summary.perFold().size()),
                            Double.toString(summary.mean()), Double.toString(summary.std()), cell.message()));
                }
            }
        }
        return csv.toString();
    }

    private static String higherIsBetter(String metricId) {
        return metricId == null ? "" : LeaderboardView.known(metricId).map(m -> Boolean.toString(m.higherIsBetter()))
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
