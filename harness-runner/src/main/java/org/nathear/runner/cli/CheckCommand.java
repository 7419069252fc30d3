package org.nathear.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.results.check.CheckReports;
import org.nathear.results.merge.ConflictPolicy;
import org.nathear.results.check.RegressionCheck;
import org.nathear.results.merge.RunMerge;
import org.nathear.results.schema.RunResult;
import org.nathear.results.files.SourcedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nathear check}: compare results with committed baseline results; exit 3 on a regression. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compare run results with baseline results, cell by cell on the primary metric, and print a "
                + "Markdown summary fit for a pull-request comment.",
                "A cell regresses when it is worse than the baseline by more than its tolerance, or when it failed or "
                        + "was skipped while the baseline has a score."},
        footer = {"", "RESULTS: results.json files or run folders; default: the newest run under --runs-dir.",
                "Tolerance (--tolerance, repeatable): ci (default; the distance from the baseline score to the worse end "
                        + "of its bootstrap interval, else the fold spread), folds (the baseline's standard deviation over "
                        + "test folds, else the interval), or a number (absolute, in metric units); TASK=VALUE for one task.",
                "", "Exit codes: 0 no regression; 3 at least one regression; 4 incomplete: a result cell the baseline lacks "
                + "(the baseline is missing tasks or models; --allow-new), a baseline cell the results lack "
                + "(--allow-missing), or a changed primary metric; 2 bad usage, an unreadable or incompatible result file "
                + "(schema other than nathear.run/3, /2 or /1), or conflicting duplicate cells. 3 wins over 4."})
public final class CheckCommand implements Callable<Integer> {
    /** Exit code: a score regressed. */
    public static final int EXIT_REGRESSION = 3;
    /** Exit code: results and baseline do not cover the same cells. */
    public static final int EXIT_INCOMPLETE = 4;

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "Baseline results (a results.json or run folder).")
    Path baseline;

    @Parameters(arity = "0..*", paramLabel = "RESULTS", description = "Results to check.")
    List<Path> results = new ArrayList<>();

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "nathear-results",
            description = "Where to look for the newest run when no RESULTS are given (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--tolerance", paramLabel = "SPEC", description = "ci, folds, a number, or TASK=ci|folds|number. Repeatable.")
    List<String> tolerance = new ArrayList<>();

    @Option(names = "--allow-new", description = "Accept result cells the baseline lacks (reported as new, not checked).")
    boolean allowNew;

    @Option(names = "--allow-missing", description = "Accept baseline cells the results lack (reported as missing).")
    boolean allowMissing;

    @Option(names = "--on-conflict", paramLabel = "POLICY", defaultValue = "error",
            description = "Different results for the same task and model in two RESULTS files: error (default) or latest.")
    String onConflict;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the Markdown summary to FILE.")
    Path markdown;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE (one test case "
            + "per cell; regressions are failures) for a CI system's test view.")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON (schema nathear.check/1: "
            + "outcome, exit code, counts, every cell) to FILE.")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RegressionCheck.Tolerances tolerances = RegressionCheck.Tolerances.parse(tolerance);
        ConflictPolicy policy = ConflictPolicy.parse(onConflict);
        List<Path> baselineFiles = ResultPaths.expand(List.of(baseline));
        List<SourcedRun> baselineRuns = ResultPaths.read(baselineFiles);
        List<Path> resultFiles = results.isEmpty() ? List.of(newestRun()) : ResultPaths.expand(results);
        List<SourcedRun> resultRuns = ResultPaths.read(resultFiles);
        RunMerge.Merged base = RunMerge.merge(baselineRuns, policy);
        RunMerge.Merged current = RunMerge.merge(resultRuns, policy);
        RegressionCheck.Report report = RegressionCheck.compare(base, describe(baselineRuns), current,
                resultRuns.stream().map(CheckCommand::describe).toList(), tolerances, allowNew, allowMissing);
        String summary = report.markdown();
        out.print(summary);
        out.flush();
        if (markdown != null) {
            ResultPaths.writeText(markdown, summary);
        }
        if (junit != null) {
            ResultPaths.writeText(junit, CheckReports.junitXml(report));
        }
        if (json != null) {
            ResultPaths.writeText(json, CheckReports.json(report));
        }
        if (report.regressed()) {
            err.println("nathear check: " + report.count(RegressionCheck.Verdict.REGRESSION)
                    + " regression(s) against " + baseline + " (exit code " + EXIT_REGRESSION + ")");
            err.flush();
            return EXIT_REGRESSION;
        }
        if (report.incomplete()) {
            List<String> why = new ArrayList<>();
            if (!allowNew && report.count(RegressionCheck.Verdict.NEW) > 0) {
                why.add(report.count(RegressionCheck.Verdict.NEW) + " result cell(s) have no baseline score (the baseline "
                        + baseline + " is missing tasks or models; update it, or pass --allow-new)");
            }
            if (!allowMissing && report.count(RegressionCheck.Verdict.MISSING) > 0) {
                why.add(report.count(RegressionCheck.Verdict.MISSING) + " baseline cell(s) are not in the results "
                        + "(run them, or pass --allow-missing)");
            }
            if (report.count(RegressionCheck.Verdict.INCOMPARABLE) > 0) {
                why.add(report.count(RegressionCheck.Verdict.INCOMPARABLE) + " cell(s) changed their primary metric");
            }
            err.println("nathear check: incomplete comparison: " + String.join("; ", why) + " (exit code "
                    + EXIT_INCOMPLETE + "; the cells are listed above)");
            err.flush();
            return EXIT_INCOMPLETE;
        }
        return NathearCli.EXIT_OK;
    }

    private static String describe(List<SourcedRun> runs) {
        return String.join("; ", runs.stream().map(CheckCommand::describe).toList());
    }

    private static String describe(SourcedRun sr) {
        RunResult r = sr.run();
        String commit = r.provenance() == null || r.provenance().gitCommit() == null ? "unknown"
                : r.provenance().gitCommit().length() > 10 ? r.provenance().gitCommit().substring(0, 10) : r.provenance().gitCommit();
        return "`" + sr.source() + "` (run `" + r.runId() + "`, nathear "
                + (r.provenance() == null ? "?" : r.provenance().harnessVersion()) + ", commit " + commit + ")";
    }

    /** The results.json of the run under --runs-dir that started last. */
    private Path newestRun() {
        if (!Files.isDirectory(runsDir)) {
            throw new ConfigurationException("No RESULTS given and --runs-dir " + runsDir + " is not a folder; "
                    + "name the results to check");
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(runsDir, 2)) {
            found = walk.filter(p -> p.getFileName().toString().equals(ResultPaths.RESULT_FILE)).filter(Files::isRegularFile)
                    .toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list " + runsDir + ": " + e, e);
        }
        if (found.isEmpty()) {
            throw new ConfigurationException("No RESULTS given and no run under " + runsDir + "; name the results to check");
        }
        Path newest = found.stream().max(Comparator.comparing((Path p) -> started(p)).thenComparing(Path::toString))
                .orElseThrow();
        if (!Verbosity.of(spec).quiet()) {
            spec.commandLine().getErr().println("nathear check: checking the newest run, " + newest);
        }
        return newest;
    }

    private static Instant started(Path file) {
        try {
            String s = org.nathear.results.files.ResultFiles.read(file).startedUtc();
            return s == null ? Instant.MIN : Instant.parse(s);
        } catch (RuntimeException e) {
            return Instant.MIN;
        }
    }
}
