package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * The localization probe: Tribuo's linear SGD regression (squared loss, AdaGrad) from standardised
 * embeddings to the encoded source direction ({@link DirectionTarget}: by default the three
 * coordinates x front, y left, z up; or [azimuth / 180°, elevation / 90°]), predictions decoded to
 * unit vectors. Grid: learning rate × epochs, chosen on valid like the
 * classification probe; no L2 term, for the same reason (Tribuo's SGD trainers have none).
 *
 * <p>As a {@link DirectionProbe} ({@code --probe linear} on a localization task) it reads the rows
 * onto the heap (Tribuo copies them anyway); the array form and its nested {@link Predictor} remain
 * for the localization evaluator that predates the interface.
 */
public final class DirectionRegressionProbe implements DirectionProbe {
    /** The probe's name in results. */
    public static final String NAME = "linear-regression";
    static final double[] LEARNING_RATES = {0.001, 0.01, 0.1, 1.0};
    static final int[] EPOCHS = {10, 40};
    static final int MINIBATCH = 16;
    private static final String[] UNIT_VECTOR_DIMENSIONS = {"x", "y", "z"};
    private static final String[] AZIMUTH_ELEVATION_DIMENSIONS = {"azimuth", "elevation"};

    private final DirectionTarget target;

    /** The unit-vector regression. */
    public DirectionRegressionProbe() {
        this(DirectionTarget.UNIT_VECTOR);
    }

    public DirectionRegressionProbe(DirectionTarget target) {
        this.target = target;
    }

    public DirectionTarget target() {
        return target;
    }

    @Override
    public DirectionProbe withTarget(DirectionTarget newTarget) {
        return newTarget == target ? this : new DirectionRegressionProbe(newTarget);
    }

    static {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
    }

    /** A trained probe: unit direction vectors {@code [example][3]}. */
    public interface Predictor {
        double[][] predict(double[][] features);
    }

    @Override
    public String name() {
        return target == DirectionTarget.UNIT_VECTOR ? NAME : NAME + "-azel";
    }

    @Override
    public DirectionProbe.Predictor fit(FeatureRows train, double[][] trainDirections, Targets validation,
                                        Map<String, String> hyperparameters, long seed) {
        ProbeMemory.Shape shape = new ProbeMemory.Shape(train.size(), Math.max(train.size(),
                validation == null ? 0 : validation.rows().size()), train.dimension(), target.width());
        ProbeMemory.require(name(), shape, ProbeMemory.linearSgd(shape) + 8L * train.size() * train.dimension());
        Predictor predictor = fit(onHeap(train), trainDirections, hyperparameters, seed);
        return rows -> predictor.predict(onHeap(rows));
    }

    private static double[][] onHeap(FeatureRows rows) {
        double[][] x = new double[rows.size()][rows.dimension()];
        float[] row = new float[rows.dimension()];
        for (int i = 0; i < x.length; i++) {
            rows.read(i, row);
            for (int j = 0; j < row.length; j++) {
                x[i][j] = row[j];
            }
        }
        return x;
    }

    /** The grid searched on the first rotation, in a fixed order. */
    @Override
    public List<Map<String, String>> grid() {
        List<Map<String, String>> grid = new ArrayList<>();
        for (double lr : LEARNING_RATES) {
            for (int epochs : EPOCHS) {
                Map<String, String> point = new LinkedHashMap<>();
                point.put("learningRate", Double.toString(lr));
                point.put("epochs", Integer.toString(epochs));
                grid.add(point);
            }
        }
        return grid;
    }

    /** Trains on standardised features and unit direction targets {@code [example][3]}. */
    public Predictor fit(double[][] features, double[][] directions, Map<String, String> hyperparameters, long seed) {
        if (features.length == 0 || features.length != directions.length) {
            throw new ConfigurationException("Direction regression needs one target per example, at least one; got "
                    + features.length + " examples and " + directions.length + " targets");
        }
        String[] names = TribuoProbe.featureNames(features[0].length);
        String[] dimensions = target == DirectionTarget.UNIT_VECTOR ? UNIT_VECTOR_DIMENSIONS : AZIMUTH_ELEVATION_DIMENSIONS;
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("nathear embeddings", factory),
                factory);
        for (int i = 0; i < features.length; i++) {
            data.add(new ArrayExample<>(new Regressor(dimensions, target.encode(directions[i])), names, features[i]));
        }
        double lr = TribuoProbe.parse(hyperparameters, "learningRate");
        int epochs = (int) TribuoProbe.parse(hyperparameters, "epochs");
        Model<Regressor> model = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(lr, 1e-6), epochs, Integer.MAX_VALUE,
                MINIBATCH, seed).train(data);
        Regressor unknown = factory.getUnknownOutput();
        return x -> {
            List<Example<Regressor>> examples = new ArrayList<>(x.length);
            for (double[] row : x) {
                examples.add(new ArrayExample<>(unknown, names, row));
            }
            List<Prediction<Regressor>> predictions = model.predict(examples);
            double[][] out = new double[x.length][];
            double[] encoded = new double[dimensions.length];
            for (int i = 0; i < x.length; i++) {
                Regressor r = predictions.get(i).getOutput();
                for (int d = 0; d < dimensions.length; d++) {
                    String name = dimensions[d];
                    encoded[d] = r.getDimension(name).orElseThrow(() -> new IllegalStateException(
                            String.format(Locale.ROOT, "Tribuo prediction lacks dimension %s", name))).getValue();
                }
                out[i] = target.decode(encoded);
            }
            return out;
        };
    }
}
