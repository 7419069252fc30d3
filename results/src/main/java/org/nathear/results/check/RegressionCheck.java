package org.nathear.results.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.nathear.api.ConfigurationException;
import org.nathear.results.boards.MarkdownLeaderboard;
import org.nathear.results.boards.SafeText;
import org.nathear.results.merge.RunMerge;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.scores.SmScores;

/**
 * Compares results with committed baseline results, cell by cell on the primary metric, and says
 * whether anything regressed (docs/leaderboards.md, "nathear check").
 *
 * <p>For each (task, model) cell with a score in the baseline, Δ = current − baseline, signed so that
 * positive is better. The cell regresses when Δ &lt; −τ (worse by more than the tolerance τ), or when
 * the current cell failed, was skipped or has no score. τ comes from the {@link Tolerance} for the
 * task: {@code ci} — the distance from the baseline score to the worse end of its bootstrap interval
 * (falling back to {@code folds}); {@code folds} — the baseline's standard deviation over test folds
 * (falling back to {@code ci}); or an absolute value in metric units. A tolerance with neither source
 * is 0 (any worsening regresses).
 *
 * <p>Cells only in the baseline are {@link Verdict#MISSING}; cells with a score only in the results
 * are {@link Verdict#NEW}; cells whose primary metric changed are {@link Verdict#INCOMPARABLE}. These
 * make the comparison incomplete unless allowed.
 */
public final class RegressionCheck {
    private RegressionCheck() {
    }

    /** What happened to one cell. */
    public enum Verdict {
        REGRESSION, MISSING, INCOMPARABLE, NEW, IMPROVED, PASS;

        String word() {
            return switch (this) {
                case REGRESSION -> "**REGRESSION**";
                case MISSING -> "missing";
                case INCOMPARABLE -> "incomparable";
                case NEW -> "new";
                case IMPROVED -> "improved";
                case PASS -> "pass";
            };
        }
    }

    /** How wide the band of accepted worsening is for a task. */
    public record Tolerance(Mode mode, double absolute) {
        /** Where τ comes from. */
        public enum Mode { CI, FOLDS, ABSOLUTE }

        public Tolerance {
            if (mode == Mode.ABSOLUTE && !(absolute >= 0 && Double.isFinite(absolute))) {
                throw new ConfigurationException("An absolute tolerance must be a finite number ≥ 0; got " + absolute);
            }
        }

        /** Parses {@code ci}, {@code folds} or a number ≥ 0 (metric units). */
        public static Tolerance parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("ci")) {
                return new Tolerance(Mode.CI, 0);
            }
            if (t.equals("folds")) {
                return new Tolerance(Mode.FOLDS, 0);
            }
            try {
                return new Tolerance(Mode.ABSOLUTE, Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("Unknown tolerance '" + text + "'; expected ci, folds or a number ≥ 0 "
                        + "(absolute, in the metric's units), optionally as TASK=VALUE for one task", e);
            }
        }

