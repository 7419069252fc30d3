package org.nathear.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nathear.api.ConfigurationException;
import org.nathear.results.merge.ConflictPolicy;
import org.nathear.results.boards.CsvLeaderboard;
import org.nathear.results.boards.HtmlLeaderboard;
import org.nathear.results.boards.Leaderboard;
import org.nathear.results.boards.MarkdownLeaderboard;
import org.nathear.results.files.SourcedRun;
import org.nathear.results.scores.TaskGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nathear leaderboard}: merge result files into Markdown, CSV and a self-contained HTML page. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = {"Merge run results into one leaderboard. It opens with the GRAM paper's table: per model HEAR and "
                + "Nat-HEAR s(m) with intervals, the HEAR->Nat-HEAR drop and the DoA errors per localization task; then "
                + "primary scores with bootstrap intervals, model facts, unclipped s(m) and mean rank, the DoA table and "
                + "every metric.",
                "Without --markdown, --csv or --html the Markdown goes to standard output."},
        footer = {"", "RESULTS: results.json files, run folders, or folders of runs (searched three levels down).",
                "Duplicate cells (same task and model in two files): identical ones are kept once; different ones are "
                        + "an error unless --on-conflict latest (the run that started last wins). See docs/leaderboards.md.",
                "", "Exit codes: 0 written; 2 bad usage, an unreadable or incompatible result file (schema other than "
                + "nathear.run/3, /2 or /1), conflicting cells, or an unknown --baseline-model/--compare model."})
public final class LeaderboardCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Result files or folders.")
    List<Path> results = new ArrayList<>();

    @Option(names = "--baseline-model", paramLabel = "ID",
            description = "s(m) baseline model (default: ${DEFAULT-VALUE}, HEAR-Naive).", defaultValue = Leaderboard.DEFAULT_BASELINE)
    String baselineModel;

    @Option(names = "--compare", split = ",", paramLabel = "MODEL",
            description = "The comparison set: models whose best defines 100 on each task in s(m). Default: every model with a score.")
    List<String> compare = new ArrayList<>();

    @Option(names = "--html", paramLabel = "FILE", description = "Write the self-contained HTML page (sortable tables, charts inline as SVG).")
    Path html;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the Markdown leaderboard.")
    Path markdown;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the CSV (one row per task, model and metric; s(m) rows).")
    Path csv;

    @Option(names = "--on-conflict", paramLabel = "POLICY", defaultValue = "error",
            description = "Different results for the same task and model in two files: error (default) or latest.")
    String onConflict;

    @Option(names = "--task-group", paramLabel = "TASK=GROUP",
            description = "Put a task in a group (hear, nat-hear or localization), overriding the rule "
                    + "(mono: HEAR; binaural/FOA: Nat-HEAR; localization kinds: DoA table). Repeatable.")
    List<String> taskGroups = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SourcedRun> runs = ResultPaths.read(ResultPaths.expand(results));
        Leaderboard board = Leaderboard.build(runs, new Leaderboard.Options(baselineModel, compare,
                ConflictPolicy.parse(onConflict), parseGroups(taskGroups)));
        boolean explicitBaseline = spec.commandLine().getParseResult().hasMatchedOption("--baseline-model");
        if (explicitBaseline && !board.modelIds().contains(baselineModel)) {
            throw new ConfigurationException("--baseline-model " + baselineModel + " has no cells in " + results
                    + "; models found: " + board.modelIds());
        }
        if (html == null && markdown == null && csv == null) {
            out.print(MarkdownLeaderboard.render(board));
            out.flush();
            return NathearCli.EXIT_OK;
        }
        if (markdown != null) {
            ResultPaths.writeText(markdown, MarkdownLeaderboard.render(board));
            out.println("Markdown: " + markdown.toAbsolutePath());
        }
        if (csv != null) {
            ResultPaths.writeText(csv, CsvLeaderboard.render(board));
            out.println("CSV: " + csv.toAbsolutePath());
        }
        if (html != null) {
            ResultPaths.writeText(html, HtmlLeaderboard.render(board));
            out.println("HTML: " + html.toAbsolutePath());
        }
        out.flush();
        return NathearCli.EXIT_OK;
    }

    static Map<String, TaskGroup> parseGroups(List<String> specs) {
        Map<String, TaskGroup> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException("--task-group must look like TASK=hear|nat-hear|localization; got '" + s + "'");
            }
            out.put(s.substring(0, eq).trim(), TaskGroup.parse(s.substring(eq + 1)));
        }
        return out;
    }
}
