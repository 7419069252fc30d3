package org.nathear.results.scores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.nathear.api.ConfigurationException;
import org.nathear.api.Metric;
import org.nathear.results.merge.RunMerge;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.statistics.Percentiles;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;

/**
 * The GRAM paper's overall score s(m) (Appendix E, after SUPERB), per task group.
 *
 * <p>For each task t of a group, with the primary metric mirrored when lower is better
 * (v' = −v) so that higher is always better:
 * <pre>
 *   n_t(m) = (m'_t − b'_t) / (best'_t − b'_t)     b = the baseline model's score,
 *                                                 best = the best score of the comparison set
 *   n_t(m) = 0   when m'_t &lt; b'_t (below the baseline) or m has no score on t
 *   n_t(m) = 0   for every model when best'_t ≤ b'_t (the best is not above the baseline)
 *   s(m)   = 100 · mean over the group's tasks of n_t(m)
 * </pre>
 * Tasks without a baseline score cannot be normalised and are left out of the group (with a note).
 * A model outside the comparison set can score above 100 on a task (it beats the set's best).
 *
 * <p>Confidence intervals: when every score involved carries bootstrap replicates
 * ({@link BootstrapInterval}) with the same number of resamples, replicate r recomputes s(m) from
 * every cell's r-th replicate — baseline and best included — and the interval is the percentile
 * interval of those s(m) values. The runner resamples the same test clips for every model of a task,
 * so the replicates are paired across models. The HEAR→Nat-HEAR drop of a model is s_HEAR − s_Nat-HEAR,
 * with its interval from the replicate-wise differences.
 */
public final class SmScores {
    private SmScores() {
    }

    /** How one task is normalised. */
    public record TaskBasis(String taskId, String metric, boolean higherIsBetter, double baseline, double best,
                            String bestModel, boolean zeroForAll) {
    }