        @Override
        public String toString() {
            return mode == Mode.ABSOLUTE ? Double.toString(absolute) : mode.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The tolerance per task: a default and overrides.
     *
     * @param defaultTolerance for tasks without an override ({@code ci} unless set)
     * @param perTask          task id → tolerance
     */
    public record Tolerances(Tolerance defaultTolerance, Map<String, Tolerance> perTask) {
        public Tolerances {
            defaultTolerance = defaultTolerance == null ? new Tolerance(Tolerance.Mode.CI, 0) : defaultTolerance;
            perTask = perTask == null ? Map.of() : Map.copyOf(perTask);
        }

        /**
         * Parses {@code --tolerance} values: {@code ci}, {@code folds} or a number set the default;
         * {@code TASK=ci|folds|number} sets one task. The last default given wins.
         */
        public static Tolerances parse(List<String> specs) {
            Tolerance def = null;
            Map<String, Tolerance> per = new LinkedHashMap<>();
            for (String spec : specs == null ? List.<String>of() : specs) {
                int eq = spec.indexOf('=');
                if (eq < 0) {
                    def = Tolerance.parse(spec);
                } else {
                    String task = spec.substring(0, eq).trim();
                    if (task.isEmpty()) {
                        throw new ConfigurationException("--tolerance '" + spec + "' names no task before '='; "
                                + "expected TASK=ci|folds|number");
                    }
                    per.put(task, Tolerance.parse(spec.substring(eq + 1)));
                }
            }
            return new Tolerances(def, per);
        }

        Tolerance forTask(String taskId) {
            return perTask.getOrDefault(taskId, defaultTolerance);
        }
    }

    /**
     * One compared cell.
     *
     * @param delta           current − baseline, signed so that positive is better (NaN when not compared)
     * @param tolerance       τ (NaN when not compared)
     * @param toleranceSource where τ came from, e.g. {@code ci 95%}, {@code folds}, {@code absolute}
     * @param detail          why, in words (failure message, changed data, …)
     */
    public record Row(String taskId, String modelId, String metric, Double baseline, Double current, double delta,
                      double tolerance, String toleranceSource, Verdict verdict, String detail) {
    }

    /** The outcome of a check. */
    public record Report(String baselineDescription, List<String> resultDescriptions, Tolerances tolerances,
                         boolean allowNew, boolean allowMissing, List<Row> rows, List<String> notes) {
        public Report {
            resultDescriptions = List.copyOf(resultDescriptions);
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }

        public long count(Verdict v) {
            return rows.stream().filter(r -> r.verdict() == v).count();
        }

        /** True when some cell regressed. */
        public boolean regressed() {
            return count(Verdict.REGRESSION) > 0;
        }

        /** True when cells are missing, new or incomparable and that was not allowed. */
        public boolean incomplete() {
            return count(Verdict.INCOMPARABLE) > 0 || (!allowMissing && count(Verdict.MISSING) > 0)
                    || (!allowNew && count(Verdict.NEW) > 0);
        }

        /** A Markdown summary fit for a pull-request comment. */
        public String markdown() {
            StringBuilder md = new StringBuilder();
            long regressions = count(Verdict.REGRESSION);
            md.append("## nathear check: ");
            if (regressed()) {
                md.append("FAILED, ").append(regressions).append(regressions == 1 ? " regression" : " regressions");
            } else if (incomplete()) {
                md.append("INCOMPLETE, the results and the baseline do not cover the same cells");
            } else {
                md.append("PASSED");
            }
            md.append("\n\n");
            md.append("Baseline: ").append(baselineDescription).append(".\n\n");
            md.append("Results: ").append(String.join("; ", resultDescriptions)).append(".\n\n");
            md.append("Compared ").append(rows.size()).append(" cell(s): ")
                    .append(count(Verdict.PASS)).append(" pass, ").append(count(Verdict.IMPROVED)).append(" improved, ")
                    .append(regressions).append(" regressed, ").append(count(Verdict.MISSING)).append(" missing, ")
                    .append(count(Verdict.NEW)).append(" new, ").append(count(Verdict.INCOMPARABLE)).append(" incomparable. ")
                    .append("Tolerance: ").append(tolerances.defaultTolerance());
            tolerances.perTask().forEach((t, v) -> md.append(", ").append(SafeText.markdown(t)).append('=').append(v));
            md.append(" (a cell regresses when it is worse than the baseline by more than its tolerance).\n\n");
            md.append("| verdict | task | model | metric | baseline | current | Δ (+ better) | tolerance |\n");
            md.append("|---|---|---|---|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                md.append("| ").append(r.verdict().word()).append(" | ").append(SafeText.markdown(r.taskId())).append(" | ")
                        .append(SafeText.markdown(r.modelId()))
                        .append(" | ").append(r.metric() == null ? "" : MarkdownLeaderboard.metricLabel(r.metric()))
                        .append(" | ").append(num(r.baseline())).append(" | ").append(num(r.current()))
                        .append(" | ").append(Double.isNaN(r.delta()) ? "" : String.format(Locale.ROOT, "%+.4f", r.delta()))
                        .append(" | ").append(Double.isNaN(r.tolerance()) ? "" : String.format(Locale.ROOT, "%.4f", r.tolerance())
                                + " (" + r.toleranceSource() + ")")
                        .append(" |\n");
            }
            List<String> details = new ArrayList<>();
            for (Row r : rows) {
                if (!r.detail().isEmpty()) {
                    details.add(r.modelId() + " on " + r.taskId() + ": " + r.detail());
                }
            }
            details.addAll(notes);
            if (!details.isEmpty()) {
                md.append("\nNotes:\n\n");
                for (String d : details) {
                    md.append("- ").append(SafeText.markdown(d)).append('\n');
                }
            }
            return md.toString();
        }

        private static String num(Double v) {
            return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
        }
    }

    /**
     * Compares {@code current} with {@code baseline}.
     *
     * @param allowNew     cells with a score only in the results do not make the check incomplete
     * @param allowMissing baseline cells absent from the results do not make the check incomplete
     */
    public static Report compare(RunMerge.Merged baseline, String baselineDescription, RunMerge.Merged current,
                                 List<String> resultDescriptions, Tolerances tolerances, boolean allowNew,
                                 boolean allowMissing) {
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String task : tolerances.perTask().keySet()) {
            if (!baseline.taskIds().contains(task)) {
                notes.add("--tolerance names task " + task + ", which the baseline does not hold.");
            }
        }
        for (RunMerge.Sourced s : baseline.all()) {
            CellResult base = s.cell();
            Optional<CellResult> maybe = current.cell(base.taskId(), base.modelId());
            if (!base.hasScore()) {
                if (maybe.isPresent() && maybe.get().hasScore()) {
                    rows.add(new Row(base.taskId(), base.modelId(), maybe.get().primaryMetric(), null,
                            maybe.get().primaryScore(), Double.NaN, Double.NaN, "", Verdict.NEW,
                            "the baseline cell has no score (" + base.status().name().toLowerCase(Locale.ROOT) + ")"));
                }
                continue;
            }
            if (maybe.isEmpty()) {
                rows.add(new Row(base.taskId(), base.modelId(), base.primaryMetric(), base.primaryScore(), null,
                        Double.NaN, Double.NaN, "", Verdict.MISSING, "in the baseline but not in the results"));
                continue;
            }
            CellResult cur = maybe.get();
            if (cur.status() != CellStatus.SUCCEEDED || cur.primaryScore() == null || cur.primaryScore().isNaN()) {
                String why = cur.status() == CellStatus.SUCCEEDED ? "the score is NaN"
                        : cur.status().name().toLowerCase(Locale.ROOT) + ": " + cur.message();
                rows.add(new Row(base.taskId(), base.modelId(), base.primaryMetric(), base.primaryScore(),
                        cur.primaryScore(), Double.NaN, Double.NaN, "", Verdict.REGRESSION, why));
                continue;
            }
            if (!base.primaryMetric().equals(cur.primaryMetric())) {
                rows.add(new Row(base.taskId(), base.modelId(), base.primaryMetric(), base.primaryScore(),
                        cur.primaryScore(), Double.NaN, Double.NaN, "", Verdict.INCOMPARABLE,
                        "primary metric changed from " + base.primaryMetric() + " to " + cur.primaryMetric()));
                continue;
            }
            boolean higher = SmScores.higherIsBetter(base.primaryMetric());
            double delta = (higher ? 1 : -1) * (cur.primaryScore() - base.primaryScore()) + 0.0; // no -0.0
            Tolerance t = tolerances.forTask(base.taskId());
            double[] tau = new double[1];
            String source = tolerance(base, higher, t, tau);
            Verdict verdict = delta < -tau[0] ? Verdict.REGRESSION : delta > tau[0] ? Verdict.IMPROVED : Verdict.PASS;
            List<String> detail = new ArrayList<>();
            if (base.taskDataHash() != null && cur.taskDataHash() != null && !base.taskDataHash().equals(cur.taskDataHash())) {
                detail.add("task data changed (hash " + abbreviate(base.taskDataHash()) + " → " + abbreviate(cur.taskDataHash()) + ")");
            }
            List<String> changes = new ArrayList<>();
            if (!java.util.Objects.equals(base.modelVersion(), cur.modelVersion())) {
                changes.add("version " + base.modelVersion() + " → " + cur.modelVersion());
            }
            if (!java.util.Objects.equals(base.weightsSha256(), cur.weightsSha256())) {
                changes.add("weights " + abbreviate(base.weightsSha256()) + " → " + abbreviate(cur.weightsSha256()));
            }
            if (!changes.isEmpty()) {
                detail.add("model changed (" + String.join(", ", changes) + ")");
            }
            if (source.startsWith("none")) {
                detail.add("no interval or fold spread in the baseline: tolerance 0");
            }
            rows.add(new Row(base.taskId(), base.modelId(), base.primaryMetric(), base.primaryScore(), cur.primaryScore(),
                    delta, tau[0], source, verdict, String.join("; ", detail)));
        }
        for (RunMerge.Sourced s : current.all()) {
            CellResult cur = s.cell();
            if (cur.hasScore() && baseline.cell(cur.taskId(), cur.modelId()).isEmpty()) {
                rows.add(new Row(cur.taskId(), cur.modelId(), cur.primaryMetric(), null, cur.primaryScore(), Double.NaN,
                        Double.NaN, "", Verdict.NEW, "not in the baseline"));
            }
        }
        List<String> taskOrder = new ArrayList<>(baseline.taskIds());
        current.taskIds().stream().filter(t -> !taskOrder.contains(t)).forEach(taskOrder::add);
        rows.sort(Comparator.comparingInt((Row r) -> r.verdict().ordinal())
                .thenComparingInt(r -> taskOrder.indexOf(r.taskId()))
                .thenComparing(Row::modelId));
        return new Report(baselineDescription, resultDescriptions, tolerances, allowNew, allowMissing, rows, notes);
    }

