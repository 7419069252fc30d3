package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskKind;

/**
 * The default probe: an L2-regularised linear model — multinomial logistic regression (softmax,
 * cross-entropy) for multiclass tasks, one logistic regression per class (sigmoid, binary
 * cross-entropy) for multilabel tasks and event frames — fitted with {@link Lbfgs} on features
 * standardised on train. The objective is the mean loss over rows (summed over classes for
 * sigmoids) plus {@code l2/2 · ‖W‖²}, the bias unpenalised; scikit-learn's
 * {@code LogisticRegression(C)} is {@code l2 = 1 / (C · rows)}.
 *
 * <p>The grid is a regularisation path, {@code l2} from 10 down to 10⁻⁵ in half-decade steps (13 points;
 * embeddings often have more dimensions than a task has training clips, where strong penalties win),
 * chosen on valid by the protocol like any grid. Each point starts from the solution of the
 * point before it (a warm start: a weaker penalty moves the optimum a little), so the whole path
 * costs a few times one fit. The solution of point k is always reached through points 0 … k−1 in
 * order, computed once per training set and reused, so it does not depend on the order in which
 * the protocol asks for the points. The objective is strictly convex; the optimiser stops at a
 * largest gradient component of 1e-5 (or 200 iterations per point, twice scikit-learn's default).
 *
 * <p>Matrix products run in float32 through {@link Blas}; the objective, the optimiser and
 * predictions are in double precision. Deterministic: no randomness at all (the seed is unused)
 * and sums in a fixed order.
 */
public final class LinearProbe implements Probe {
    /** The probe's name in results. */
    public static final String NAME = "linear";
    /** The regularisation path, strongest first. */
    static final List<String> PATH = List.of("10", "3.16", "1", "0.316", "0.1", "0.0316", "0.01", "0.00316", "0.001",
            "3.16e-4", "1e-4", "3.16e-5", "1e-5");
    static final int MAX_ITERATIONS = 200;
    static final double GRADIENT_TOLERANCE = 1e-5;
    private static final int ROW_BLOCK = 256;

    /** The last training set's data and path solutions (the protocol fits every grid point on one input in turn). */
    private Path path;

    @Override
    public String name() {
        return NAME;
    }

    /** A fresh probe: its fits depend only on their input and grid point, not on what this instance cached. */
    @Override
    public Optional<Probe> independentCopy() {
        return Optional.of(new LinearProbe());
    }

    @Override
    public List<Map<String, String>> grid(TaskKind kind) {
        List<Map<String, String>> grid = new ArrayList<>();
        for (String l2 : PATH) {
            grid.add(Map.of("l2", l2));
        }
        return grid;
    }

    @Override
    public Predictor fit(TaskKind kind, double[][] features, List<List<String>> labels, List<String> vocabulary,
                         Map<String, String> hyperparameters, long seed) {
        return fit(new ProbeInput(kind, vocabulary, FeatureRows.of(features), labels, null), hyperparameters, seed);
    }

    /** Heap for a fit: the training rows as floats, logits and residuals, weights and the optimiser's 2 × 10 + 6 vectors. */
    static long memoryNeed(ProbeMemory.Shape s) {
        long parameters = (s.features() + 1) * s.outputs();
        return 4 * s.rows() * s.features() + 2L * 4 * s.rows() * s.outputs() + 8L * 27 * parameters
                + 8L * PATH.size() * parameters + s.predictionBytes();
    }

    @Override
    public synchronized Predictor fit(ProbeInput input, Map<String, String> hyperparameters, long seed) {
        String l2Text = hyperparameters.get("l2");
        if (l2Text == null) {
            throw new ConfigurationException("Probe 'linear' needs hyperparameter 'l2'; got " + hyperparameters);
        }
        double l2 = Double.parseDouble(l2Text);
        if (!(l2 >= 0)) {
            throw new ConfigurationException("Probe 'linear' needs l2 >= 0; got " + l2Text);
        }
        boolean softmax = switch (input.kind()) {
            case SCENE_MULTICLASS -> true;
            case SCENE_MULTILABEL, EVENT -> false;
            default -> throw new ConfigurationException("Probe 'linear' cannot train on " + input.kind() + " tasks");
        };
        if (path == null || path.input != input) {
            path = null; // release the previous training set before allocating the next
            int n = input.train().size();
            int scored = Math.max(n, input.validation() == null ? 0 : input.validation().rows().size());
            ProbeMemory.Shape shape = new ProbeMemory.Shape(n, scored, input.train().dimension(), input.vocabulary().size());
            ProbeMemory.require(NAME, shape, memoryNeed(shape));
            path = new Path(input, new Objective(input, softmax));
        }
        int index = PATH.indexOf(l2Text);
        Solution solution;
        if (index < 0) {
            solution = path.solve(l2, new double[path.objective.parameters()]); // off the path: a cold start
        } else {
            while (path.solutions.size() <= index) {
                int k = path.solutions.size();
                double[] start = k == 0 ? new double[path.objective.parameters()] : path.solutions.get(k - 1).theta.clone();
                path.solutions.add(path.solve(Double.parseDouble(PATH.get(k)), start));
            }
            solution = path.solutions.get(index);
        }
        return new LinearPredictor(solution, path.objective.dim, input.vocabulary().size(), softmax, index);
    }

