package org.nathear.results.boards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nathear.results.files.SourcedRun;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ModelFacts;
import org.nathear.results.schema.RunResult;
import org.nathear.results.scores.SmScores;

/**
 * Renders a {@link Leaderboard} as Markdown (GitHub-flavoured tables).
 *
 * <p>Sections, in order:
 * <ol>
 *   <li>the summary the GRAM paper reports: per model, HEAR and Nat-HEAR s(m) with intervals, the
 *       HEAR→Nat-HEAR drop, and mean / median DoA error per localization task;</li>
 *   <li>the main table: one row per model, one column per task headed by the task id and its
 *       primary metric with ↑ (higher is better) or ↓; a cell is {@code mean ± std} of the primary
 *       metric over the test folds, three decimals, {@link java.util.Locale#ROOT} (one value for a
 *       single test split); {@code FAILED [n]} / {@code skipped [n]} with numbered notes giving the
 *       messages; {@code n/a} for a pair no run contains;</li>
 *   <li>model facts (embedding size, parameters, real-time factor, memory), when cells record any;</li>
 *   <li>s(m) per task group (HEAR, Nat-HEAR) with 95 % intervals, the unclipped s(m) and the mean
 *       rank, tasks counted, and the HEAR→Nat-HEAR drop; then every model's normalised score per
 *       task (×100, the unclipped value in parentheses where clipping changed it);</li>
 *   <li>the DoA table, when there are localization tasks;</li>
 *   <li>merge, s(m) and data notes;</li>
 *   <li>the runs merged (id, seed, probe, start time);</li>
 *   <li>per task, every metric's mean and the primary metric's 95 % interval.</li>
 * </ol>
 */
public final class MarkdownLeaderboard {
    private MarkdownLeaderboard() {
    }

    /** The leaderboard of one run. */
    public static String render(RunResult run) {
        return render(List.of(run));
    }

    /** The leaderboard of several runs merged with {@link Leaderboard.Options#defaults()}. */
    public static String render(List<RunResult> runs) {
        return render(Leaderboard.of(runs));
    }

    /** Renders a built leaderboard. */
    public static String render(Leaderboard board) {
        Map<CellResult, Integer> notes = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder();
        md.append("# nathear leaderboard\n");
        summarySection(md, board);

        md.append("\n## Scores per task\n\n");
        List<String> header = new ArrayList<>();
        header.add("model");
        for (String task : board.taskIds()) {
            header.add(SafeText.markdown(task) + " (" + metricLabel(board.primaryMetric(task)) + ")");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String model : board.modelIds()) {
            List<String> row = new ArrayList<>();
            row.add(SafeText.markdown(model));
            for (String task : board.taskIds()) {
                row.add(primaryCell(board.cell(task, model), notes));
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
                md.append(note.getValue()).append(". ").append(SafeText.markdown(cell.modelId())).append(" on ")
                        .append(SafeText.markdown(cell.taskId()))
                        .append(cell.status() == CellStatus.FAILED ? " failed: " : " skipped: ")
                        .append(SafeText.markdown(cell.message())).append('\n');
            }
        }

        modelsSection(md, board);
        board.sm().ifPresent(sm -> smSection(md, board, sm));
        if (!board.doa().isEmpty()) {
            doaSection(md, board);
        }
        if (!board.notes().isEmpty()) {
            md.append("\n## Notes on merging and s(m)\n\n");
            for (String note : board.notes()) {
                md.append("- ").append(SafeText.markdown(note)).append('\n');
            }
        }
        md.append("\n## Runs\n\n");
        for (SourcedRun sr : board.runs()) {
            RunResult run = sr.run();
            md.append("Run ").append(run.runId().matches("[A-Za-z0-9._-]+") ? "`" + run.runId() + "`" : SafeText.markdown(run.runId()));
            if (run.settings() != null) {
                md.append(", seed ").append(run.settings().seed()).append(", probe ").append(run.settings().probe());
            }
            if (run.startedUtc() != null) {
                md.append(", started ").append(run.startedUtc());
            }
            if (!run.resumedUtc().isEmpty()) {
                md.append(", resumed ").append(String.join(", ", run.resumedUtc()));
            }
            md.append(".\n");
        }

        for (String task : board.taskIds()) {
            List<String> metrics = board.metrics(task);
            int folds = board.folds(task);
            md.append("\n## ").append(SafeText.markdown(task)).append("\n\n");
            md.append("Primary metric ").append(metricLabel(board.primaryMetric(task))).append("; ")
                    .append(folds <= 1 ? "one test split" : folds + " test folds, means shown")
                    .append("; group ").append(board.groups().get(task).group().label()).append(".\n\n");
            List<String> taskHeader = new ArrayList<>();
            taskHeader.add("model");
            metrics.forEach(m -> taskHeader.add(metricLabel(m)));
            taskHeader.add("primary 95% CI");
            List<List<String>> taskRows = new ArrayList<>();
            for (String model : board.modelIds()) {
                Optional<CellResult> cell = board.cell(task, model);
                List<String> row = new ArrayList<>();
                row.add(SafeText.markdown(model));
                for (String metric : metrics) {
                    row.add(meanCell(cell, metric, notes));
                }
                row.add(cell.isPresent() && cell.get().status() == CellStatus.SUCCEEDED
                        ? Leaderboard.interval3(cell.get().primaryInterval()) : cell.isPresent() ? statusCell(cell.get(), notes) : "n/a");
                taskRows.add(row);
            }
            table(md, taskHeader, taskRows);
        }
        return md.toString();
    }

