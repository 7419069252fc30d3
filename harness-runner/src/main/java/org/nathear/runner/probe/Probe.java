package org.nathear.runner.probe;

import java.util.List;
import java.util.Map;
import org.nathear.api.TaskKind;

/**
 * A shallow probe family: a hyperparameter grid and, for each grid point, a trained predictor.
 * Every probe is a Tribuo {@link org.tribuo.Trainer} underneath (see {@link TribuoProbe}).
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

    /** A trained probe. */
    interface Predictor {
        double[][] predict(double[][] features);
    }
}
