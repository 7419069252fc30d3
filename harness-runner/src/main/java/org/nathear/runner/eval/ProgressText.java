package org.nathear.runner.eval;

import java.util.Locale;
import java.util.Map;
import org.nathear.api.Metric;
import org.nathear.runner.probe.Probe;

/** Progress lines for probe training. */
final class ProgressText {
    private ProgressText() {
    }

    static String gridPoint(int index, Map<String, String> point, Probe.Predictor predictor, Metric primary, double score,
                            long startNanos) {
        return String.format(Locale.ROOT, "grid %d %s%s: valid %s = %.4f (%.1f s)", index, point, details(predictor),
                primary.id(), score, (System.nanoTime() - startNanos) / 1e9);
    }

    static String rotation(Rotation rotation, Probe.Predictor predictor, Metric primary, double score, long startNanos) {
        return String.format(Locale.ROOT, "test %s (valid %s)%s: valid %s = %.4f (%.1f s)", rotation.test(), rotation.valid(),
                details(predictor), primary.id(), score, (System.nanoTime() - startNanos) / 1e9);
    }

    private static String details(Probe.Predictor predictor) {
        Map<String, String> d = predictor.trainingDetails();
        return d.containsKey("bestEpoch") ? ", epoch " + d.get("bestEpoch") + " of " + d.get("epochsTrained") : "";
    }
}