    /**
     * The paper's table: per model, HEAR s(m) and Nat-HEAR s(m) with intervals, the HEAR→Nat-HEAR
     * drop, and mean / median DoA error per localization task. Left out when there is neither s(m)
     * nor a localization task.
     */
    private static void summarySection(StringBuilder md, Leaderboard board) {
        List<String> models = board.summaryModels();
        Optional<SmScores.Report> sm = board.sm().filter(r -> !r.groups().isEmpty());
        List<String> doaTasks = board.doaTasks();
        if (models.isEmpty() || (sm.isEmpty() && doaTasks.isEmpty())) {
            return;
        }
        md.append("\n## Summary\n\n");
        List<String> header = new ArrayList<>();
        header.add("model");
        List<SmScores.Group> groups = sm.map(SmScores.Report::groups).orElse(List.of());
        for (SmScores.Group g : groups) {
            header.add(g.group().label() + " s(m) ↑");
        }
        boolean drops = sm.isPresent() && !sm.get().drops().isEmpty();
        if (drops) {
            header.add("drop HEAR→Nat-HEAR");
        }
        for (String task : doaTasks) {
            header.add(SafeText.markdown(task) + " DoA error mean / median (°) ↓");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String model : models) {
            List<String> row = new ArrayList<>();
            row.add(sm.isPresent() && !sm.get().comparisonSet().contains(model) ? SafeText.markdown(model) + " †" : SafeText.markdown(model));
            for (SmScores.Group g : groups) {
                row.add(g.model(model).map(MarkdownLeaderboard::smWithInterval).orElse("n/a"));
            }
            if (drops) {
                row.add(sm.get().drops().stream().filter(x -> x.modelId().equals(model)).findFirst()
                        .map(d -> withInterval(d.drop(), d.low(), d.high())).orElse("n/a"));
            }
            for (String task : doaTasks) {
                row.add(board.doaRow(task, model).map(MarkdownLeaderboard::doaPair).orElse("n/a"));
            }
            rows.add(row);
        }
        table(md, header, rows);
        md.append('\n').append(summaryLegend(board)).append('\n');
    }

