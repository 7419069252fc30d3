package org.nathear.runner.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nathear.runner.probe.DirectionProbe;
import org.nathear.runner.probe.DirectionRegressionProbe;
import org.nathear.runner.probe.FeatureRows;

/**
 * Which {@link DirectionProbe} a localization cell uses for the {@code --probe} the user chose:
 * {@code linear} → {@code linear-regression}; {@code mlp} and {@code mlp-hear} → {@code mlp-regression}
 * (an MLP regression head as in the GRAM authors' listen-eval-kit). A direction probe is added by
 * registering it in {@link #REGISTERED}; when the probe a name maps to is not in this build, the cell
 * uses {@code linear-regression} and says so (the probe's name is recorded in the cell's results).
 */
public final class DirectionProbes {
    /** The direction probes of this build, by name. */
    static final Map<String, Supplier<DirectionProbe>> REGISTERED = new LinkedHashMap<>();
    /** {@code --probe} name → direction probe name. */
    static final Map<String, String> FOR_PROBE = Map.of(
            "linear", LinearDirectionProbe.NAME,
            "mlp", "mlp-regression",
            "mlp-hear", "mlp-regression");

    static {
        REGISTERED.put(LinearDirectionProbe.NAME, LinearDirectionProbe::new);
    }

    private DirectionProbes() {
    }

    /** The choice for one {@code --probe} name, with a note when it had to fall back. */
    public record Choice(DirectionProbe probe, String note) {
    }

    /** The direction probe for {@code --probe probeName}. */
    public static Choice forProbe(String probeName) {
        String wanted = FOR_PROBE.getOrDefault(probeName, REGISTERED.containsKey(probeName) ? probeName : null);
        if (wanted != null && REGISTERED.containsKey(wanted)) {
            return new Choice(REGISTERED.get(wanted).get(), null);
        }
        return new Choice(REGISTERED.get(LinearDirectionProbe.NAME).get(), "probe '" + probeName + "' has no direction "
                + "probe in this build" + (wanted != null ? " ('" + wanted + "' is not available)" : "") + "; using "
                + LinearDirectionProbe.NAME);
    }

    /** {@link DirectionRegressionProbe} (Tribuo linear SGD regression) behind the {@link DirectionProbe} interface. */
    static final class LinearDirectionProbe implements DirectionProbe {
        static final String NAME = DirectionRegressionProbe.NAME;
        private final DirectionRegressionProbe inner = new DirectionRegressionProbe();

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<Map<String, String>> grid() {
            return inner.grid();
        }

        @Override
        public Predictor fit(FeatureRows train, double[][] trainDirections, Targets validation,
                             Map<String, String> hyperparameters, long seed) {
            DirectionRegressionProbe.Predictor p = inner.fit(toArray(train), trainDirections, hyperparameters, seed);
            return rows -> p.predict(toArray(rows));
        }

        private static double[][] toArray(FeatureRows rows) {
            double[][] out = new double[rows.size()][rows.dimension()];
            float[] row = new float[rows.dimension()];
            for (int i = 0; i < out.length; i++) {
                rows.read(i, row);
                for (int j = 0; j < row.length; j++) {
                    out[i][j] = row[j];
                }
            }
            return out;
        }
    }
}
