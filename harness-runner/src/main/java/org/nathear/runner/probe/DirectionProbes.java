package org.nathear.runner.probe;

import java.util.List;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;

/**
 * The localization probe for a {@code --probe} name: {@code linear} → {@code linear-regression}
 * ({@link DirectionRegressionProbe}); {@code mlp} and {@code mlp-hear} → {@code mlp-regression}
 * ({@link MlpDirectionProbe}, with the MLP budget of that name). The direction probes' own names are
 * accepted too, and {@code mlp-regression-azel} regresses [azimuth, elevation] instead of the unit
 * vector ({@link DirectionTarget}). The target of a localization cell is normally chosen by the task
 * or {@code --doa-target} ({@link DirectionProbe#withTarget}).
 */
public final class DirectionProbes {
    /** Names {@link #forProbe} accepts. */
    public static final List<String> NAMES = List.of("linear", "mlp", "mlp-hear", DirectionRegressionProbe.NAME,
            MlpDirectionProbe.NAME, MlpDirectionProbe.NAME + "-azel");

    private DirectionProbes() {
    }

    public static DirectionProbe forProbe(String name) {
        return switch (name) {
            case "linear", DirectionRegressionProbe.NAME -> new DirectionRegressionProbe();
            case "mlp", MlpDirectionProbe.NAME -> new MlpDirectionProbe(MlpSettings.defaults(), DirectionTarget.UNIT_VECTOR);
            case "mlp-hear" -> new MlpDirectionProbe(MlpSettings.hear(), DirectionTarget.UNIT_VECTOR);
            case "mlp-regression-azel" -> new MlpDirectionProbe(MlpSettings.defaults(), DirectionTarget.AZIMUTH_ELEVATION);
            default -> throw new ConfigurationException("No localization probe for --probe '" + name + "'; choose one of "
                    + String.join(", ", NAMES));
        };
    }
}