    /**
     * One model's s(m) in one group.
     *
     * @param score            s(m), 0–100 (above 100 only for a model outside the comparison set)
     * @param low              lower bound of the confidence interval (NaN when not available)
     * @param high             upper bound (NaN when not available)
     * @param tasksScored      tasks of the group the model has a score on
     * @param tasks            tasks of the group (with a baseline score)
     * @param perTask          task id → 100 · n_t(m); NaN where the model has no score (it counts 0)
     * @param unclipped        s(m) without the floor at the baseline: 100 · mean over the group's tasks of
     *                         (m' − b') / (best' − b'), negative below the baseline; a missing score and a
     *                         task where the best is not above the baseline count 0, as in s(m). Never above
     *                         {@code score}; the gap is what clipping at the baseline hides
     * @param perTaskUnclipped task id → 100 · (m' − b') / (best' − b') without the floor; NaN where the model
     *                         has no score, 0 on a task where the best is not above the baseline
     * @param meanRank         mean over the group's tasks of the model's rank among every model with a score on
     *                         the task (1 = best, ties share the mean of their ranks); a model without a score
     *                         on a task takes the last rank, the number of models in the group
     * @param belowBaseline    the group's tasks on which the model scores below the baseline, in task order —
     *                         including tasks where the best is not above the baseline, which count 0 for every
     *                         model and so hide a deficit even from the unclipped score
     */
    public record ModelScore(String modelId, boolean inComparisonSet, double score, double low, double high,
                             int tasksScored, int tasks, Map<String, Double> perTask, double unclipped,
                             Map<String, Double> perTaskUnclipped, double meanRank, List<String> belowBaseline) {
        public ModelScore {
            perTask = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perTask));
            perTaskUnclipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perTaskUnclipped));
            belowBaseline = List.copyOf(belowBaseline);
        }
    }

    /** s(m) of every model in one task group. */
    public record Group(TaskGroup group, List<TaskBasis> tasks, List<String> excludedTasks, List<ModelScore> models) {
        public Group {
            tasks = List.copyOf(tasks);
            excludedTasks = List.copyOf(excludedTasks);
            models = List.copyOf(models);
        }

        public Optional<ModelScore> model(String modelId) {
            return models.stream().filter(m -> m.modelId().equals(modelId)).findFirst();
        }
    }

    /** A model's HEAR→Nat-HEAR drop in s(m) points (positive: worse on Nat-HEAR). */
    public record Drop(String modelId, double drop, double low, double high) {
    }

    /**
     * Everything s(m) reports.
     *
     * @param baselineModel  the baseline's model id
     * @param comparisonSet  the models whose best defines 100 on each task, as used
     * @param confidenceLevel level of the intervals (NaN when there are none)
     * @param groups         HEAR then Nat-HEAR, each only when it has tasks with a baseline score
     * @param drops          per model present in both groups
     * @param notes          why tasks were left out, why intervals are missing
     */
    public record Report(String baselineModel, List<String> comparisonSet, double confidenceLevel, List<Group> groups,
                         List<Drop> drops, List<String> notes) {
        public Report {
            comparisonSet = List.copyOf(comparisonSet);
            groups = List.copyOf(groups);
            drops = List.copyOf(drops);
            notes = List.copyOf(notes);
        }

        public Optional<Group> group(TaskGroup g) {
            return groups.stream().filter(x -> x.group() == g).findFirst();
        }
    }

    /**
     * Computes s(m) over the merged cells.
     *
     * @param assignments   task id → group (from {@link TaskGroup#classify})
     * @param baselineModel the baseline model's id (HEAR-Naive, {@code hear-naive}, by default)
     * @param comparisonSet models whose best defines each task's 100; empty = every model with a
     *                      score in the group's tasks
     * @throws ConfigurationException when the comparison set names a model the results do not hold
     */
    public static Report compute(RunMerge.Merged merged, Map<String, TaskGroup.Assignment> assignments,
                                 String baselineModel, List<String> comparisonSet) {
        List<String> notes = new ArrayList<>();
        for (String m : comparisonSet) {
            if (!merged.modelIds().contains(m)) {
                throw new ConfigurationException("Comparison set names model '" + m
                        + "', which none of the result files holds; models found: " + merged.modelIds());
            }
        }
        List<String> set = new ArrayList<>();
        if (comparisonSet.isEmpty()) {
            for (String model : merged.modelIds()) {
                boolean scored = merged.taskIds().stream()
                        .filter(t -> isScoreGroup(assignments.get(t)))
                        .anyMatch(t -> merged.cell(t, model).map(CellResult::hasScore).orElse(false));
                if (scored) {
                    set.add(model);
                }
            }
        } else {
            set.addAll(new LinkedHashSet<>(comparisonSet));
        }
        List<Group> groups = new ArrayList<>();
        Map<TaskGroup, Map<String, double[]>> replicates = new LinkedHashMap<>();
        Set<Double> levels = new TreeSet<>();
        for (TaskGroup g : List.of(TaskGroup.HEAR, TaskGroup.NAT_HEAR)) {
            List<String> tasks = merged.taskIds().stream()
                    .filter(t -> assignments.get(t) != null && assignments.get(t).group() == g).toList();
            if (tasks.isEmpty()) {
                continue;
            }
            Map<String, double[]> groupReplicates = new LinkedHashMap<>();
            Group group = group(g, tasks, merged, baselineModel, set, notes, groupReplicates, levels);
            if (!group.tasks().isEmpty()) { // a group whose tasks all lack a baseline score has only its note
                groups.add(group);
                replicates.put(g, groupReplicates);
            }
        }
        List<Drop> drops = new ArrayList<>();
        Optional<Group> hear = groups.stream().filter(x -> x.group() == TaskGroup.HEAR && !x.tasks().isEmpty()).findFirst();
        Optional<Group> nat = groups.stream().filter(x -> x.group() == TaskGroup.NAT_HEAR && !x.tasks().isEmpty()).findFirst();
        if (hear.isPresent() && nat.isPresent()) {
            for (ModelScore h : hear.get().models()) {
                Optional<ModelScore> n = nat.get().model(h.modelId());
                if (n.isEmpty()) {
                    continue;
                }
                double[] rh = replicates.get(TaskGroup.HEAR).get(h.modelId());
                double[] rn = replicates.get(TaskGroup.NAT_HEAR).get(h.modelId());
                double low = Double.NaN;
                double high = Double.NaN;
                if (rh != null && rn != null && rh.length == rn.length && levels.size() == 1) {
                    double[] diff = new double[rh.length];
                    for (int r = 0; r < diff.length; r++) {
                        diff[r] = rh[r] - rn[r];
                    }
                    Percentiles.Interval interval = Percentiles.interval(diff, levels.iterator().next());
                    low = interval.low();
                    high = interval.high();
                }
                drops.add(new Drop(h.modelId(), h.score() - n.get().score(), low, high));
            }
        }
        double level = levels.size() == 1 ? levels.iterator().next() : Double.NaN;
        if (levels.size() > 1) {
            notes.add("Cells carry intervals at different confidence levels " + levels + "; s(m) intervals left out.");
        }
        return new Report(baselineModel, set, level, groups, drops, notes);
    }

    private static boolean isScoreGroup(TaskGroup.Assignment a) {
        return a != null && (a.group() == TaskGroup.HEAR || a.group() == TaskGroup.NAT_HEAR);
    }

    private static Group group(TaskGroup g, List<String> taskIds, RunMerge.Merged merged, String baselineModel,
                               List<String> set, List<String> notes, Map<String, double[]> replicatesOut,
                               Set<Double> levels) {
        List<TaskBasis> bases = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String task : taskIds) {
            Optional<CellResult> base = merged.cell(task, baselineModel);
            if (base.isEmpty() || !base.get().hasScore()) {
                String why = base.isEmpty() ? "no cell" : base.get().status() != CellStatus.SUCCEEDED
                        ? base.get().status().name().toLowerCase(java.util.Locale.ROOT) : "score NaN";
                excluded.add(task + " (baseline " + baselineModel + ": " + why + ")");
                continue;
            }
            String metric = base.get().primaryMetric();
            boolean higher = higherIsBetter(metric);
            double sign = higher ? 1 : -1;
            double b = sign * base.get().primaryScore();
            double best = Double.NEGATIVE_INFINITY;
            String bestModel = null;
            for (String m : set) {
                Optional<CellResult> c = merged.cell(task, m);
                if (c.isPresent() && c.get().hasScore() && sign * c.get().primaryScore() > best) {
                    best = sign * c.get().primaryScore();
                    bestModel = m;
                }
            }
            boolean zero = bestModel == null || !(best > b);
            bases.add(new TaskBasis(task, metric, higher, base.get().primaryScore(),
                    bestModel == null ? Double.NaN : sign * best, bestModel, zero));
        }
        if (!excluded.isEmpty()) {
            notes.add(g.label() + " s(m) leaves out " + excluded.size() + " task(s) without a baseline score: "
                    + String.join(", ", excluded) + ".");
        }
        List<ModelScore> models = new ArrayList<>();
        // replicate bookkeeping: usable only when every scored cell involved has replicates of one size
        Set<Integer> sizes = new TreeSet<>();
        boolean setComplete = true;
        for (TaskBasis t : bases) {
            for (String m : concat(baselineModel, set)) {
                Optional<CellResult> c = merged.cell(t.taskId(), m);
                if (c.isPresent() && c.get().hasScore()) {
                    double[] r = replicates(c.get());
                    if (r == null) {
                        setComplete = false;
                    } else {
                        sizes.add(r.length);
                        levels.add(c.get().primaryInterval().confidenceLevel());
                    }
                }
            }
        }
        boolean intervals = !bases.isEmpty() && setComplete && sizes.size() == 1;
        if (!bases.isEmpty() && !intervals) {
            notes.add(g.label() + " s(m) has no confidence intervals: " + (sizes.size() > 1
                    ? "cells were bootstrapped with different numbers of resamples " + sizes
                    : "some scores of the baseline or the comparison set carry no bootstrap replicates "
                    + "(older result files, or an evaluator that does not compute them)") + ".");
        }
        int resamples = intervals ? sizes.iterator().next() : 0;
        double[][] baseRep = new double[bases.size()][];
        double[][] bestRep = new double[bases.size()][];
        if (intervals) {
            for (int i = 0; i < bases.size(); i++) {
                TaskBasis t = bases.get(i);
                double sign = t.higherIsBetter() ? 1 : -1;
                baseRep[i] = signed(replicates(merged.cell(t.taskId(), baselineModel).orElseThrow()), sign);
                double[] best = new double[resamples];
                java.util.Arrays.fill(best, Double.NaN);
                for (String m : set) {
                    Optional<CellResult> c = merged.cell(t.taskId(), m);
                    if (c.isPresent() && c.get().hasScore()) {
                        double[] r = signed(replicates(c.get()), sign);
                        for (int k = 0; k < resamples; k++) {
                            if (!Double.isNaN(r[k]) && (Double.isNaN(best[k]) || r[k] > best[k])) {
                                best[k] = r[k];
                            }
                        }
                    }
                }
                bestRep[i] = best;
            }
        }
        List<String> present = merged.modelIds().stream()
                .filter(model -> bases.stream().anyMatch(t -> merged.cell(t.taskId(), model).map(CellResult::hasScore).orElse(false)))
                .toList();
        Map<String, Double> meanRanks = meanRanks(bases, present, merged);
        for (String model : present) {
            Map<String, Double> perTask = new LinkedHashMap<>();
            Map<String, Double> perTaskUnclipped = new LinkedHashMap<>();
            List<String> below = new ArrayList<>();
            double sum = 0;
            double unclippedSum = 0;
            int scored = 0;
            boolean modelIntervals = intervals;
            double[][] modelRep = new double[bases.size()][];
            for (int i = 0; i < bases.size(); i++) {
                TaskBasis t = bases.get(i);
                Optional<CellResult> c = merged.cell(t.taskId(), model);
                if (c.isEmpty() || !c.get().hasScore()) {
                    perTask.put(t.taskId(), Double.NaN);
                    perTaskUnclipped.put(t.taskId(), Double.NaN);
                    continue;
                }
                scored++;
                double sign = t.higherIsBetter() ? 1 : -1;
                double n = normalised(sign * c.get().primaryScore(), sign * t.baseline(), sign * t.best(), t.zeroForAll());
                double u = unclipped(sign * c.get().primaryScore(), sign * t.baseline(), sign * t.best(), t.zeroForAll());
                perTask.put(t.taskId(), 100 * n);
                perTaskUnclipped.put(t.taskId(), 100 * u);
                if (sign * c.get().primaryScore() < sign * t.baseline()) {
                    below.add(t.taskId());
                }
                sum += n;
                unclippedSum += u;
                double[] r = replicates(c.get());
                if (r == null || r.length != resamples) {
                    modelIntervals = false;
                } else {
                    modelRep[i] = signed(r, sign);
                }
            }
            double score = bases.isEmpty() ? Double.NaN : 100 * sum / bases.size();
            double low = Double.NaN;
            double high = Double.NaN;
            if (modelIntervals) {
                double[] s = new double[resamples];
                for (int k = 0; k < resamples; k++) {
                    double total = 0;
                    for (int i = 0; i < bases.size(); i++) {
                        if (modelRep[i] != null) {
                            total += normalised(modelRep[i][k], baseRep[i][k], bestRep[i][k], false);
                        }
                    }
                    s[k] = 100 * total / bases.size();
                }
                replicatesOut.put(model, s);
                double level = merged.cell(bases.get(0).taskId(), baselineModel).orElseThrow().primaryInterval().confidenceLevel();
                Percentiles.Interval interval = Percentiles.interval(s, level);
                low = interval.low();
                high = interval.high();
            } else if (intervals) {
                notes.add(g.label() + " s(m) of " + model + " has no interval: some of its scores carry no bootstrap "
                        + "replicates of " + resamples + " resamples.");
            }
            double unclippedScore = bases.isEmpty() ? Double.NaN : 100 * unclippedSum / bases.size();
            models.add(new ModelScore(model, set.contains(model), score, low, high, scored, bases.size(), perTask,
                    unclippedScore, perTaskUnclipped, meanRanks.getOrDefault(model, Double.NaN), below));
        }
        return new Group(g, bases, excluded, models);
    }

    /**
     * Mean rank of each model over the tasks: per task, the models with a score ranked by their signed
     * primary score (1 = best, ties share the mean of the ranks they span); a model without a score takes
     * rank {@code models.size()}.
     */
    static Map<String, Double> meanRanks(List<TaskBasis> bases, List<String> models, RunMerge.Merged merged) {
        Map<String, Double> total = new LinkedHashMap<>();
        models.forEach(m -> total.put(m, 0.0));
        if (bases.isEmpty() || models.isEmpty()) {
            return Map.of();
        }
        for (TaskBasis t : bases) {
            double sign = t.higherIsBetter() ? 1 : -1;
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String m : models) {
                merged.cell(t.taskId(), m).filter(CellResult::hasScore).ifPresent(c -> scores.put(m, sign * c.primaryScore()));
            }
            for (String m : models) {
                Double v = scores.get(m);
                double rank;
                if (v == null) {
                    rank = models.size();
                } else {
                    long better = scores.values().stream().filter(x -> x > v).count();
                    long tied = scores.values().stream().filter(x -> x.doubleValue() == v.doubleValue()).count();
                    rank = better + (tied + 1) / 2.0;
                }
                total.merge(m, rank, Double::sum);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        total.forEach((m, sum) -> out.put(m, sum / bases.size()));
        return out;
    }

    /** (m − baseline) / (best − baseline) without the floor at 0; 0 when the best is not above the baseline. */
    static double unclipped(double m, double baseline, double best, boolean zeroForAll) {
        if (zeroForAll || Double.isNaN(m) || Double.isNaN(baseline) || Double.isNaN(best) || !(best > baseline)) {
            return 0;
        }
        return (m - baseline) / (best - baseline);
    }

    /**
     * n_t(m) with every value already signed so that higher is better: 0 when the best is not above
     * the baseline (or any of the three is NaN), 0 below the baseline, else the fraction of the
     * baseline-to-best improvement.
     */
    static double normalised(double m, double baseline, double best, boolean zeroForAll) {
        if (zeroForAll || Double.isNaN(m) || Double.isNaN(baseline) || Double.isNaN(best) || !(best > baseline)) {
            return 0;
        }
        return Math.max(0, (m - baseline) / (best - baseline));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        for (String r : rest) {
            if (!r.equals(first)) {
                out.add(r);
            }
        }
        return out;
    }

    private static double[] replicates(CellResult cell) {
        BootstrapInterval i = cell.primaryInterval();
        if (i == null || !i.metric().equals(cell.primaryMetric()) || i.replicates().isEmpty()) {
            return null;
        }
        return i.replicateValues();
    }

    private static double[] signed(double[] values, double sign) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = sign * values[i];
        }
        return out;
    }

    /** Direction of a metric id: nathear's known metrics say; unknown ids count as higher-is-better. */
    public static boolean higherIsBetter(String metricId) {
        for (Metric m : Metric.values()) {
            if (m.id().equals(metricId)) {
                return m.higherIsBetter();
            }
        }
        return true;
    }
}
