package org.nathear.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders run results as a Markdown leaderboard (GitHub-flavoured tables).
 *
 * <p>The main table has one row per model (run-settings order) and one column per task (settings
 * order), headed by the task id and its primary metric with ↑ (higher is better) or ↓. A cell is
 * {@code mean ± std} of the primary metric over the test folds, three decimals, {@link
 * java.util.Locale#ROOT}; a task scored on a single test split shows the value alone. Failed cells
 * read {@code FAILED [n]}, skipped ones {@code skipped [n]}, and numbered notes under the table give
 * their messages; {@code n/a} marks a (task, model) pair the run did not contain. Then, per task, a
 * table of every metric's mean.
 */
public final class MarkdownLeaderboard {
    private MarkdownLeaderboard() {
    }

    /** The leaderboard of one run. */
    public static String render(RunResult run) {
        return render(List.of(run));
    }

    /**
     * The leaderboard of several runs merged: tasks and models in order of first appearance, a later
     * run's cell replacing an earlier one for the same (task, model).
     */
    public static String render(List<RunResult> runs) {
        LeaderboardView view = new LeaderboardView(runs);
        Map<CellResult, Integer> notes = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder();
        md.append("# nathear leaderboard\n\n");
        for (RunResult run : view.runs) {
            md.append("Run `").append(run.runId()).append('`');
            if (run.settings() != null) {
                md.append(", seed ").append(run.settings().seed()).append(", probe ").append(run.settings().probe());
            }
            if (run.startedUtc() != null) {
                md.append(", started ").append(run.startedUtc());
            }
            md.append(".\n");
        }
        md.append('\n');

        List<String> header = new ArrayList<>();
        header.add("model");
        for (String task : view.taskIds) {
            header.add(task + " (" + metricLabel(view.primaryMetric(task)) + ")");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String model : view.modelIds) {
            List<String> row = new ArrayList<>();
            row.add(model);
            for (String task : view.taskIds) {
                row.add(primaryCell(view.cell(task, model), notes));
            }
            rows.add(row);
        }
        table(md, header, rows);
        md.append("\nScores: mean ± sample standard deviation over the test folds of the primary metric; "
                + "a single value is a single test split. ↑ higher is better, ↓ lower is better.\n");

        if (!notes.isEmpty()) {
            md.append("\nNotes:\n\n");
            for (Map.Entry<CellResult, Integer> note : notes.entrySet()) {
                CellResult cell = note.getKey();
                md.append(note.getValue()).append(". ").append(cell.modelId()).append(" on ").append(cell.taskId())
                        .append(cell.status() == CellStatus.FAILED ? " failed: " : " skipped: ")
                        .append(oneLine(cell.message())).append('\n');
            }
        }

        for (String task : view.taskIds) {
            List<String> metrics = view.metrics(task);
            int folds = view.folds(task);
            md.append("\n## ").append(task).append("\n\n");
            md.append("Primary metric ").append(metricLabel(view.primaryMetric(task))).append("; ")
                    .append(folds <= 1 ? "one test split.\n\n" : folds + " test folds, means shown.\n\n");
            List<String> taskHeader = new ArrayList<>();
            taskHeader.add("model");
            metrics.forEach(m -> taskHeader.add(metricLabel(m)));
            List<List<String>> taskRows = new ArrayList<>();
            for (String model : view.modelIds) {
                Optional<CellResult> cell = view.cell(task, model);
                List<String> row = new ArrayList<>();
                row.add(model);
                for (String metric : metrics) {
                    row.add(meanCell(cell, metric, notes));
                }
                taskRows.add(row);
            }
            table(md, taskHeader, taskRows);
        }
        return md.toString();
    }

    private static String primaryCell(Optional<CellResult> maybeCell, Map<CellResult, Integer> notes) {
        if (maybeCell.isEmpty()) {
            return "n/a";
        }
        CellResult cell = maybeCell.get();
        if (cell.status() != CellStatus.SUCCEEDED) {
            return statusCell(cell, notes);
        }
        MetricSummary summary = cell.metrics().get(cell.primaryMetric());
        if (summary == null) {
            return cell.primaryScore() == null ? "n/a" : LeaderboardView.format3(cell.primaryScore());
        }
        String mean = LeaderboardView.format3(summary.mean());
        return summary.perFold().size() > 1 ? mean + " ± " + LeaderboardView.format3(summary.std()) : mean;
    }

    private static String meanCell(Optional<CellResult> maybeCell, String metric, Map<CellResult, Integer> notes) {
        if (maybeCell.isEmpty()) {
            return "n/a";
        }
        CellResult cell = maybeCell.get();
        if (cell.status() != CellStatus.SUCCEEDED) {
            return statusCell(cell, notes);
        }
        MetricSummary summary = cell.metrics().get(metric);
        return summary == null ? "n/a" : LeaderboardView.format3(summary.mean());
    }

    private static String statusCell(CellResult cell, Map<CellResult, Integer> notes) {
        int number = notes.computeIfAbsent(cell, c -> notes.size() + 1);
        return (cell.status() == CellStatus.FAILED ? "FAILED" : "skipped") + " [" + number + "]";
    }

    private static String metricLabel(String metricId) {
        if (metricId.isEmpty()) {
            return "no primary metric";
        }
        String arrow = LeaderboardView.arrow(metricId);
        return arrow.isEmpty() ? metricId : metricId + " " + arrow;
    }

    private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
        row(md, header);
        md.append('|');
        for (int i = 0; i < header.size(); i++) {
            md.append(i == 0 ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<String> row : rows) {
            row(md, row);
        }
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
