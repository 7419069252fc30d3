package org.nathear.runner.probe;

import java.util.List;
import java.util.Map;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;

/**
 * A probe family for localization: regresses the source direction from standardised embeddings
 * and returns unit vectors (x front, y left, z up). Chosen with {@code --probe} like the
 * classification probes; the grid is searched on the first rotation's valid split.
 */
public interface DirectionProbe {

    /** The probe's name in results ({@code linear-regression}, {@code mlp-regression}). */
    String name();

    /**
     * This probe regressing {@code target} instead (inputs and outputs stay unit vectors). The default
     * knows only the unit vector and fails naming the probe for any other target.
     */
    default DirectionProbe withTarget(DirectionTarget target) {
        if (target == DirectionTarget.UNIT_VECTOR) {
            return this;
        }
        throw new ConfigurationException("Localization probe '" + name() + "' regresses the unit vector only; it cannot "
                + "fit direction target '" + target.id() + "' (choose --doa-target unit-vector or another probe)");
    }

    /** The grid searched on the first rotation, in a fixed order (ties go to the earlier point). */
    List<Map<String, String>> grid();

    /**
     * Trains on standardised rows and unit direction targets {@code [row][3]}.
     *
     * @param validation rows and targets for early stopping, or {@code null}
     */
    Predictor fit(FeatureRows train, double[][] trainDirections, Targets validation, Map<String, String> hyperparameters,
                  long seed);

    /** Rows with their unit direction targets. */
    record Targets(FeatureRows rows, double[][] directions) {
    }

    /** A trained direction probe. */
    interface Predictor {
        /** Unit direction vectors {@code [row][3]}. */
        double[][] predict(FeatureRows rows);

        /** What training decided beyond the grid point, for result files. */
        default Map<String, String> trainingDetails() {
            return Map.of();
        }
    }
}