    private record Solution(double[] theta, Lbfgs.Result result) {
    }

    private static final class Path {
        final ProbeInput input;
        final Objective objective;
        final List<Solution> solutions = new ArrayList<>();

        Path(ProbeInput input, Objective objective) {
            this.input = input;
            this.objective = objective;
        }

        Solution solve(double l2, double[] theta) {
            objective.l2 = l2;
            Lbfgs.Result r = new Lbfgs(10, MAX_ITERATIONS, GRADIENT_TOLERANCE, 1e-12).minimise(objective, theta);
            return new Solution(theta, r);
        }
    }

    /**
     * Mean loss plus {@code l2/2 ‖W‖²} and its gradient; parameters {@code [W (dim × classes, row-major), b (classes)]}.
     */
    static final class Objective implements Lbfgs.Objective {
        final int rows;
        final int dim;
        final int classes;
        final boolean softmax;
        final float[] x;
        /** Multiclass: the class of each row; multilabel: unused. */
        final int[] classOf;
        /** Multilabel: {@code [rows × classes]} 0/1; multiclass: unused. */
        final float[] targets;
        double l2;
        private final float[] weights;
        private final float[] logits;
        private final float[] weightGradient;

        Objective(ProbeInput input, boolean softmax) {
            rows = input.train().size();
            dim = input.train().dimension();
            classes = input.vocabulary().size();
            this.softmax = softmax;
            if (rows == 0) {
                throw new ConfigurationException("Probe 'linear' cannot train on an empty training split");
            }
            x = new float[rows * dim];
            FeatureRows train = input.train();
            IntStream.range(0, (rows + ROW_BLOCK - 1) / ROW_BLOCK).parallel().forEach(b -> {
                float[] row = new float[dim];
                for (int i = b * ROW_BLOCK; i < Math.min(rows, (b + 1) * ROW_BLOCK); i++) {
                    train.read(i, row);
                    System.arraycopy(row, 0, x, i * dim, dim);
                }
            });
            Map<String, Integer> column = new HashMap<>();
            for (int c = 0; c < classes; c++) {
                column.put(input.vocabulary().get(c), c);
            }
            classOf = softmax ? new int[rows] : null;
            targets = softmax ? null : new float[rows * classes];
            for (int i = 0; i < rows; i++) {
                List<String> labels = input.trainLabels().get(i);
                for (String label : labels) {
                    Integer c = column.get(label);
                    if (c == null) {
                        throw new ConfigurationException("Training row " + i + " has label '" + label
                                + "', which is not in the task's vocabulary");
                    }
                    if (softmax) {
                        classOf[i] = c;
                    } else {
                        targets[i * classes + c] = 1f;
                    }
                }
                if (softmax && labels.size() != 1) {
                    throw new ConfigurationException("Multiclass training row " + i + " has " + labels.size()
                            + " labels; expected exactly one");
                }
            }
            weights = new float[dim * classes];
            logits = new float[rows * classes];
            weightGradient = new float[dim * classes];
        }

        int parameters() {
            return dim * classes + classes;
        }

