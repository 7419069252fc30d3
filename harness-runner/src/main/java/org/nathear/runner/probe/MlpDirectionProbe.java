package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.runner.metrics.DoaMetrics;

/**
 * {@code mlp-regression}: the direction head of the GRAM authors' listen-eval-kit as nathear builds
 * it — hear-eval-kit's hidden block (Linear → BatchNorm → Dropout → ReLU, width 1024 by default) and
 * a linear output through tanh, trained with Adam on the mean squared error of the encoded target
 * ({@link DirectionTarget}: the unit vector, or [azimuth, elevation] scaled to [−1, 1]); early
 * stopping on the mean angular error of the validation split (checked every
 * {@code checkEveryEpochs} epochs, stopping after {@code patienceChecks} checks without a strictly
 * lower error, the best weights kept). Predictions are decoded to unit vectors.
 *
 * <p>Grid: the learning rates of the MLP settings ({@code mlp}: nathear's budget, {@code mlp-hear}:
 * hear-eval-kit's), one hidden layer. Deterministic under the seed, like {@link MlpTrainer}.
 */
public final class MlpDirectionProbe implements DirectionProbe {
    /** The probe's name in results. */
    public static final String NAME = "mlp-regression";

    private final MlpSettings settings;
    private final DirectionTarget target;

    public MlpDirectionProbe(MlpSettings settings, DirectionTarget target) {
        this.settings = settings;
        this.target = target;
    }

    public MlpSettings settings() {
        return settings;
    }

    public DirectionTarget target() {
        return target;
    }

    @Override
    public DirectionProbe withTarget(DirectionTarget newTarget) {
        return newTarget == target ? this : new MlpDirectionProbe(settings, newTarget);
    }

    @Override
    public String name() {
        return target == DirectionTarget.UNIT_VECTOR ? NAME : NAME + "-azel";
    }

    @Override
    public List<Map<String, String>> grid() {
        List<Map<String, String>> grid = new ArrayList<>();
        for (double lr : settings.learningRates()) {
            Map<String, String> point = new LinkedHashMap<>();
            point.put("hiddenLayers", "1");
            point.put("learningRate", Double.toString(lr));
            grid.add(point);
        }
        return grid;
    }

    @Override
    public Predictor fit(FeatureRows train, double[][] trainDirections, Targets validation, Map<String, String> hp, long seed) {
        int n = train.size();
        if (n < 2 || n != trainDirections.length) {
            throw new ConfigurationException("Direction probe '" + name() + "' needs one target per training row and at "
                    + "least 2 rows (BatchNorm); got " + n + " rows and " + trainDirections.length + " targets");
        }
        int depth = (int) TribuoProbe.parse(hp, "hiddenLayers");
        double lr = TribuoProbe.parse(hp, "learningRate");
        int dim = train.dimension();
        int width = target.width();
        int batch = Math.min(settings.batchSize(), n);
        ProbeMemory.Shape shape = new ProbeMemory.Shape(n, Math.max(n, validation == null ? 0 : validation.rows().size()), dim,
                width);
        ProbeMemory.require(name(), shape, ProbeMemory.mlp(shape, settings.hiddenDim(), depth, batch));
        float[] encoded = new float[n * width];
        for (int i = 0; i < n; i++) {
            double[] e = target.encode(trainDirections[i]);
            for (int d = 0; d < width; d++) {
                encoded[i * width + d] = (float) e[d];
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        MlpNetwork network = new MlpNetwork(dim, settings.hiddenDim(), width, depth, MlpNetwork.Head.TANH,
                (float) settings.dropout(), random);
        MlpNetwork.Training step = network.new Training(batch, lr, random);
        float[] x = new float[batch * dim];
        float[] y = new float[batch * width];
        float[][] buffers = new float[batch][dim];
        int[] order = IntStream.range(0, n).toArray();
        MlpNetwork best = null;
        double bestError = Double.NaN;
        int bestEpoch = 0;
        int sinceBest = 0;
        int epoch = 0;
        while (epoch < settings.maxEpochs()) {
            epoch++;
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += batch) {
                int size = Math.min(batch, n - from);
                if (size < 2 && depth > 0) {
                    continue; // BatchNorm cannot train on one row
                }
                int base = from;
                IntStream.range(0, size).parallel().forEach(i -> {
                    train.read(order[base + i], buffers[i]);
                    System.arraycopy(buffers[i], 0, x, i * dim, dim);
                });
                for (int i = 0; i < size; i++) {
                    System.arraycopy(encoded, order[from + i] * width, y, i * width, width);
                }
                step.step(x, y, size);
            }
            if (validation != null && epoch % settings.checkEveryEpochs() == 0) {
                double error = meanError(network, validation);
                if (best == null || error < bestError) {
                    best = network.snapshot();
                    bestError = error;
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else if (++sinceBest >= settings.patienceChecks()) {
                    break;
                }
            }
        }
        MlpNetwork kept = best == null ? network : best;
        Map<String, String> details = new LinkedHashMap<>(settings.describe());
        details.put("target", target.name().toLowerCase(Locale.ROOT));
        details.put("epochsTrained", Integer.toString(epoch));
        details.put("bestEpoch", Integer.toString(best == null ? epoch : bestEpoch));
        Map<String, String> frozen = Map.copyOf(details);
        return new Predictor() {
            @Override
            public double[][] predict(FeatureRows rows) {
                return directions(kept, rows);
            }

            @Override
            public Map<String, String> trainingDetails() {
                return frozen;
            }
        };
    }

    private double meanError(MlpNetwork network, Targets validation) {
        double[] errors = DoaMetrics.errorsDegrees(directions(network, validation.rows()), validation.directions());
        double sum = 0;
        for (double e : errors) {
            sum += e;
        }
        return sum / errors.length;
    }

    /** Unit direction vectors of the rows, in evaluation mode, in blocks of 1024. */
    private double[][] directions(MlpNetwork network, FeatureRows rows) {
        int dim = rows.dimension();
        int width = target.width();
        double[][] out = new double[rows.size()][];
        int block = 1024;
        float[] x = new float[Math.min(block, Math.max(1, rows.size())) * dim];
        float[][] buffers = new float[Math.min(block, Math.max(1, rows.size()))][dim];
        double[][] encoded = new double[buffers.length][width];
        for (int from = 0; from < rows.size(); from += block) {
            int m = Math.min(block, rows.size() - from);
            int base = from;
            IntStream.range(0, m).parallel().forEach(i -> {
                rows.read(base + i, buffers[i]);
                System.arraycopy(buffers[i], 0, x, i * dim, dim);
            });
            network.predict(x, m, encoded);
            for (int i = 0; i < m; i++) {
                out[from + i] = target.decode(encoded[i]);
            }
        }
        return out;
    }
}
