package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nathear.api.HarnessException;
import org.nathear.api.Label;

/**
 * hear-eval-kit's conversion of frame scores into events ({@code create_events_from_prediction} in
 * {@code heareval/predictions/task_predictions.py}), per file:
 *
 * <ol>
 *   <li>median filter along time of every class column, width
 *       {@code w = round(medianFilterMillis / mean hop)} frames (Python's round: halves to even;
 *       skipped when {@code w = 0}), with SciPy's {@code ndimage.median_filter} semantics: window
 *       offsets {@code −⌊w/2⌋ … w−1−⌊w/2⌋}, edges extended by reflection ({@code d c b a | a b c d}),
 *       and for even {@code w} the upper of the two middle values;</li>
 *   <li>threshold: a frame is active when its filtered score is {@code > 0.5};</li>
 *   <li>each run of consecutive active frames of one class becomes one event from the first frame's
 *       timestamp to the last frame's timestamp (no half-hop extension: one frame gives a
 *       zero-length event);</li>
 *   <li>events shorter than {@code minDurationMillis} are dropped ({@code end − start ≥ min} is kept).</li>
 * </ol>
 *
 * <p>Events are returned sorted by onset (stable over classes in vocabulary order).
 */
public final class EventPostprocessing {
    /** hear-eval-kit's fixed threshold. */
    public static final double THRESHOLD = 0.5;

    /** One post-processing setting. */
    public record Setting(double medianFilterMillis, double minDurationMillis) {
        public Setting {
            if (!(medianFilterMillis >= 0) || !(minDurationMillis >= 0)) {
                throw new HarnessException("Event post-processing needs a median filter and minimum duration >= 0 ms; got "
                        + medianFilterMillis + " ms and " + minDurationMillis + " ms");
            }
        }

        /** As hyperparameters in result files. */
        public Map<String, String> asMap() {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("postprocessing.medianFilterMillis", format(medianFilterMillis));
            out.put("postprocessing.minDurationMillis", format(minDurationMillis));
            return out;
        }

        /** As hear-eval-kit's {@code postprocessing} list of [name, value] pairs. */
        public List<List<Object>> asHearPairs() {
            return List.of(List.of("median_filter_ms", medianFilterMillis), List.of("min_duration", minDurationMillis));
        }

        private static String format(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
        }
    }

    /** hear-eval-kit's default grid (tuned for DCASE 2016 task 2): median 250 ms, minimum duration 125 or 250 ms. */
    public static final List<Setting> HEAR_GRID = List.of(new Setting(250, 125), new Setting(250, 250));

    private EventPostprocessing() {
    }

    /**
     * Events of one file.
     *
     * @param timestampsMillis frame centre times, strictly increasing
     * @param scores           {@code [frame][class]} activated scores, classes in vocabulary order
     */
    public static List<Label.Event> events(double[] timestampsMillis, double[][] scores, List<String> vocabulary,
                                           Setting setting) {
        int frames = timestampsMillis.length;
        if (scores.length != frames) {
            throw new HarnessException("Event post-processing: " + scores.length + " score rows for " + frames
                    + " timestamps; expected one row per frame");
        }
        for (int t = 1; t < frames; t++) {
            if (!(timestampsMillis[t] > timestampsMillis[t - 1])) {
                throw new HarnessException("Event post-processing: timestamps must increase; frame " + t + " is at "
                        + timestampsMillis[t] + " ms after " + timestampsMillis[t - 1] + " ms");
            }
        }
        if (frames == 0) {
            return List.of();
        }
        int classes = vocabulary.size();
        double[][] filtered = scores;
        if (setting.medianFilterMillis() > 0 && frames > 1) {
            double meanHop = meanHopMillis(timestampsMillis);
            int width = (int) Math.rint(setting.medianFilterMillis() / meanHop);
            if (width > 0) {
                filtered = medianFilter(scores, width, classes);
            }
        }
        List<Label.Event> events = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int t = 0;
            while (t < frames) {
                if (filtered[t][c] > THRESHOLD) {
                    int start = t;
                    while (t + 1 < frames && filtered[t + 1][c] > THRESHOLD) {
                        t++;
                    }
                    double onset = timestampsMillis[start];
                    double offset = timestampsMillis[t];
                    if (offset - onset >= setting.minDurationMillis()) {
                        events.add(new Label.Event(vocabulary.get(c), onset, offset));
                    }
                }
                t++;
            }
        }
        events.sort(Comparator.comparingDouble(Label.Event::startMillis));
        return events;
    }

    /**
     * The mean hop as hear-eval-kit computes it, {@code np.mean(np.diff(timestamps))}: the sum of the
     * differences over their count (summed left to right; numpy sums pairwise, which can differ in
     * the last bit and matters only if {@code median / hop} lands within an ulp of a half).
     */
    static double meanHopMillis(double[] timestampsMillis) {
        double sum = 0;
        for (int t = 1; t < timestampsMillis.length; t++) {
            sum += timestampsMillis[t] - timestampsMillis[t - 1];
        }
        return sum / (timestampsMillis.length - 1);
    }

    /** SciPy's {@code ndimage.median_filter(x, size=(width, 1))} on each column (mode "reflect"). */
    static double[][] medianFilter(double[][] x, int width, int columns) {
        int n = x.length;
        double[][] out = new double[n][columns];
        double[] window = new double[width];
        int before = width / 2;
        int rank = width / 2;
        for (int c = 0; c < columns; c++) {
            for (int t = 0; t < n; t++) {
                for (int k = 0; k < width; k++) {
                    window[k] = x[reflect(t - before + k, n)][c];
                }
                Arrays.sort(window);
                out[t][c] = window[rank];
            }
        }
        return out;
    }

    /** SciPy's "reflect" boundary: {@code d c b a | a b c d | d c b a}, repeated for windows wider than the signal. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
