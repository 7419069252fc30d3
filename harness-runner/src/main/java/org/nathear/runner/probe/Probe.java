package org.nathear.runner.probe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nathear.api.TaskKind;

/**
 * A shallow probe family: a hyperparameter grid and, for each grid point, a trained predictor.
 * Found by name through {@link Probes} (built-in or a {@link ProbeProvider}); Tribuo-based probes
 * extend {@link TribuoProbe}, the default {@link LinearProbe} fits a regularisation path itself.
 */
public interface Probe {

    /** The probe's name in results ({@code linear}). */
    String name();

    /** The grid searched on the first rotation, in a fixed order (ties go to the earlier point). */
    List<Map<String, String>> grid(TaskKind kind);

    /**
     * Trains on standardised features and returns a predictor of activated scores
     * ({@code [example][class]} in vocabulary order: softmax for multiclass, sigmoid for multilabel).
     */
    Predictor fit(TaskKind kind, double[][] features, List<List<String>> labels, List<String> vocabulary,
                  Map<String, String> hyperparameters, long seed);

    /**
     * Trains on rows that need not be on the heap; trainers that stop early use
     * {@link ProbeInput#validation()}. The default materialises the rows and calls the array form.
     */
    default Predictor fit(ProbeInput input, Map<String, String> hyperparameters, long seed) {
        double[][] x = new double[input.train().size()][input.train().dimension()];
        float[] row = new float[input.train().dimension()];
        for (int i = 0; i < x.length; i++) {
            input.train().read(i, row);
            for (int j = 0; j < row.length; j++) {
                x[i][j] = row[j];
            }
        }
        return fit(input.kind(), x, input.trainLabels(), input.vocabulary(), hyperparameters, seed);
    }

    /**
     * A new instance of this probe with the same settings and none of its state, for fitting
     * another training set on another thread at the same time (the protocol fits the rotations
     * after the first in parallel this way). Every fit of the copy must give what this instance
     * would give, bit for bit. Empty (the default) when the probe does not support it; its fits then
     * stay on one thread, one after another.
     */
    default Optional<Probe> independentCopy() {
        return Optional.empty();
    }

    /** A trained probe. */
    interface Predictor {
        double[][] predict(double[][] features);

        /** Predictions for rows that need not be on the heap (read in blocks). */
        default double[][] predict(FeatureRows rows) {
            double[][] out = new double[rows.size()][];
            int block = 1024;
            float[] row = new float[rows.dimension()];
            for (int from = 0; from < rows.size(); from += block) {
                int n = Math.min(block, rows.size() - from);
                double[][] x = new double[n][rows.dimension()];
                for (int i = 0; i < n; i++) {
                    rows.read(from + i, row);
                    for (int j = 0; j < row.length; j++) {
                        x[i][j] = row[j];
                    }
                }
                double[][] p = predict(x);
                System.arraycopy(p, 0, out, from, n);
            }
            return out;
        }

        /**
         * Ranking scores {@code [row][class]} that keep their order where activated probabilities
         * saturate at 0 or 1: logits for sigmoid outputs, log-probabilities for softmax outputs. Ranking
         * metrics (mAP, ROC AUC, d') are computed from these. The default takes the logarithm of
         * {@link #predict(FeatureRows)}, which cannot separate probabilities that round to 1; probes
         * override it with their pre-activation values.
         */
        default double[][] rankingScores(FeatureRows rows) {
            double[][] p = predict(rows);
            double[][] out = new double[p.length][];
            for (int i = 0; i < p.length; i++) {
                out[i] = new double[p[i].length];
                for (int j = 0; j < p[i].length; j++) {
                    out[i][j] = Math.log(Math.max(p[i][j], Double.MIN_NORMAL));
                }
            }
            return out;
        }

        /** What training decided beyond the grid point (e.g. the epoch early stopping kept), for result files. */
        default Map<String, String> trainingDetails() {
            return Map.of();
        }
    }
}