        @Override
        public double valueAndGradient(double[] theta, double[] gradient) {
            int wSize = dim * classes;
            for (int i = 0; i < wSize; i++) {
                weights[i] = (float) theta[i];
            }
            Blas.gemm(false, false, rows, classes, dim, x, weights, 0f, logits);
            int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
            double[] blockLoss = new double[blocks];
            double[][] blockBias = new double[blocks][classes];
            double scale = 1.0 / rows;
            IntStream.range(0, blocks).parallel().forEach(b -> {
                double loss = 0;
                double[] biasGrad = blockBias[b];
                for (int i = b * ROW_BLOCK; i < Math.min(rows, (b + 1) * ROW_BLOCK); i++) {
                    int o = i * classes;
                    if (softmax) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int c = 0; c < classes; c++) {
                            max = Math.max(max, logits[o + c] + theta[wSize + c]);
                        }
                        double sum = 0;
                        for (int c = 0; c < classes; c++) {
                            sum += Math.exp(logits[o + c] + theta[wSize + c] - max);
                        }
                        double logSum = max + Math.log(sum);
                        int y = classOf[i];
                        loss += logSum - (logits[o + y] + theta[wSize + y]);
                        for (int c = 0; c < classes; c++) {
                            double p = Math.exp(logits[o + c] + theta[wSize + c] - logSum);
                            double r = (p - (c == y ? 1 : 0)) * scale;
                            logits[o + c] = (float) r; // the residual replaces the logit
                            biasGrad[c] += r;
                        }
                    } else {
                        for (int c = 0; c < classes; c++) {
                            double z = logits[o + c] + theta[wSize + c];
                            double t = targets[o + c];
                            loss += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
                            double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
                            double r = (p - t) * scale;
                            logits[o + c] = (float) r;
                            biasGrad[c] += r;
                        }
                    }
                }
                blockLoss[b] = loss;
            });
            Blas.gemm(true, false, dim, classes, rows, x, logits, 0f, weightGradient);
            double loss = 0;
            for (int b = 0; b < blocks; b++) {
                loss += blockLoss[b];
            }
            loss *= scale;
            double penalty = 0;
            for (int i = 0; i < wSize; i++) {
                penalty += theta[i] * theta[i];
                gradient[i] = weightGradient[i] + l2 * theta[i];
            }
            for (int c = 0; c < classes; c++) {
                double g = 0;
                for (int b = 0; b < blocks; b++) {
                    g += blockBias[b][c];
                }
                gradient[wSize + c] = g;
            }
            return loss + 0.5 * l2 * penalty;
        }
    }

    /** A fitted linear probe: logits in double precision from the rows as read. */
    private static final class LinearPredictor implements Predictor {
        private final double[] theta;
        private final int dim;
        private final int classes;
        private final boolean softmax;
        private final Map<String, String> details;

        LinearPredictor(Solution solution, int dim, int classes, boolean softmax, int pathIndex) {
            this.theta = solution.theta();
            this.dim = dim;
            this.classes = classes;
            this.softmax = softmax;
            Map<String, String> d = new LinkedHashMap<>();
            d.put("solver", "lbfgs");
            d.put("pathPoint", pathIndex < 0 ? "off-path" : Integer.toString(pathIndex));
            d.put("iterations", Integer.toString(solution.result().iterations()));
            d.put("converged", Boolean.toString(solution.result().converged()));
            d.put("objective", String.format(Locale.ROOT, "%.9g", solution.result().value()));
            this.details = Map.copyOf(d);
        }

        private double[][] logits(FeatureRows rows) {
            if (rows.dimension() != dim) {
                throw new IllegalArgumentException("rows have " + rows.dimension() + " features; the probe was trained on " + dim);
            }
            double[][] out = new double[rows.size()][classes];
            int wSize = dim * classes;
            IntStream.range(0, (rows.size() + ROW_BLOCK - 1) / ROW_BLOCK).parallel().forEach(b -> {
                float[] row = new float[dim];
                for (int i = b * ROW_BLOCK; i < Math.min(rows.size(), (b + 1) * ROW_BLOCK); i++) {
                    rows.read(i, row);
                    double[] z = out[i];
                    System.arraycopy(theta, wSize, z, 0, classes);
                    for (int j = 0; j < dim; j++) {
                        double v = row[j];
                        int o = j * classes;
                        for (int c = 0; c < classes; c++) {
                            z[c] += v * theta[o + c];
                        }
                    }
                }
            });
            return out;
        }

        @Override
        public double[][] predict(double[][] features) {
            return predict(FeatureRows.of(features));
        }

        @Override
        public double[][] predict(FeatureRows rows) {
            double[][] z = logits(rows);
            for (double[] row : z) {
                if (softmax) {
                    TribuoProbe.logSoftmaxInPlace(row);
                    for (int c = 0; c < classes; c++) {
                        row[c] = StrictMath.exp(row[c]);
                    }
                } else {
                    for (int c = 0; c < classes; c++) {
                        row[c] = 1 / (1 + StrictMath.exp(-row[c]));
                    }
                }
            }
            return z;
        }

        @Override
        public double[][] rankingScores(FeatureRows rows) {
            double[][] z = logits(rows);
            if (softmax) {
                for (double[] row : z) {
                    TribuoProbe.logSoftmaxInPlace(row);
                }
            }
            return z;
        }

        @Override
        public Map<String, String> trainingDetails() {
            return details;
        }
    }
}
