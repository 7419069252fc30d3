package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskKind;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;

/**
 * Runs any Tribuo {@link Trainer} as a probe: wraps the (memory-mapped) feature rows in an
 * {@link EmbeddingDataset} (feature names {@code f0000…}, zero-padded so Tribuo's sorted order is
 * the column order; one output per vocabulary class), trains, and reads the per-class scores back in
 * vocabulary order. Event frames train as multilabel.
 */
public abstract class TribuoProbe implements Probe {
    /** Tribuo logs every training start at INFO; keep a reference so the level sticks. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");
    /** Rows per prediction block on the generic (example-by-example) path. */
    private static final int BLOCK = 1024;

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** The multiclass trainer for a grid point. */
    protected abstract Trainer<Label> multiclassTrainer(Map<String, String> hyperparameters, long seed, int examples);

    /** The multilabel trainer for a grid point. */
    protected abstract Trainer<MultiLabel> multilabelTrainer(Map<String, String> hyperparameters, long seed, int examples);

    /** A multiclass trainer that may stop early on the validation score; the default ignores it. */
    protected Trainer<Label> multiclassTrainer(Map<String, String> hyperparameters, long seed, int examples,
                                               ValidationScore<Label> validation) {
        return multiclassTrainer(hyperparameters, seed, examples);
    }

    /** A multilabel trainer that may stop early on the validation score; the default ignores it. */
    protected Trainer<MultiLabel> multilabelTrainer(Map<String, String> hyperparameters, long seed, int examples,
                                                    ValidationScore<MultiLabel> validation) {
        return multilabelTrainer(hyperparameters, seed, examples);
    }

    /** Settings that are not grid axes but decide the scores (recorded with every fold); none by default. */
    protected Map<String, String> fixedSettings() {
        return Map.of();
    }

    @Override
    public Predictor fit(TaskKind kind, double[][] features, List<List<String>> labels, List<String> vocabulary,
                         Map<String, String> hyperparameters, long seed) {
        return fit(new ProbeInput(kind, vocabulary, FeatureRows.of(features), labels, null), hyperparameters, seed);
    }

    /**
     * The heap a fit of this shape needs ({@link ProbeMemory}); checked before anything is allocated.
     * The default is a linear model trained with Tribuo's SGD.
     */
    protected long memoryNeed(ProbeMemory.Shape shape, Map<String, String> hyperparameters) {
        return ProbeMemory.linearSgd(shape);
    }

    @Override
    public Predictor fit(ProbeInput input, Map<String, String> hyperparameters, long seed) {
        List<String> vocabulary = input.vocabulary();
        int n = input.train().size();
        int scored = Math.max(n, input.validation() == null ? 0 : input.validation().rows().size());
        ProbeMemory.Shape shape = new ProbeMemory.Shape(n, scored, input.train().dimension(), vocabulary.size());
        ProbeMemory.require(name(), shape, memoryNeed(shape, hyperparameters));
        switch (input.kind()) {
            case SCENE_MULTICLASS -> {
                List<Label> outputs = new ArrayList<>(n);
                for (List<String> l : input.trainLabels()) {
                    outputs.add(new Label(l.get(0)));
                }
                EmbeddingDataset<Label> data = new EmbeddingDataset<>(new LabelFactory(), input.train(), outputs,
                        vocabulary.stream().map(Label::new).toList(), "nathear embeddings");
                ValidationScore<Label> validation = validation(input);
                Model<Label> model = multiclassTrainer(hyperparameters, seed, n, validation).train(data);
                return predictor(model, vocabulary);
            }
            case SCENE_MULTILABEL, EVENT -> {
                List<MultiLabel> outputs = new ArrayList<>(n);
                for (List<String> l : input.trainLabels()) {
                    Set<Label> set = new HashSet<>();
                    for (String name : l) {
                        set.add(new Label(name));
                    }
                    outputs.add(new MultiLabel(set));
                }
                EmbeddingDataset<MultiLabel> data = new EmbeddingDataset<>(new MultiLabelFactory(), input.train(),
                        outputs, vocabulary.stream().map(MultiLabel::new).toList(), "nathear embeddings");
                ValidationScore<MultiLabel> validation = validation(input);
                Model<MultiLabel> model = multilabelTrainer(hyperparameters, seed, n, validation).train(data);
                return predictor(model, vocabulary);
            }
            default -> throw new ConfigurationException("Probe '" + name() + "' cannot train on " + input.kind() + " tasks");
        }
    }

