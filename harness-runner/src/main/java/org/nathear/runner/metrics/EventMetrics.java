package org.nathear.runner.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nathear.api.HarnessException;
import org.nathear.api.Label;
import org.nathear.api.Metric;

/**
 * Event-level metrics with the semantics hear-eval-kit gets from sed_eval 0.2
 * ({@code heareval/score.py} wraps {@code sed_eval.sound_event.EventBasedMetrics} and
 * {@code SegmentBasedMetrics}). Events come per file, in milliseconds; like hear-eval-kit they are
 * converted to seconds ({@code ms / 1000.0}) before any comparison, so boundary cases round the same
 * way. Every file of {@code estimated} is evaluated (an empty list is a file without detections);
 * files only in {@code reference} are not, as in hear-eval-kit, which loops over the predicted files.
 *
 * <ul>
 *   <li>{@code event_onset_200ms_fms}, {@code event_onset_50ms_fms}: onset-only event-based
 *       F-measure, micro-averaged over all files and classes ("overall"). A reference and an
 *       estimated event of the same file may match when they have the same label and
 *       {@code |onset_ref − onset_est| ≤ collar} (seconds, 0.2 or 0.05); offsets are ignored. Each
 *       event matches at most one other: the number of correct events per file is the size of a
 *       maximum bipartite matching (sed_eval's default {@code event_matching_type="optimal"}).
 *       P = N<sub>corr</sub> / (N<sub>sys</sub> + ε), R = N<sub>corr</sub> / (N<sub>ref</sub> + ε),
 *       F = 2PR / (P + R), 0 when P = R = 0; ε = 2<sup>−52</sup> (numpy's {@code spacing(1)}), so
 *       empty lists give 0, never NaN.</li>
 *   <li>{@code segment_1s_er}: segment-based error rate with 1 s segments. Per file, each event
 *       marks segments {@code floor(onset) … ceil(offset) − 1}; the file is evaluated over
 *       {@code ceil(max offset of reference and estimate)} segments. Per segment:
 *       S = min(N<sub>ref</sub>, N<sub>sys</sub>) − N<sub>tp</sub>, D = max(0, N<sub>ref</sub> −
 *       N<sub>sys</sub>), I = max(0, N<sub>sys</sub> − N<sub>ref</sub>); summed over segments and
 *       files, ER = S/(N<sub>ref</sub>+ε) + D/(N<sub>ref</sub>+ε) + I/(N<sub>ref</sub>+ε). Lower is
 *       better; it can exceed 1.</li>
 * </ul>
 */
public final class EventMetrics {
    /** The metrics this class computes. */
    public static final Set<Metric> SUPPORTED = Set.of(Metric.EVENT_ONSET_200MS_FMS, Metric.EVENT_ONSET_50MS_FMS,
            Metric.SEGMENT_1S_ER);

    /** numpy.spacing(1): sed_eval adds it to every denominator. */
    static final double EPS = Math.ulp(1.0);

    private EventMetrics() {
    }