    /** The sentence under the summary table, shared with the HTML page. */
    static String summaryLegend(Leaderboard board) {
        StringBuilder s = new StringBuilder();
        board.sm().filter(r -> !r.groups().isEmpty()).ifPresent(sm -> {
            s.append("s(m): 0 = the baseline ").append(sm.baselineModel())
                    .append(", 100 = the best model of the comparison set, per task, averaged over the group's tasks "
                            + "(HEAR: mono tasks; Nat-HEAR: their binaural and Ambisonics versions)");
            if (!Double.isNaN(sm.confidenceLevel())) {
                s.append("; [").append(Math.round(sm.confidenceLevel() * 100))
                        .append(" % bootstrap interval over test clips]");
            }
            s.append(". (k/n): the model has scores on k of the group's n tasks; a missing task counts 0.");
            if (!sm.drops().isEmpty()) {
                s.append(" Drop = HEAR s(m) − Nat-HEAR s(m): positive means worse in naturalistic scenes.");
            }
            if (board.summaryModels().stream().anyMatch(m -> !sm.comparisonSet().contains(m))) {
                s.append(" † not in the comparison set (can exceed 100).");
            }
            s.append(' ');
        });
        if (!board.doaTasks().isEmpty()) {
            s.append("DoA error: angle between predicted and true direction, mean / median over the test clips, "
                    + "averaged over the folds. ");
        }
        s.append("Details follow: unclipped s(m) and mean rank, per-task scores, every metric.");
        return s.toString();
    }

    private static String smWithInterval(SmScores.ModelScore s) {
        String value = withInterval(s.score(), s.low(), s.high());
        return s.tasksScored() < s.tasks() ? value + " (" + s.tasksScored() + "/" + s.tasks() + ")" : value;
    }

    private static String withInterval(double value, double low, double high) {
        String interval = Leaderboard.interval1(low, high);
        return Leaderboard.format1(value) + ("n/a".equals(interval) ? "" : " " + interval);
    }

    private static String doaPair(DoaTable.Row r) {
        if (r.status() != CellStatus.SUCCEEDED) {
            return r.status() == CellStatus.FAILED ? "FAILED" : "skipped";
        }
        String mean = r.meanError() == null ? "n/a" : Leaderboard.format1(r.meanError().mean());
        String median = r.medianError() == null ? "n/a" : Leaderboard.format1(r.medianError().mean());
        return mean + " / " + median;
    }

    /** Model facts, when any cell records one: embedding size, parameters, real-time factor, peak memory. */
    private static void modelsSection(StringBuilder md, Leaderboard board) {
        Map<String, ModelFacts.Summary> facts = board.modelFacts();
        if (facts.values().stream().noneMatch(ModelFacts.Summary::any)) {
            return;
        }
        md.append("\n## Models\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (ModelFacts.Summary f : facts.values()) {
            rows.add(List.of(SafeText.markdown(f.modelId()), embeddingSizes(f), parameters(f.parameters()), realTime(f.realTimeFactor()),
                    memory(f.peakMemoryBytes())));
        }
        table(md, List.of("model", "embedding size", "parameters", "real-time factor ↓", "peak memory"), rows);
        md.append("\nReal-time factor: seconds of embedding per second of audio on the run's machine (median over "
                + "cells). n/a: not recorded in these results (`nathear validate-model` measures them).\n");
    }

    static String embeddingSizes(ModelFacts.Summary f) {
        return f.embeddingSizes().isEmpty() ? "n/a"
                : String.join(" / ", f.embeddingSizes().stream().map(String::valueOf).toList());
    }

    /** 1 234 → "1.2 k", 86 000 000 → "86.0 M". */
    static String parameters(Long count) {
        if (count == null) {
            return "n/a";
        }
        if (count < 1_000) {
            return Long.toString(count);
        }
        if (count < 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f k", count / 1e3);
        }
        if (count < 1_000_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f M", count / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.2f G", count / 1e9);
    }

    static String realTime(Double factor) {
        return factor == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.4f", factor);
    }

    static String memory(Long bytes) {
        if (bytes == null) {
            return "n/a";
        }
        return bytes >= (1L << 30) ? String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }

