package org.nathear.results.boards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nathear.results.files.SourcedRun;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ModelFacts;
import org.nathear.results.schema.Provenance;
import org.nathear.results.schema.RunResult;
import org.nathear.results.scores.SmScores;

/**
 * Renders a {@link Leaderboard} as one self-contained HTML page: inline CSS, the plots inline as
 * SVG with real text ({@link LeaderboardCharts}), one small inline script that sorts tables, no
 * external resources — the file can be mailed, attached to a CI job or opened offline. Without
 * JavaScript everything is shown, unsorted.
 *
 * <p>Sections (each an element with a stable id, for readers and tests): {@code #summary} the
 * paper's table (HEAR and Nat-HEAR s(m) with intervals, the HEAR→Nat-HEAR drop, mean / median DoA
 * error per localization task) with the model facts as columns; {@code #sm} s(m) per group with
 * the unclipped s(m) and mean rank, and its plot ({@code #sm-plot}); {@code #heatmap} the
 * normalised score per task; {@code #scores} every task's primary score (mean ± std over folds,
 * 95 % interval); {@code #doa} the DoA table and error distributions; {@code #metrics} every metric
 * of every task; {@code #notes}; {@code #runs} provenance of every run merged. A section without
 * data is left out, except {@code #scores}, {@code #metrics} and {@code #runs}.
 *
 * <p>Every table with class {@code sortable} sorts by a column when its header is clicked (or
 * focused and Enter pressed); again for the other direction. Numeric cells carry their full value in
 * {@code data-v}; cells without a value ({@code n/a}, failed) sort last either way.
 */
