package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.provenance.ModelProvenance;

/**
 * A trained MLP probe ({@link MlpTrainer}) as a Tribuo {@link Model}. Multiclass predictions carry
 * softmax probabilities per class; multilabel predictions carry each class's sigmoid score and
 * predict the classes scoring above 0.5. {@link #scores(FeatureRows)} gives the raw score matrix
 * for many rows at once without building Tribuo examples.
 */
public final class MlpModel<T extends Output<T>> extends Model<T> {
    private static final long serialVersionUID = 1L;
    private static final int BLOCK = 1024;

    private final MlpNetwork network;
    private final String[] columns;
    private final int epochsTrained;
    private final int bestEpoch;
    private final double validationScore;

    MlpModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap, ImmutableOutputInfo<T> outputIDInfo,
             MlpNetwork network, String[] columns, int epochsTrained, int bestEpoch, double validationScore) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        this.network = network;
        this.columns = columns.clone();
        this.epochsTrained = epochsTrained;
        this.bestEpoch = bestEpoch;
        this.validationScore = validationScore;
    }

    /** Output names in score-column order. */
    public List<String> outputNames() {
        return List.of(columns);
    }

    /** Epochs run before training stopped. */
    public int epochsTrained() {
        return epochsTrained;
    }

    /** The epoch whose weights this model holds (the best validation score, or the last epoch). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The validation score of {@link #bestEpoch()}, NaN without validation. */
    public double validationScore() {
        return validationScore;
    }

    /** Hidden layers (0 = linear). */
    public int hiddenLayers() {
        return network.hiddenLayers;
    }

    /** Activated scores {@code [row][column]} (column order: {@link #outputNames()}), computed in blocks. */
    public double[][] scores(FeatureRows rows) {
        return blocks(rows, false);
    }

    /**
     * Ranking scores {@code [row][column]}: log-softmax for multiclass, logits for multilabel. They
     * order rows like {@link #scores} but do not saturate where probabilities round to 0 or 1.
     */
    public double[][] rankingScores(FeatureRows rows) {
        return blocks(rows, true);
    }

    private double[][] blocks(FeatureRows rows, boolean ranking) {
        if (rows.dimension() != network.inputs) {
            throw new IllegalArgumentException("rows have " + rows.dimension() + " features; the model takes " + network.inputs);
        }
        int dim = network.inputs;
        double[][] out = new double[rows.size()][columns.length];
        int block = Math.min(BLOCK, Math.max(1, rows.size()));
        float[] x = new float[block * dim];
        float[][] buffers = new float[block][dim];
        for (int from = 0; from < rows.size(); from += BLOCK) {
            int n = Math.min(BLOCK, rows.size() - from);
            int base = from;
            java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                rows.read(base + i, buffers[i]);
                System.arraycopy(buffers[i], 0, x, i * dim, dim);
            });
            double[][] p = new double[n][];
            System.arraycopy(out, from, p, 0, n);
            if (ranking) {
                network.rankingScores(x, n, p);
            } else {
                network.predict(x, n, p);
            }
        }
        return out;
    }

    @Override
    public Prediction<T> predict(Example<T> example) {
        List<Prediction<T>> one = innerPredict(List.of(example));
        return one.get(0);
    }

    @Override
    protected List<Prediction<T>> innerPredict(Iterable<Example<T>> examples) {
        List<Example<T>> all = new ArrayList<>();
        examples.forEach(all::add);
        List<Prediction<T>> out = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += BLOCK) {
            int n = Math.min(BLOCK, all.size() - from);
            float[] x = new float[n * network.inputs];
            float[] row = new float[network.inputs];
            int[] used = new int[n];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(row, 0f);
                used[i] = densify(all.get(from + i), row);
                System.arraycopy(row, 0, x, i * network.inputs, network.inputs);
            }
            double[][] p = new double[n][columns.length];
            network.predict(x, n, p);
            for (int i = 0; i < n; i++) {
                out.add(prediction(p[i], used[i], all.get(from + i)));
            }
        }
        return out;
    }

    private int densify(Example<T> example, float[] x) {
        if (example instanceof EmbeddingDataset.RowExample<T> row && row.size() == network.inputs) {
            float[] v = row.values();
            System.arraycopy(v, 0, x, 0, v.length);
            return v.length;
        }
        int used = 0;
        for (Feature f : example) {
            int id = featureIDMap.getID(f.getName());
            if (id >= 0) {
                x[id] = (float) f.getValue();
                used++;
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("example shares no feature with the model: " + example);
        }
        return used;
    }

    @SuppressWarnings("unchecked")
    private Prediction<T> prediction(double[] p, int used, Example<T> example) {
        Output<?> any = outputIDInfo.getOutput(0);
        if (any instanceof Label) {
            Map<String, Label> scores = new HashMap<>();
            int best = 0;
            for (int c = 0; c < columns.length; c++) {
                scores.put(columns[c], new Label(columns[c], p[c]));
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            Prediction<Label> prediction = new Prediction<>(new Label(columns[best], p[best]), scores, used,
                    (Example<Label>) example, true);
            return (Prediction<T>) prediction;
        }
        if (any instanceof MultiLabel) {
            Map<String, MultiLabel> scores = new HashMap<>();
            Set<Label> active = new HashSet<>();
            for (int c = 0; c < columns.length; c++) {
                Label label = new Label(columns[c], p[c]);
                scores.put(columns[c], new MultiLabel(label));
                if (p[c] > 0.5) {
                    active.add(label);
                }
            }
            Prediction<MultiLabel> prediction = new Prediction<>(new MultiLabel(active), scores, used,
                    (Example<MultiLabel>) example, true);
            return (Prediction<T>) prediction;
        }
        throw new IllegalStateException("MLP probe supports Label and MultiLabel outputs; got " + any.getClass());
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Map.of(); // a hidden layer has no per-feature weights to rank
    }

    @Override
    public Optional<Excuse<T>> getExcuse(Example<T> example) {
        return Optional.empty();
    }

    @Override
    protected Model<T> copy(String newName, ModelProvenance newProvenance) {
        return new MlpModel<>(newName, newProvenance, featureIDMap, outputIDInfo, network.snapshot(), columns,
                epochsTrained, bestEpoch, validationScore);
    }
}