    private static void smSection(StringBuilder md, Leaderboard board, SmScores.Report sm) {
        if (sm.groups().isEmpty()) {
            return;
        }
        md.append("\n## s(m)\n\n");
        md.append("s(m) as in the GRAM paper (Appendix E): per task (m − baseline) / (best − baseline), 0 below the "
                + "baseline, 0 for every model on a task where the best is not above the baseline, error metrics "
                + "mirrored; averaged over the group's tasks, ×100. Baseline `").append(sm.baselineModel())
                .append("`; comparison set (best per task): ")
                .append(String.join(", ", sm.comparisonSet().stream().map(m -> "`" + m + "`").toList()))
                .append(". HEAR: mono tasks; Nat-HEAR: binaural and Ambisonics tasks.");
        if (!Double.isNaN(sm.confidenceLevel())) {
            md.append(" Intervals: ").append(Math.round(sm.confidenceLevel() * 100))
                    .append(" % percentile bootstrap over test clips, paired across models.");
        }
        md.append("\n\n");
        List<String> header = new ArrayList<>();
        header.add("model");
        for (SmScores.Group g : sm.groups()) {
            header.add(g.group().label() + " s(m)");
            header.add("CI");
            header.add("unclipped");
            header.add("mean rank");
            header.add("below baseline");
            header.add("tasks");
        }
        boolean drops = !sm.drops().isEmpty();
        if (drops) {
            header.add("drop HEAR→Nat-HEAR");
            header.add("CI");
        }
        List<List<String>> rows = new ArrayList<>();
        boolean outside = false;
        for (String model : board.modelIds()) {
            boolean any = sm.groups().stream().anyMatch(g -> g.model(model).isPresent());
            if (!any) {
                continue;
            }
            List<String> row = new ArrayList<>();
            boolean inSet = sm.comparisonSet().contains(model);
            outside |= !inSet;
            row.add(inSet ? SafeText.markdown(model) : SafeText.markdown(model) + " †");
            for (SmScores.Group g : sm.groups()) {
                Optional<SmScores.ModelScore> s = g.model(model);
                if (s.isEmpty()) {
                    row.add("n/a");
                    row.add("n/a");
                    row.add("n/a");
                    row.add("n/a");
                    row.add("n/a");
                    row.add("0/" + g.tasks().size());
                } else {
                    row.add(Leaderboard.format1(s.get().score()));
                    row.add(Leaderboard.interval1(s.get().low(), s.get().high()));
                    row.add(Leaderboard.format1(s.get().unclipped()));
                    row.add(Leaderboard.format2(s.get().meanRank()));
                    row.add(s.get().belowBaseline().size() + "/" + s.get().tasks());
                    row.add(s.get().tasksScored() + "/" + s.get().tasks());
                }
            }
            if (drops) {
                Optional<SmScores.Drop> d = sm.drops().stream().filter(x -> x.modelId().equals(model)).findFirst();
                row.add(d.map(x -> Leaderboard.format1(x.drop())).orElse("n/a"));
                row.add(d.map(x -> Leaderboard.interval1(x.low(), x.high())).orElse("n/a"));
            }
            rows.add(row);
        }
        table(md, header, rows);
        md.append("\nunclipped: s(m) without the floor at the baseline (negative below it; equal to s(m) when no "
                + "score of the model is below the baseline). mean rank: the model's rank among the models on each "
                + "task of the group (1 = best), averaged; a missing score ranks last. below baseline: tasks on which the "
                + "model scores below the baseline, including tasks that count 0 for every model. "
                + "tasks: tasks with a score / tasks in the group; a task without a score counts 0.");
        if (outside) {
            md.append(" † not in the comparison set (can exceed 100).");
        }
        md.append('\n');

        md.append("\nNormalised score per task (×100; in parentheses the unclipped value where the model is below "
                + "the baseline, or `below` on a task that counts 0 for every model):\n\n");
        List<String> taskHeader = new ArrayList<>();
        taskHeader.add("model");
        List<SmScores.TaskBasis> bases = new ArrayList<>();
        for (SmScores.Group g : sm.groups()) {
            for (SmScores.TaskBasis t : g.tasks()) {
                bases.add(t);
                taskHeader.add(SafeText.markdown(t.taskId()) + " (" + g.group().label() + ")");
            }
        }
        List<List<String>> taskRows = new ArrayList<>();
        for (String model : board.modelIds()) {
            boolean any = sm.groups().stream().anyMatch(g -> g.model(model).isPresent());
            if (!any) {
                continue;
            }
            List<String> row = new ArrayList<>();
            row.add(SafeText.markdown(model));
            for (SmScores.Group g : sm.groups()) {
                Optional<SmScores.ModelScore> s = g.model(model);
                for (SmScores.TaskBasis t : g.tasks()) {
                    double v = s.map(x -> x.perTask().getOrDefault(t.taskId(), Double.NaN)).orElse(Double.NaN);
                    double u = s.map(x -> x.perTaskUnclipped().getOrDefault(t.taskId(), Double.NaN)).orElse(Double.NaN);
                    boolean below = s.map(x -> x.belowBaseline().contains(t.taskId())).orElse(false);
                    row.add(Double.isNaN(v) ? "n/a" : Leaderboard.format1(v)
                            + (u < v ? " (" + Leaderboard.format1(u) + ")" : below ? " (below)" : ""));
                }
            }
            taskRows.add(row);
        }
        if (!bases.isEmpty()) {
            table(md, taskHeader, taskRows);
            List<String> zero = bases.stream().filter(SmScores.TaskBasis::zeroForAll).map(SmScores.TaskBasis::taskId).toList();
            if (!zero.isEmpty()) {
                md.append("\nNo model of the comparison set beats the baseline on ").append(String.join(", ", zero))
                        .append(": these tasks count 0 for every model.\n");
            }
        }
    }