public final class HtmlLeaderboard {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px auto;\
            max-width:1200px;padding:0 16px;color:#1b1b1b;line-height:1.4}
            h1{font-size:1.7em;margin-bottom:4px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{margin:18px 0 4px;font-size:1.05em}
            table{border-collapse:collapse;margin:10px 0;font-size:0.92em}
            th,td{border:1px solid #d0d0d0;padding:4px 8px;text-align:right;vertical-align:top}
            th{background:#f3f5f8}td.l,th.l{text-align:left}td.l:first-child{white-space:nowrap}
            table.sortable th{cursor:pointer;user-select:none}table.sortable th:hover{background:#e4e9f0}
            th[aria-sort=ascending]::after{content:" \\25B2";font-size:0.75em}
            th[aria-sort=descending]::after{content:" \\25BC";font-size:0.75em}
            .meta{color:#555}.muted{color:#888}.bad{color:#b00020;font-weight:600}.clip{color:#b00020}
            figure{margin:12px 0;overflow-x:auto}figcaption{color:#555;font-size:0.9em}
            code{background:#f3f3f3;padding:0 3px}
            table.runs{font-size:0.8em}table.runs td{max-width:260px;overflow-wrap:anywhere}
            """;

    /** Sorts {@code table.sortable} by the clicked column; blanks ({@code data-v=""}, n/a) last. */
    private static final String SCRIPT = """
            (function(){
            function key(td){if(!td)return null;var v=td.getAttribute('data-v');if(v===null)v=td.textContent.trim();
            if(v===''||v==='n/a')return null;return /^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$/.test(v)?parseFloat(v):v.toLowerCase();}
            function sort(t,th,i){var asc=th.getAttribute('aria-sort')!=='ascending';
            Array.prototype.forEach.call(t.tHead.rows[0].cells,function(h){h.removeAttribute('aria-sort');});
            th.setAttribute('aria-sort',asc?'ascending':'descending');var b=t.tBodies[0];
            var rows=Array.prototype.slice.call(b.rows);rows.sort(function(r,s){var x=key(r.cells[i]),y=key(s.cells[i]);
            if(x===null||y===null)return x===null?(y===null?0:1):-1;
            var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return asc?c:-c;});
            rows.forEach(function(r){b.appendChild(r);});}
            Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),function(t){
            Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){th.tabIndex=0;th.title='Sort by this column';
            th.addEventListener('click',function(){sort(t,th,i);});
            th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort(t,th,i);}});});});
            })();
            """;

    private HtmlLeaderboard() {
    }

    /** The page for a built leaderboard. */
    public static String render(Leaderboard board) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>nathear leaderboard</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>nathear leaderboard</h1>\n<p class=\"meta\">")
                .append(board.runs().size()).append(board.runs().size() == 1 ? " run, " : " runs, ")
                .append(board.modelIds().size()).append(" model(s), ").append(board.taskIds().size())
                .append(" task(s). Generated by nathear from the result files listed under <a href=\"#runs\">Runs</a>. "
                        + "Click a table header to sort.</p>\n");

        summarySection(h, board);
        board.sm().filter(sm -> !sm.groups().isEmpty()).ifPresent(sm -> smSection(h, board, sm));
        scoresSection(h, board);
        if (!board.doa().isEmpty()) {
            doaSection(h, board);
        }
        metricsSection(h, board);
        List<String> notes = new ArrayList<>(board.notes());
        for (String task : board.taskIds()) {
            for (String model : board.modelIds()) {
                board.cell(task, model).filter(c -> c.status() != CellStatus.SUCCEEDED).ifPresent(c -> notes.add(
                        model + " on " + task + (c.status() == CellStatus.FAILED ? " failed: " : " skipped: ")
                                + MarkdownLeaderboard.oneLine(c.message())));
            }
        }
        if (!notes.isEmpty()) {
            h.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
            for (String n : notes) {
                h.append("<li>").append(esc(n)).append("</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        runsSection(h, board);
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The paper's table, with the model facts as columns. */
    private static void summarySection(StringBuilder h, Leaderboard board) {
        List<String> models = board.summaryModels();
        Optional<SmScores.Report> sm = board.sm().filter(r -> !r.groups().isEmpty());
        List<String> doaTasks = board.doaTasks();
        if (models.isEmpty() || (sm.isEmpty() && doaTasks.isEmpty())) {
            return;
        }
        Map<String, ModelFacts.Summary> facts = board.modelFacts();
        boolean sizes = models.stream().anyMatch(m -> !facts.get(m).embeddingSizes().isEmpty());
        boolean params = models.stream().anyMatch(m -> facts.get(m).parameters() != null);
        boolean rtf = models.stream().anyMatch(m -> facts.get(m).realTimeFactor() != null);
        boolean memory = models.stream().anyMatch(m -> facts.get(m).peakMemoryBytes() != null);
        List<SmScores.Group> groups = sm.map(SmScores.Report::groups).orElse(List.of());
        boolean drops = sm.isPresent() && !sm.get().drops().isEmpty();
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary sortable\">\n<thead><tr>")
                .append("<th class=\"l\">model</th>");
        for (SmScores.Group g : groups) {
            h.append("<th>").append(esc(g.group().label())).append(" s(m) ↑</th><th>interval</th>");
        }
        if (drops) {
            h.append("<th>drop HEAR→Nat-HEAR</th><th>interval</th>");
        }
        for (String task : doaTasks) {
            h.append("<th>").append(esc(task)).append("<br><span class=\"muted\">mean DoA error (°) ↓</span></th><th>")
                    .append(esc(task)).append("<br><span class=\"muted\">median DoA error (°) ↓</span></th>");
        }
        if (sizes) {
            h.append("<th>embedding size</th>");
        }
        if (params) {
            h.append("<th>parameters</th>");
        }
        if (rtf) {
            h.append("<th>real-time factor ↓</th>");
        }
        if (memory) {
            h.append("<th>peak memory</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (String model : models) {
            h.append("<tr><td class=\"l\">").append(esc(model))
                    .append(sm.isPresent() && !sm.get().comparisonSet().contains(model) ? " †" : "").append("</td>");
            for (SmScores.Group g : groups) {
                Optional<SmScores.ModelScore> s = g.model(model);
                if (s.isEmpty()) {
                    h.append(blank()).append(blank());
                } else {
                    String partial = s.get().tasksScored() < s.get().tasks()
                            ? " <span class=\"muted\">(" + s.get().tasksScored() + "/" + s.get().tasks() + ")</span>" : "";
                    h.append(num(s.get().score(), Leaderboard.format1(s.get().score()) + partial))
                            .append(intervalCell(s.get().low(), s.get().high()));
                }
            }
            if (drops) {
                Optional<SmScores.Drop> d = sm.get().drops().stream().filter(x -> x.modelId().equals(model)).findFirst();
                h.append(d.map(x -> num(x.drop(), Leaderboard.format1(x.drop()))).orElse(blank()))
                        .append(d.map(x -> intervalCell(x.low(), x.high())).orElse(blank()));
            }
            for (String task : doaTasks) {
                Optional<DoaTable.Row> r = board.doaRow(task, model);
                if (r.isEmpty()) {
                    h.append(blank()).append(blank());
                } else if (r.get().status() != CellStatus.SUCCEEDED) {
                    String word = r.get().status() == CellStatus.FAILED ? "FAILED" : "skipped";
                    h.append("<td data-v=\"\" class=\"bad\">").append(word).append("</td><td data-v=\"\" class=\"bad\">")
                            .append(word).append("</td>");
                } else {
                    h.append(metricCell(r.get().meanError(), 1)).append(metricCell(r.get().medianError(), 1));
                }
            }
            ModelFacts.Summary f = facts.get(model);
            if (sizes) {
                h.append(f.embeddingSizes().isEmpty() ? blank()
                        : num(f.embeddingSizes().get(f.embeddingSizes().size() - 1), MarkdownLeaderboard.embeddingSizes(f)));
            }
            if (params) {
                h.append(f.parameters() == null ? blank() : num(f.parameters(), MarkdownLeaderboard.parameters(f.parameters())));
            }
            if (rtf) {
                h.append(f.realTimeFactor() == null ? blank()
                        : num(f.realTimeFactor(), MarkdownLeaderboard.realTime(f.realTimeFactor())));
            }
            if (memory) {
                h.append(f.peakMemoryBytes() == null ? blank()
                        : num(f.peakMemoryBytes(), MarkdownLeaderboard.memory(f.peakMemoryBytes())));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"meta\">").append(esc(MarkdownLeaderboard.summaryLegend(board)));
        if (sizes || params || rtf || memory) {
            h.append(" Model facts: embedding size from the cells; parameters, real-time factor (seconds of embedding "
                    + "per second of audio, median over cells) and peak memory where the results record them");
            if (!(params && rtf && memory)) {
                h.append(" (not recorded in these results: ")
                        .append(String.join(", ", missingFacts(params, rtf, memory)))
                        .append("; <code>nathear validate-model</code> measures them)");
            }
            h.append('.');
        }
        h.append("</p>\n</section>\n");
    }

    private static List<String> missingFacts(boolean params, boolean rtf, boolean memory) {
        List<String> out = new ArrayList<>();
        if (!params) {
            out.add("parameters");
        }
        if (!rtf) {
            out.add("real-time factor");
        }
        if (!memory) {
            out.add("peak memory");
        }
        return out;
    }

    private static void smSection(StringBuilder h, Leaderboard board, SmScores.Report sm) {
        h.append("<section id=\"sm\">\n<h2>s(m)</h2>\n<p>s(m) as in the GRAM paper (Appendix E): per task ")
                .append("(m − baseline) / (best − baseline), 0 below the baseline, 0 for every model on a task where ")
                .append("the best is not above the baseline, error metrics mirrored; averaged over the group's tasks, ×100. ")
                .append("Baseline <code>").append(esc(sm.baselineModel())).append("</code>; comparison set: ");
        List<String> set = new ArrayList<>();
        for (String m : sm.comparisonSet()) {
            set.add("<code>" + esc(m) + "</code>");
        }
        h.append(String.join(", ", set)).append(". HEAR: mono tasks; Nat-HEAR: binaural and Ambisonics tasks.");
        if (!Double.isNaN(sm.confidenceLevel())) {
            h.append(" Intervals: ").append(Math.round(sm.confidenceLevel() * 100))
                    .append(" % percentile bootstrap over test clips, paired across models.");
        }
        h.append(" <b>unclipped</b>: s(m) without the floor at the baseline (negative below it), so clipping is visible; "
                + "<b>mean rank</b>: rank among the models on each task of the group (1 = best), averaged, a missing "
                + "score ranking last; <b>below baseline</b>: tasks on which the model scores below the baseline (hover "
                + "for their ids), including tasks that count 0 for every model because no model beats the baseline.</p>\n<table class=\"sm sortable\">\n<thead><tr><th class=\"l\">model</th>");
        for (SmScores.Group g : sm.groups()) {
            String label = esc(g.group().label());
            h.append("<th>").append(label).append(" s(m)</th><th>interval</th><th>").append(label)
                    .append(" unclipped</th><th>").append(label).append(" mean rank ↓</th><th>").append(label)
                    .append(" below baseline ↓</th><th>tasks</th>");
        }
        boolean drops = !sm.drops().isEmpty();
        if (drops) {
            h.append("<th>drop HEAR→Nat-HEAR</th><th>interval</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (String model : board.modelIds()) {
            if (sm.groups().stream().noneMatch(g -> g.model(model).isPresent())) {
                continue;
            }
            h.append("<tr><td class=\"l\">").append(esc(model)).append(sm.comparisonSet().contains(model) ? "" : " †")
                    .append("</td>");
            for (SmScores.Group g : sm.groups()) {
                Optional<SmScores.ModelScore> s = g.model(model);
                if (s.isEmpty()) {
                    h.append(blank()).append(blank()).append(blank()).append(blank()).append(blank())
                            .append("<td>0/").append(g.tasks().size()).append("</td>");
                } else {
                    SmScores.ModelScore m = s.get();
                    boolean clipped = m.unclipped() < m.score() - 1e-9;
                    h.append(num(m.score(), Leaderboard.format1(m.score()))).append(intervalCell(m.low(), m.high()))
                            .append("<td data-v=\"").append(m.unclipped()).append('"').append(clipped ? " class=\"clip\"" : "")
                            .append('>').append(Leaderboard.format1(m.unclipped())).append("</td>")
                            .append(num(m.meanRank(), Leaderboard.format2(m.meanRank())))
                            .append("<td data-v=\"").append(m.belowBaseline().size()).append('"')
                            .append(m.belowBaseline().isEmpty() ? "" : " class=\"clip\" title=\""
                                    + esc(String.join(", ", m.belowBaseline())) + "\"").append('>')
                            .append(m.belowBaseline().size()).append('/').append(m.tasks()).append("</td><td>").append(m.tasksScored()).append('/').append(m.tasks()).append("</td>");
                }
            }
            if (drops) {
                Optional<SmScores.Drop> d = sm.drops().stream().filter(x -> x.modelId().equals(model)).findFirst();
                h.append(d.map(x -> num(x.drop(), Leaderboard.format1(x.drop()))).orElse(blank()))
                        .append(d.map(x -> intervalCell(x.low(), x.high())).orElse(blank()));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"meta\">tasks: tasks with a score / tasks in the group; a task without a "
                + "score counts 0. † not in the comparison set (can exceed 100). Unclipped values in red are below s(m): "
                + "the model is under the baseline on some task.</p>\n");
        h.append("<figure id=\"sm-plot\">\n")
                .append(LeaderboardCharts.smPlot(sm, board.modelIds(), "chart-sm"))
                .append("\n<figcaption>s(m) per model: the marker is the point estimate, the bar its bootstrap interval; "
                        + "hover a mark for its numbers.</figcaption>\n</figure>\n</section>\n");
        if (sm.groups().stream().anyMatch(g -> !g.tasks().isEmpty())) {
            h.append("<section id=\"heatmap\">\n<h2>Normalised score per task</h2>\n<figure>\n")
                    .append(LeaderboardCharts.heatmap(sm, board.modelIds(), "chart-heat"))
                    .append("\n<figcaption>100 · (m − baseline) / (best − baseline) per task, clipped at 0 as s(m) does; "
                            + "in red under a clipped value the unclipped one.</figcaption>\n</figure>\n</section>\n");
        }
    }

    private static void scoresSection(StringBuilder h, Leaderboard board) {
        h.append("<section id=\"scores\">\n<h2>Scores per task</h2>\n<p>Primary metric: mean ± sample standard deviation "
                + "over the test folds; below it the bootstrap interval over test clips. ↑ higher is better, ↓ lower is better.</p>\n");
        h.append("<table class=\"scores sortable\">\n<thead><tr><th class=\"l\">model</th>");
        for (String task : board.taskIds()) {
            h.append("<th>").append(esc(task)).append("<br><span class=\"muted\">")
                    .append(esc(MarkdownLeaderboard.metricLabel(board.primaryMetric(task)))).append(" · ")
                    .append(esc(board.groups().get(task).group().label())).append("</span></th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (String model : board.modelIds()) {
            h.append("<tr><td class=\"l\">").append(esc(model)).append("</td>");
            for (String task : board.taskIds()) {
                Optional<CellResult> c = board.cell(task, model);
                if (c.isEmpty()) {
                    h.append(blank());
                } else if (c.get().status() != CellStatus.SUCCEEDED) {
                    h.append(statusCell(c.get()));
                } else {
                    CellResult cell = c.get();
                    MetricSummary s = cell.metrics().get(cell.primaryMetric());
                    double v = s == null ? (cell.primaryScore() == null ? Double.NaN : cell.primaryScore()) : s.mean();
                    String value = s == null ? (cell.primaryScore() == null ? "n/a" : Leaderboard.format3(cell.primaryScore()))
                            : Leaderboard.format3(s.mean()) + (s.perFold().size() > 1 ? " ± " + Leaderboard.format3(s.std()) : "");
                    h.append("<td data-v=\"").append(Double.isFinite(v) ? Double.toString(v) : "").append("\">").append(value);
                    if (cell.primaryInterval() != null) {
                        h.append("<br><span class=\"muted\">").append(Leaderboard.interval3(cell.primaryInterval())).append("</span>");
                    }
                    h.append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void doaSection(StringBuilder h, Leaderboard board) {
        h.append("<section id=\"doa\">\n<h2>Localization (DoA)</h2>\n<p>DoA error: angle between the predicted and the "
                + "true direction; mean and median over the test clips of a fold, averaged over folds (± standard deviation "
                + "over folds).</p>\n<table class=\"doa sortable\">\n<thead><tr><th class=\"l\">task</th><th class=\"l\">model</th>"
                + "<th>mean DoA error (°) ↓</th><th>median DoA error (°) ↓</th><th>acc within 20° ↑</th>"
                + "<th>front-back confusion ↓</th><th>primary interval</th></tr></thead>\n<tbody>\n");
        for (DoaTable.Row r : board.doa()) {
            h.append("<tr><td class=\"l\">").append(esc(r.taskId())).append("</td><td class=\"l\">").append(esc(r.modelId()))
                    .append("</td>");
            if (r.status() != CellStatus.SUCCEEDED) {
                h.append("<td colspan=\"5\" class=\"muted\" data-v=\"\">").append(r.status().name()).append("</td></tr>\n");
                continue;
            }
            h.append(metricCell(r.meanError(), 1)).append(metricCell(r.medianError(), 1))
                    .append(metricCell(r.accuracy20(), 3)).append(metricCell(r.frontBack(), 3)).append("<td>")
                    .append(r.primaryInterval() == null ? "n/a" : Leaderboard.interval3(r.primaryInterval()) + " "
                            + esc(r.primaryInterval().metric())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        int k = 0;
        for (String task : board.doaTasks()) {
            List<DoaTable.Row> rows = board.doa().stream().filter(r -> r.taskId().equals(task)).toList();
            if (rows.stream().noneMatch(r -> r.status() == CellStatus.SUCCEEDED)) {
                continue;
            }
            boolean histograms = rows.stream().anyMatch(r -> r.errors() != null && r.errors().total() > 0);
            h.append("<figure class=\"doa-plot\">\n")
                    .append(LeaderboardCharts.doaPlot(task, rows, "chart-doa" + k++))
                    .append("\n<figcaption>").append(esc(task)).append(histograms
                            ? ": share of test clips per 5° of DoA error, per model."
                            : ": mean and median DoA error per model (bars: standard deviation over folds); "
                            + "the cells store no per-clip distribution.").append("</figcaption>\n</figure>\n");
        }
        h.append("</section>\n");
    }

    /** Every metric of every task (the secondary metrics included), one sortable table per task. */
    private static void metricsSection(StringBuilder h, Leaderboard board) {
        h.append("<section id=\"metrics\">\n<h2>Every metric</h2>\n<p>Per task, every metric the evaluator reports "
                + "(primary first): the mean over the test folds; the primary metric's bootstrap interval last.</p>\n");
        for (String task : board.taskIds()) {
            List<String> metrics = board.metrics(task);
            int folds = board.folds(task);
            h.append("<h3>").append(esc(task)).append("</h3>\n<p class=\"meta\">")
                    .append(folds <= 1 ? "one test split" : folds + " test folds, means shown").append("; group ")
                    .append(esc(board.groups().get(task).group().label())).append(".</p>\n")
                    .append("<table class=\"metrics sortable\">\n<thead><tr><th class=\"l\">model</th>");
            for (String m : metrics) {
                h.append("<th>").append(esc(MarkdownLeaderboard.metricLabel(m))).append("</th>");
            }
            h.append("<th>primary interval</th></tr></thead>\n<tbody>\n");
            for (String model : board.modelIds()) {
                Optional<CellResult> cell = board.cell(task, model);
                h.append("<tr><td class=\"l\">").append(esc(model)).append("</td>");
                if (cell.isPresent() && cell.get().status() != CellStatus.SUCCEEDED) {
                    h.append(statusCell(cell.get()).replace("<td ", "<td colspan=\"" + (metrics.size() + 1) + "\" "))
                            .append("</tr>\n");
                    continue;
                }
                for (String m : metrics) {
                    MetricSummary s = cell.map(c -> c.metrics().get(m)).orElse(null);
                    h.append(s == null ? blank() : num(s.mean(), Leaderboard.format3(s.mean())));
                }
                h.append("<td>").append(cell.map(c -> Leaderboard.interval3(c.primaryInterval())).orElse("n/a"))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    /** A numeric cell: the full value for sorting, the formatted text shown. */
    private static String num(double value, String shown) {
        return "<td data-v=\"" + (Double.isFinite(value) ? Double.toString(value) : "") + "\">" + shown + "</td>";
    }

    private static String blank() {
        return "<td class=\"muted\" data-v=\"\">n/a</td>";
    }

    private static String intervalCell(double low, double high) {
        String text = Leaderboard.interval1(low, high);
        return "<td class=\"" + ("n/a".equals(text) ? "muted" : "iv") + "\" data-v=\""
                + (Double.isFinite(low) ? Double.toString(low) : "") + "\">" + text + "</td>";
    }

    private static String metricCell(MetricSummary s, int decimals) {
        return s == null ? blank() : num(s.mean(), summary(s, decimals));
    }

    private static String statusCell(CellResult c) {
        boolean failed = c.status() == CellStatus.FAILED;
        return "<td class=\"" + (failed ? "bad" : "muted") + "\" data-v=\"\" title=\"" + esc(c.message()) + "\">"
                + (failed ? "FAILED" : "skipped") + "</td>";
    }

    private static void runsSection(StringBuilder h, Leaderboard board) {
        h.append("<section id=\"runs\">\n<h2>Runs</h2>\n<table class=\"runs\">\n<thead><tr><th class=\"l\">run</th>"
                + "<th class=\"l\">file</th><th class=\"l\">started (UTC)</th><th class=\"l\">finished (UTC)</th>"
                + "<th>seed</th><th class=\"l\">nathear</th><th class=\"l\">JVM, OS</th><th class=\"l\">libraries</th>"
                + "</tr></thead>\n<tbody>\n");
        for (SourcedRun sr : board.runs()) {
            RunResult r = sr.run();
            Provenance p = r.provenance();
            h.append("<tr><td class=\"l\">").append(esc(r.runId())).append("</td><td class=\"l\">").append(esc(sr.source()))
                    .append("</td><td class=\"l\">").append(esc(String.valueOf(r.startedUtc())));
            if (!r.resumedUtc().isEmpty()) {
                h.append("<br><span class=\"muted\">resumed ").append(esc(String.join(", ", r.resumedUtc()))).append("</span>");
            }
            h.append("</td><td class=\"l\">").append(r.finishedUtc() == null ? "<span class=\"bad\">unfinished</span>"
                            : esc(r.finishedUtc())).append("</td><td>")
                    .append(r.settings() == null ? "" : Long.toString(r.settings().seed())).append("</td><td class=\"l\">");
            if (p != null) {
                h.append(esc(p.harnessVersion())).append(" (").append(esc(String.valueOf(p.gitCommit()))).append(")</td><td class=\"l\">")
                        .append(esc("java " + p.javaVersion() + " " + (p.javaVendor() == null ? "" : p.javaVendor())
                                + ", " + p.osName() + " " + p.osVersion() + " " + p.osArch()
                                + ", " + p.availableProcessors() + " cores"))
                        .append("</td><td class=\"l\">");
                List<String> libs = new ArrayList<>();
                for (Map.Entry<String, String> e : p.libraries().entrySet()) {
                    libs.add(esc(e.getKey() + " " + e.getValue()));
                }
                h.append(String.join("<br>", libs)).append("</td>");
            } else {
                h.append("</td><td></td><td></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static String summary(MetricSummary s, int decimals) {
        if (s == null) {
            return "n/a";
        }
        String fmt = "%." + decimals + "f";
        String mean = String.format(Locale.ROOT, fmt, s.mean());
        return s.perFold().size() > 1 ? mean + " ± " + String.format(Locale.ROOT, fmt, s.std()) : mean;
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
