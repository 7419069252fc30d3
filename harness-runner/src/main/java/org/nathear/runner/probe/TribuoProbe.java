package org.nathear.runner.probe;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskKind;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Runs any Tribuo {@link Trainer} as a probe: builds datasets from dense feature rows (feature
 * names {@code f0000…}, zero-padded so Tribuo's sorted order is the column order), trains, and
 * reads the per-class scores back in vocabulary order.
 */
public abstract class TribuoProbe implements Probe {
    /** Tribuo logs every training start at INFO; keep a reference so the level sticks. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** The multiclass trainer for a grid point. */
    protected abstract Trainer<Label> multiclassTrainer(Map<String, String> hyperparameters, long seed, int examples);

    /** The multilabel trainer for a grid point. */
    protected abstract Trainer<MultiLabel> multilabelTrainer(Map<String, String> hyperparameters, long seed, int examples);

    @Override
    public Predictor fit(TaskKind kind, double[][] features, List<List<String>> labels, List<String> vocabulary,
                         Map<String, String> hyperparameters, long seed) {
        String[] names = featureNames(features[0].length);
        switch (kind) {
            case SCENE_MULTICLASS -> {
                LabelFactory factory = new LabelFactory();
                MutableDataset<Label> data = dataset(factory);
                for (int i = 0; i < features.length; i++) {
                    data.add(new ArrayExample<>(new Label(labels.get(i).get(0)), names, features[i]));
                }
                Model<Label> model = multiclassTrainer(hyperparameters, seed, features.length).train(data);
                return x -> scores(model, names, x, vocabulary, factory.getUnknownOutput());
            }
            case SCENE_MULTILABEL -> {
                MultiLabelFactory factory = new MultiLabelFactory();
                MutableDataset<MultiLabel> data = dataset(factory);
                for (int i = 0; i < features.length; i++) {
                    Set<Label> set = new HashSet<>();
                    for (String name : labels.get(i)) {
                        set.add(new Label(name));
                    }
                    data.add(new ArrayExample<>(new MultiLabel(set), names, features[i]));
                }
                Model<MultiLabel> model = multilabelTrainer(hyperparameters, seed, features.length).train(data);
                return x -> scores(model, names, x, vocabulary, factory.getUnknownOutput());
            }
            default -> throw new ConfigurationException("Probe '" + name() + "' cannot train on " + kind + " tasks");
        }
    }

    private static <T extends org.tribuo.Output<T>> MutableDataset<T> dataset(OutputFactory<T> factory) {
        return new MutableDataset<>(new SimpleDataSourceProvenance("nathear embeddings", factory), factory);
    }

    private static <T extends org.tribuo.Output<T>> double[][] scores(Model<T> model, String[] names, double[][] x,
                                                                      List<String> vocabulary, T unknown) {
        java.util.List<Example<T>> examples = new java.util.ArrayList<>(x.length);
        for (double[] row : x) {
            examples.add(new ArrayExample<>(unknown, names, row));
        }
        List<Prediction<T>> predictions = model.predict(examples);
        double[][] out = new double[x.length][vocabulary.size()];
        for (int i = 0; i < x.length; i++) {
            Map<String, T> byName = predictions.get(i).getOutputScores();
            for (int c = 0; c < vocabulary.size(); c++) {
                T output = byName.get(vocabulary.get(c));
                out[i][c] = output == null ? 0.0 : score(output, vocabulary.get(c));
            }
        }
        return out;
    }

    private static double score(org.tribuo.Output<?> output, String name) {
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
