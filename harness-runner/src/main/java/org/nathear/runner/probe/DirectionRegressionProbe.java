package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nathear.api.ConfigurationException;
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
 * embeddings to the three coordinates of the source direction (x front, y left, z up), predictions
 * renormalised to unit vectors. Grid: learning rate × epochs, chosen on valid like the
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
    private static final String[] DIMENSIONS = {"x", "y", "z"};

    static {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
    }

    /** A trained probe: unit direction vectors {@code [example][3]}. */
    public interface Predictor {
        double[][] predict(double[][] features);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DirectionProbe.Predictor fit(FeatureRows train, double[][] trainDirections, Targets validation,
                                        Map<String, String> hyperparameters, long seed) {
        ProbeMemory.Shape shape = new ProbeMemory.Shape(train.size(), Math.max(train.size(),
                validation == null ? 0 : validation.rows().size()), train.dimension(), 3);
        ProbeMemory.require(NAME, shape, ProbeMemory.linearSgd(shape) + 8L * train.size() * train.dimension());
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
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("nathear embeddings", factory),
                factory);
        for (int i = 0; i < features.length; i++) {
            data.add(new ArrayExample<>(new Regressor(DIMENSIONS, directions[i].clone()), names, features[i]));
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
            double[][] out = new double[x.length][3];
            for (int i = 0; i < x.length; i++) {
                Regressor r = predictions.get(i).getOutput();
                for (int d = 0; d < 3; d++) {
                    String name = DIMENSIONS[d];
                    out[i][d] = r.getDimension(name).orElseThrow(() -> new IllegalStateException(
                            String.format(Locale.ROOT, "Tribuo prediction lacks dimension %s", name))).getValue();
                }
                double n = Math.sqrt(out[i][0] * out[i][0] + out[i][1] * out[i][1] + out[i][2] * out[i][2]);
                if (n > 0 && Double.isFinite(n)) {
                    for (int d = 0; d < 3; d++) {
                        out[i][d] /= n;
                    }
                }
            }
            return out;
        };
    }
}