    private static <T extends Output<T>> ValidationScore<T> validation(ProbeInput input) {
        ProbeInput.Validation v = input.validation();
        if (v == null) {
            return null;
        }
        return new ValidationScore<>(v.metric(), model -> v.score().applyAsDouble(scores(model, v.rows(), input.vocabulary())));
    }

    private <T extends Output<T>> Predictor predictor(Model<T> model, List<String> vocabulary) {
        Map<String, String> details = new LinkedHashMap<>(fixedSettings());
        if (model instanceof MlpModel<T> mlp) {
            details.put("epochsTrained", Integer.toString(mlp.epochsTrained()));
            details.put("bestEpoch", Integer.toString(mlp.bestEpoch()));
        }
        Map<String, String> frozen = Map.copyOf(details);
        return new Predictor() {
            @Override
            public double[][] predict(double[][] features) {
                return scores(model, FeatureRows.of(features), vocabulary);
            }

            @Override
            public double[][] predict(FeatureRows rows) {
                return scores(model, rows, vocabulary);
            }

            @Override
            public double[][] rankingScores(FeatureRows rows) {
                double[][] ranking = TribuoProbe.rankingScores(model, rows, vocabulary);
                return ranking != null ? ranking : Predictor.super.rankingScores(rows);
            }

            @Override
            public Map<String, String> trainingDetails() {
                return frozen;
            }
        };
    }

    /**
     * Pre-activation ranking scores {@code [row][class]} in vocabulary order — log-softmax for
     * multiclass models, logits for multilabel ones — or {@code null} for a model whose
     * pre-activation values are not reachable. A class the model does not know scores
     * {@code -∞}: it ranks below every known class, as its probability 0 does.
     */
    static <T extends Output<T>> double[][] rankingScores(Model<T> model, FeatureRows rows, List<String> vocabulary) {
        if (model instanceof MlpModel<T> mlp) {
            return toVocabulary(mlp.rankingScores(rows), mlp.outputNames(), vocabulary, Double.NEGATIVE_INFINITY);
        }
        if (model instanceof AbstractLinearSGDModel<T> linear) {
            return linearScores(linear, rows, vocabulary, true);
        }
        return null;
    }

    /**
     * A Tribuo linear SGD model's scores computed from its weight matrix ({@code outputs × (features + 1)},
     * the bias last): log-softmax or logits when {@code ranking}, else softmax probabilities (multiclass)
     * or sigmoids (multilabel) — what Tribuo's own predictions hold, without building a map of
     * outputs per row (which for a large vocabulary costs more heap than the model). {@code null} when
     * the model's features are not the dense {@code f0000…} columns this probe trains on.
     */
    static <T extends Output<T>> double[][] linearScores(AbstractLinearSGDModel<T> model, FeatureRows rows,
                                                         List<String> vocabulary, boolean ranking) {
        boolean softmax = model.getOutputIDInfo().getDomain().iterator().next() instanceof Label;
        DenseMatrix w = model.getWeightsCopy();
        int outputs = w.getDimension1Size();
        int dim = rows.dimension();
        if (w.getDimension2Size() != dim + 1 || model.getFeatureIDMap().size() != dim) {
            return null;
        }
        String[] featureNames = featureNames(dim);
        for (int j = 0; j < dim; j++) {
            if (model.getFeatureIDMap().getID(featureNames[j]) != j) {
                return null;
            }
        }
        String[] names = new String[outputs];
        for (Pair<Integer, T> p : model.getOutputIDInfo()) {
            names[p.getA()] = p.getB() instanceof Label label ? label.getLabel() : ((MultiLabel) p.getB()).getLabelString();
        }
        double[][] weights = new double[outputs][];
        for (int c = 0; c < outputs; c++) {
            weights[c] = w.getRow(c).toArray();
        }
        double[][] out = new double[rows.size()][outputs];
        java.util.stream.IntStream.range(0, rows.size()).parallel().forEach(i -> {
            float[] row = new float[dim];
            rows.read(i, row);
            double[] z = out[i];
            for (int c = 0; c < outputs; c++) {
                double[] wc = weights[c];
                double sum = wc[dim];
                for (int j = 0; j < dim; j++) {
                    sum += wc[j] * row[j];
                }
                z[c] = sum;
            }
            if (softmax) {
                logSoftmaxInPlace(z);
                if (!ranking) {
                    for (int c = 0; c < outputs; c++) {
                        z[c] = StrictMath.exp(z[c]);
                    }
                }
            } else if (!ranking) {
                for (int c = 0; c < outputs; c++) {
                    z[c] = 1 / (1 + StrictMath.exp(-z[c]));
                }
            }
        });
        return toVocabulary(out, List.of(names), vocabulary, ranking ? Double.NEGATIVE_INFINITY : 0.0);
    }