    private static void doaSection(StringBuilder md, Leaderboard board) {
        md.append("\n## Localization (DoA)\n\n");
        md.append("DoA error: angle between the predicted and the true direction, mean and median over the test "
                + "clips of a fold, averaged over the folds (± standard deviation over folds).\n\n");
        List<String> header = List.of("task", "model", "mean DoA error (°) ↓", "median DoA error (°) ↓",
                "acc within 20° ↑", "front-back confusion ↓", "primary 95% CI");
        List<List<String>> rows = new ArrayList<>();
        for (DoaTable.Row r : board.doa()) {
            if (r.status() != CellStatus.SUCCEEDED) {
                rows.add(List.of(SafeText.markdown(r.taskId()), SafeText.markdown(r.modelId()), r.status().name(), "", "", "", ""));
                continue;
            }
            rows.add(List.of(SafeText.markdown(r.taskId()), SafeText.markdown(r.modelId()), summary(r.meanError(), 1), summary(r.medianError(), 1),
                    summary(r.accuracy20(), 3), summary(r.frontBack(), 3),
                    r.primaryInterval() == null ? "n/a" : Leaderboard.interval3(r.primaryInterval()) + " "
                            + r.primaryInterval().metric()));
        }
        table(md, header, rows, 2);
    }

    private static String summary(MetricSummary s, int decimals) {
        if (s == null) {
            return "n/a";
        }
        String fmt = "%." + decimals + "f";
        String mean = String.format(java.util.Locale.ROOT, fmt, s.mean());
        return s.perFold().size() > 1 ? mean + " ± " + String.format(java.util.Locale.ROOT, fmt, s.std()) : mean;
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
            return cell.primaryScore() == null ? "n/a" : Leaderboard.format3(cell.primaryScore());
        }
        String mean = Leaderboard.format3(summary.mean());
        return summary.perFold().size() > 1 ? mean + " ± " + Leaderboard.format3(summary.std()) : mean;
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
        return summary == null ? "n/a" : Leaderboard.format3(summary.mean());
    }

    private static String statusCell(CellResult cell, Map<CellResult, Integer> notes) {
        int number = notes.computeIfAbsent(cell, c -> notes.size() + 1);
        return (cell.status() == CellStatus.FAILED ? "FAILED" : "skipped") + " [" + number + "]";
    }

    /** A metric id with its better-direction arrow, as table headers show it ({@code "no primary metric"} for none). */
    public static String metricLabel(String metricId) {
        if (metricId.isEmpty()) {
            return "no primary metric";
        }
        String arrow = Leaderboard.arrow(metricId);
        return arrow.isEmpty() ? metricId : metricId + " " + arrow;
    }

    static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
        table(md, header, rows, 1);
    }

    /** A table whose first {@code textColumns} columns are left-aligned, the others (numbers) right-aligned. */
    static void table(StringBuilder md, List<String> header, List<List<String>> rows, int textColumns) {
        row(md, header);
        md.append('|');
        for (int i = 0; i < header.size(); i++) {
            md.append(i < textColumns ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<String> row : rows) {
            row(md, row);
        }
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replaceAll("(?<!\\\\)\\|", "\\\\|")).append(" |"); // pipes not already escaped
        }
        md.append('\n');
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