    /** Onset-only event-based counts and scores (sed_eval "overall"). */
    public record EventScores(int referenceEvents, int estimatedEvents, int correctEvents, double precision,
                              double recall, double fMeasure) {
        /** Sub-scores by sed_eval's names, F first (hear-eval-kit logs them as {@code <metric>_<name>}). */
        public Map<String, Double> subScores() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("f_measure", fMeasure);
            out.put("precision", precision);
            out.put("recall", recall);
            return out;
        }
    }

    /** Segment-based counts and rates (sed_eval "overall"). */
    public record SegmentScores(int segments, int reference, int substitutions, int deletions, int insertions,
                                double errorRate, double substitutionRate, double deletionRate,
                                double insertionRate) {
        /** Sub-scores by sed_eval's names, error rate first. */
        public Map<String, Double> subScores() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("error_rate", errorRate);
            out.put("substitution_rate", substitutionRate);
            out.put("deletion_rate", deletionRate);
            out.put("insertion_rate", insertionRate);
            return out;
        }
    }

    /**
     * One metric.
     *
     * @param reference  reference events per file (ms); files missing here have no reference events
     * @param estimated  estimated events per file (ms); every key is evaluated
     * @param vocabulary the task's labels; every event label must be in it
     */
    public static double score(Metric metric, Map<String, List<Label.Event>> reference,
                               Map<String, List<Label.Event>> estimated, List<String> vocabulary) {
        return subScores(metric, reference, estimated, vocabulary).values().iterator().next();
    }

    /**
     * One metric with its sed_eval sub-scores, the metric's own value first.
     */
    public static Map<String, Double> subScores(Metric metric, Map<String, List<Label.Event>> reference,
                                                Map<String, List<Label.Event>> estimated, List<String> vocabulary) {
        return switch (metric) {
            case EVENT_ONSET_200MS_FMS -> onsetFMeasure(reference, estimated, vocabulary, 0.2).subScores();
            case EVENT_ONSET_50MS_FMS -> onsetFMeasure(reference, estimated, vocabulary, 0.05).subScores();
            case SEGMENT_1S_ER -> segmentErrorRate(reference, estimated, vocabulary, 1.0).subScores();
            default -> throw new HarnessException("Metric '" + (metric == null ? "null" : metric.id())
                    + "' is not an event metric; EventMetrics computes " + SUPPORTED.stream().map(Metric::id).sorted().toList());
        };
    }

    /**
     * Onset-only event-based precision, recall and F-measure, micro over files and classes.
     *
     * @param collarSeconds onset tolerance in seconds (0.2 for {@code event_onset_200ms_fms})
     */
    public static EventScores onsetFMeasure(Map<String, List<Label.Event>> reference,
                                            Map<String, List<Label.Event>> estimated, List<String> vocabulary,
                                            double collarSeconds) {
        if (!(collarSeconds >= 0)) {
            throw new HarnessException("Onset collar must be a non-negative number of seconds; got " + collarSeconds);
        }
        checkInputs(reference, estimated, vocabulary);
        int nRef = 0;
        int nSys = 0;
        int nCorrect = 0;
        for (Map.Entry<String, List<Label.Event>> file : estimated.entrySet()) {
            List<Label.Event> ref = reference.getOrDefault(file.getKey(), List.of());
            List<Label.Event> est = file.getValue();
            nRef += ref.size();
            nSys += est.size();
            nCorrect += maximumOnsetMatching(ref, est, collarSeconds);
        }
        double precision = nCorrect / (nSys + EPS);
        double recall = nCorrect / (nRef + EPS);
        double f = precision == 0 && recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new EventScores(nRef, nSys, nCorrect, precision, recall, f);
    }

    /**
     * Segment-based error rate, sums over every evaluated file.
     *
     * @param resolutionSeconds segment length (1.0 for {@code segment_1s_er})
     */
    public static SegmentScores segmentErrorRate(Map<String, List<Label.Event>> reference,
                                                 Map<String, List<Label.Event>> estimated, List<String> vocabulary,
                                                 double resolutionSeconds) {
        if (!(resolutionSeconds > 0) || !Double.isFinite(resolutionSeconds)) {
            throw new HarnessException("Segment length must be a positive number of seconds; got " + resolutionSeconds);
        }
        checkInputs(reference, estimated, vocabulary);
        Map<String, Integer> index = indexOf(vocabulary);
        int segments = 0;
        int nRef = 0;
        int subs = 0;
        int dels = 0;
        int ins = 0;
        for (Map.Entry<String, List<Label.Event>> file : estimated.entrySet()) {
            List<Label.Event> ref = reference.getOrDefault(file.getKey(), List.of());
            List<Label.Event> est = file.getValue();
            double length = Math.max(maxOffsetSeconds(ref), maxOffsetSeconds(est));
            int n = (int) Math.ceil(length * 1 / resolutionSeconds);
            boolean[][] refRoll = roll(ref, index, n, resolutionSeconds);
            boolean[][] estRoll = roll(est, index, n, resolutionSeconds);
            segments += n;
            for (int s = 0; s < n; s++) {
                int tp = 0;
                int r = 0;
                int e = 0;
                for (int c = 0; c < vocabulary.size(); c++) {
                    if (refRoll[s][c]) {
                        r++;
                    }
                    if (estRoll[s][c]) {
                        e++;
                    }
                    if (refRoll[s][c] && estRoll[s][c]) {
                        tp++;
                    }
                }
                nRef += r;
                subs += Math.min(r, e) - tp;
                dels += Math.max(0, r - e);
                ins += Math.max(0, e - r);
            }
        }
        double sr = subs / (nRef + EPS);
        double dr = dels / (nRef + EPS);
        double ir = ins / (nRef + EPS);
        return new SegmentScores(segments, nRef, subs, dels, ins, sr + dr + ir, sr, dr, ir);
    }

    /** Size of a maximum matching between same-label events whose onsets lie within the collar. */
    static int maximumOnsetMatching(List<Label.Event> reference, List<Label.Event> estimated, double collarSeconds) {
        if (reference.isEmpty() || estimated.isEmpty()) {
            return 0;
        }
        int[][] adjacency = new int[estimated.size()][];
        for (int i = 0; i < estimated.size(); i++) {
            Label.Event est = estimated.get(i);
            double onset = est.startMillis() / 1000.0;
            List<Integer> hits = new ArrayList<>();
            for (int j = 0; j < reference.size(); j++) {
                Label.Event ref = reference.get(j);
                if (ref.name().equals(est.name()) && Math.abs(ref.startMillis() / 1000.0 - onset) <= collarSeconds) {
                    hits.add(j);
                }
            }
            adjacency[i] = hits.stream().mapToInt(Integer::intValue).toArray();
        }
        return BipartiteMatching.maximum(adjacency, reference.size());
    }

    private static boolean[][] roll(List<Label.Event> events, Map<String, Integer> index, int segments,
                                    double resolutionSeconds) {
        boolean[][] roll = new boolean[segments][index.size()];
        for (Label.Event e : events) {
            int c = index.get(e.name());
            int from = (int) Math.floor(e.startMillis() / 1000.0 * 1 / resolutionSeconds);
            int to = Math.min(segments, (int) Math.ceil(e.endMillis() / 1000.0 * 1 / resolutionSeconds));
            for (int s = from; s < to; s++) {
                roll[s][c] = true;
            }
        }
        return roll;
    }

    private static double maxOffsetSeconds(List<Label.Event> events) {
        double max = 0;
        for (Label.Event e : events) {
            max = Math.max(max, e.endMillis() / 1000.0);
        }
        return max;
    }

    private static Map<String, Integer> indexOf(List<String> vocabulary) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        return index;
    }

    private static void checkInputs(Map<String, List<Label.Event>> reference, Map<String, List<Label.Event>> estimated,
                                    List<String> vocabulary) {
        if (reference == null || estimated == null || vocabulary == null) {
            throw new HarnessException("Event metrics need reference events, estimated events and the vocabulary; got "
                    + (reference == null ? "no reference" : "") + (estimated == null ? " no estimate" : "")
                    + (vocabulary == null ? " no vocabulary" : ""));
        }
        Set<String> known = Set.copyOf(vocabulary);
        check("reference", reference, known, vocabulary);
        check("estimated", estimated, known, vocabulary);
    }

    private static void check(String which, Map<String, List<Label.Event>> events, Set<String> known,
                              List<String> vocabulary) {
        for (Map.Entry<String, List<Label.Event>> file : events.entrySet()) {
            if (file.getValue() == null) {
                throw new HarnessException("Event metrics: " + which + " events of file '" + file.getKey()
                        + "' are null; expected a (possibly empty) list");
            }
            for (Label.Event e : file.getValue()) {
                if (!known.contains(e.name())) {
                    throw new HarnessException("Event metrics: " + which + " event '" + e.name() + "' of file '"
                            + file.getKey() + "' at " + e.startMillis() + " ms is not in the vocabulary "
                            + Arrays.toString(vocabulary.toArray()));
                }
            }
        }
    }
}