    /** Sets {@code tau[0]} and returns where it came from. */
    private static String tolerance(CellResult base, boolean higher, Tolerance t, double[] tau) {
        if (t.mode() == Tolerance.Mode.ABSOLUTE) {
            tau[0] = t.absolute();
            return "absolute";
        }
        Double fromCi = fromInterval(base, higher);
        Double fromFolds = fromFolds(base);
        List<Object[]> order = t.mode() == Tolerance.Mode.CI
                ? List.of(new Object[] {fromCi, ciLabel(base)}, new Object[] {fromFolds, "folds"})
                : List.of(new Object[] {fromFolds, "folds"}, new Object[] {fromCi, ciLabel(base)});
        for (Object[] o : order) {
            if (o[0] != null) {
                tau[0] = (Double) o[0];
                return (String) o[1];
            }
        }
        tau[0] = 0;
        return "none";
    }

    private static String ciLabel(CellResult base) {
        BootstrapInterval i = base.primaryInterval();
        return i == null ? "ci" : "ci " + Math.round(i.confidenceLevel() * 100) + "%";
    }

    private static Double fromInterval(CellResult base, boolean higher) {
        BootstrapInterval i = base.primaryInterval();
        if (i == null || !i.metric().equals(base.primaryMetric()) || Double.isNaN(i.low()) || Double.isNaN(i.high())) {
            return null;
        }
        return Math.max(0, higher ? base.primaryScore() - i.low() : i.high() - base.primaryScore());
    }

    private static Double fromFolds(CellResult base) {
        MetricSummary s = base.metrics().get(base.primaryMetric());
        if (s == null || s.perFold().size() < 2 || !Double.isFinite(s.std())) {
            return null;
        }
        return s.std();
    }

    private static String abbreviate(String hash) {
        if (hash == null) {
            return "none";
        }
        String h = hash.startsWith("sha256:") ? hash.substring(7) : hash;
        return h.length() > 12 ? h.substring(0, 12) : h;
    }
}