    static void logSoftmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += StrictMath.exp(v - max);
        }
        double logSum = max + StrictMath.log(sum);
        for (int c = 0; c < z.length; c++) {
            z[c] -= logSum;
        }
    }

    private static double[][] toVocabulary(double[][] raw, List<String> names, List<String> vocabulary, double unknown) {
        Map<String, Integer> column = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            column.put(names.get(c), c);
        }
        double[][] out = new double[raw.length][vocabulary.size()];
        for (int c = 0; c < vocabulary.size(); c++) {
            Integer k = column.get(vocabulary.get(c));
            for (int i = 0; i < raw.length; i++) {
                out[i][c] = k == null ? unknown : raw[i][k];
            }
        }
        return out;
    }

    /** Activated scores {@code [row][class]} in vocabulary order (0 for a class the model does not know). */
    static <T extends Output<T>> double[][] scores(Model<T> model, FeatureRows rows, List<String> vocabulary) {
        double[][] out = new double[rows.size()][vocabulary.size()];
        if (model instanceof MlpModel<T> mlp) {
            double[][] raw = mlp.scores(rows);
            List<String> names = mlp.outputNames();
            Map<String, Integer> column = new HashMap<>();
            for (int c = 0; c < names.size(); c++) {
                column.put(names.get(c), c);
            }
            for (int c = 0; c < vocabulary.size(); c++) {
                Integer k = column.get(vocabulary.get(c));
                if (k != null) {
                    for (int i = 0; i < raw.length; i++) {
                        out[i][c] = raw[i][k];
                    }
                }
            }
            return out;
        }
        if (model instanceof AbstractLinearSGDModel<T> linear) {
            double[][] z = linearScores(linear, rows, vocabulary, false);
            if (z != null) {
                return z;
            }
        }
        String[] names = featureNames(rows.dimension());
        T unknown = model.getOutputIDInfo().getDomain().iterator().next();
        for (int from = 0; from < rows.size(); from += BLOCK) {
            int n = Math.min(BLOCK, rows.size() - from);
            List<Example<T>> examples = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                examples.add(new EmbeddingDataset.RowExample<>(unknown, rows, from + i, names));
            }
            List<Prediction<T>> predictions = model.predict(examples);
            for (int i = 0; i < n; i++) {
                Map<String, T> byName = predictions.get(i).getOutputScores();
                for (int c = 0; c < vocabulary.size(); c++) {
                    T output = byName.get(vocabulary.get(c));
                    out[from + i][c] = output == null ? 0.0 : score(output, vocabulary.get(c));
                }
            }
        }
        return out;
    }

    private static double score(Output<?> output, String name) {
        if (output instanceof Label label) {
            return label.getScore();
        }
        if (output instanceof MultiLabel multiLabel) {
            // per-label scores sit on the inner labels; the MultiLabel's own score is NaN
            return multiLabel.getLabelScore(new Label(name)).orElse(0.0);
        }
        throw new IllegalStateException("unexpected Tribuo output " + output.getClass());
    }

    static String[] featureNames(int dims) {
        int width = Math.max(4, Integer.toString(dims - 1).length());
        String[] names = new String[dims];
        for (int j = 0; j < dims; j++) {
            names[j] = String.format(Locale.ROOT, "f%0" + width + "d", j);
        }
        return names;
    }

    static double parse(Map<String, String> hp, String key) {
        String v = hp.get(key);
        if (v == null) {
            throw new ConfigurationException("Probe hyperparameter '" + key + "' is missing from " + hp);
        }
        return Double.parseDouble(v);
    }
}
