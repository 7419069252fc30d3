package org.nathear.runner.probe;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.nathear.api.ConfigurationException;
import org.nathear.runner.metrics.MetricOrder;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * hear-eval-kit's downstream MLP as a Tribuo {@link Trainer} (Tribuo has no MLP without
 * TensorFlow): 0–2 hidden layers of Linear → BatchNorm → Dropout → ReLU, a linear output layer,
 * softmax cross-entropy for {@link Label} outputs and independent sigmoids with binary
 * cross-entropy for {@link MultiLabel} outputs, Adam, mini-batches in a seeded random order.
 *
 * <p>Early stopping as hear-eval-kit (PyTorch Lightning's {@code EarlyStopping} and
 * {@code ModelCheckpoint} on the primary validation metric): every {@code checkEveryEpochs} epochs
 * the current network is scored with the {@link ValidationScore}; a strictly better score keeps a copy
 * of the weights; training stops after {@code patienceChecks} validations without improvement or
 * after {@code maxEpochs}, and the model holds the best weights. Without a validation score it trains
 * {@code maxEpochs} epochs and keeps the last weights.
 *
 * <p>Deterministic: initialisation, dropout and batch order come from the seed, and the arithmetic
 * does not depend on the number of threads ({@link Blas#gemmSplit}).
 *
 * <p>Reads {@link EmbeddingDataset} rows directly (memory-mapped, one batch on the heap at a time);
 * any other Tribuo dataset is densified through its feature map first.
 */
public final class MlpTrainer<T extends Output<T>> implements Trainer<T> {
    @Config(description = "Hidden layers (0 = linear probe).")
    private int hiddenLayers = 1;
    @Config(description = "Units per hidden layer.")
    private int hiddenDim = 1024;
    @Config(description = "Dropout probability after BatchNorm.")
    private double dropout = 0.1;
    @Config(description = "Adam learning rate.")
    private double learningRate = 1e-3;
    @Config(description = "Examples per Adam step.")
    private int batchSize = 1024;
    @Config(description = "Epochs at most.")
    private int maxEpochs = 150;
    @Config(description = "Validate every this many epochs.")
    private int checkEveryEpochs = 3;
    @Config(description = "Validations without improvement before stopping.")
    private int patienceChecks = 10;
    @Config(description = "Seed for initialisation, dropout and batch order.")
    private long seed = Trainer.DEFAULT_SEED;

    private final transient ValidationScore<T> validation;
    private int invocationCount;

    /** For OLCUT configuration only. */
    @SuppressWarnings("unused")
    private MlpTrainer() {
        this.validation = null;
    }

    /**
     * @param validation early stopping on the validation split, or {@code null} to train {@code maxEpochs}
     */
    public MlpTrainer(MlpSettings settings, int hiddenLayers, double learningRate, long seed, ValidationScore<T> validation) {
        if (hiddenLayers < 0 || !(learningRate > 0)) {
            throw new ConfigurationException("MLP probe needs hiddenLayers >= 0 and a positive learning rate; got "
                    + hiddenLayers + " and " + learningRate);
        }
        this.hiddenLayers = hiddenLayers;
        this.hiddenDim = settings.hiddenDim();
        this.dropout = settings.dropout();
        this.learningRate = learningRate;
        this.batchSize = settings.batchSize();
        this.maxEpochs = settings.maxEpochs();
        this.checkEveryEpochs = settings.checkEveryEpochs();
        this.patienceChecks = settings.patienceChecks();
        this.seed = seed;
        this.validation = validation;
    }

    @Override
    public MlpModel<T> train(Dataset<T> examples) {
        return train(examples, Map.of());
    }

    @Override
    public MlpModel<T> train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public synchronized MlpModel<T> train(Dataset<T> examples, Map<String, Provenance> runProvenance, int invocation) {
        if (invocation != INCREMENT_INVOCATION_COUNT) {
            setInvocationCount(invocation);
        }
        TrainerProvenance trainerProvenance = getProvenance();
        invocationCount++;
        boolean softmax;
        if (examples.getOutputFactory() instanceof LabelFactory) {
            softmax = true;
        } else if (examples.getOutputFactory() instanceof MultiLabelFactory) {
            softmax = false;
        } else {
            throw new ConfigurationException("The MLP probe trains on Label or MultiLabel outputs; got "
                    + examples.getOutputFactory().getClass().getSimpleName());
        }
        if (examples.size() == 0) {
            throw new ConfigurationException("The MLP probe cannot train on an empty dataset");
        }
        ImmutableOutputInfo<T> outputInfo = examples.getOutputIDInfo();
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        String[] columns = new String[outputInfo.size()];
        for (Pair<Integer, T> p : outputInfo) {
            columns[p.getA()] = nameOf(p.getB());
        }
        Map<String, Integer> columnOf = new HashMap<>();
        for (int c = 0; c < columns.length; c++) {
            columnOf.put(columns[c], c);
        }
        FeatureRows rows = examples instanceof EmbeddingDataset<T> ed ? ed.rows() : densify(examples, featureMap);
        int n = rows.size();
        int[][] active = new int[n][];
        for (int i = 0; i < n; i++) {
            active[i] = activeColumns(examples.getData().get(i).getOutput(), columnOf);
        }
        ModelProvenance provenance = new ModelProvenance(MlpModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance, runProvenance);

        SplittableRandom random = new SplittableRandom(seed);
        MlpNetwork network = new MlpNetwork(rows.dimension(), hiddenDim, columns.length, hiddenLayers, softmax,
                (float) dropout, random);
        int batch = Math.min(batchSize, n);
        MlpNetwork.Training step = network.new Training(batch, learningRate, random);
        int dim = rows.dimension();
        float[] x = new float[batch * dim];
        float[] y = new float[batch * columns.length];
        float[][] rowBuffers = new float[batch][dim];
        int[] order = IntStream.range(0, n).toArray();

        MlpNetwork best = null;
        double bestScore = Double.NaN;
        int bestEpoch = 0;
        int sinceBest = 0;
        int epoch = 0;
        while (epoch < maxEpochs) {
            epoch++;
            shuffle(order, random);
            for (int from = 0; from < n; from += batch) {
                int size = Math.min(batch, n - from);
                if (size < 2 && hiddenLayers > 0) {
                    continue; // BatchNorm cannot train on one example; PyTorch would refuse the batch
                }
                int base = from;
                IntStream.range(0, size).parallel().forEach(i -> {
                    rows.read(order[base + i], rowBuffers[i]);
                    System.arraycopy(rowBuffers[i], 0, x, i * dim, dim);
                });
                int width = columns.length;
                java.util.Arrays.fill(y, 0, size * width, 0f);
                for (int i = 0; i < size; i++) {
                    for (int c : active[order[from + i]]) {
                        y[i * width + c] = 1f;
                    }
                }
                step.step(x, y, size);
            }
            if (validation != null && epoch % checkEveryEpochs == 0) {
                double score = validation.score().applyAsDouble(model(network, columns, featureMap, outputInfo,
                        provenance, epoch, epoch, Double.NaN));
                if (best == null || MetricOrder.better(validation.metric(), score, bestScore)) {
                    best = network.snapshot();
                    bestScore = score;
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else if (++sinceBest >= patienceChecks) {
                    break;
                }
            }
        }
        if (best == null) {
            double score = validation == null ? Double.NaN : validation.score().applyAsDouble(
                    model(network, columns, featureMap, outputInfo, provenance, epoch, epoch, Double.NaN));
            return model(network, columns, featureMap, outputInfo, provenance, epoch, epoch, score);
        }
        return model(best, columns, featureMap, outputInfo, provenance, epoch, bestEpoch, bestScore);
    }

    private MlpModel<T> model(MlpNetwork network, String[] columns, ImmutableFeatureMap featureMap,
                              ImmutableOutputInfo<T> outputInfo, ModelProvenance provenance, int epochs, int bestEpoch,
                              double score) {
        return new MlpModel<>("mlp-probe", provenance, featureMap, outputInfo, network, columns, epochs, bestEpoch, score);
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static String nameOf(Output<?> output) {
        if (output instanceof Label label) {
            return label.getLabel();
        }
        if (output instanceof MultiLabel multi) {
            return multi.getLabelString();
        }
        throw new IllegalStateException("unexpected output " + output.getClass());
    }

    private static int[] activeColumns(Output<?> output, Map<String, Integer> columnOf) {
        if (output instanceof Label label) {
            return new int[] {column(columnOf, label.getLabel())};
        }
        MultiLabel multi = (MultiLabel) output;
        return multi.getNameSet().stream().mapToInt(name -> column(columnOf, name)).sorted().toArray();
    }

    private static int column(Map<String, Integer> columnOf, String name) {
        Integer c = columnOf.get(name);
        if (c == null) {
            throw new IllegalStateException("label '" + name + "' is not in the output domain " + columnOf.keySet());
        }
        return c;
    }

    /** A plain Tribuo dataset as heap rows in feature-id order. */
    private static <T extends Output<T>> FeatureRows densify(Dataset<T> examples, ImmutableFeatureMap featureMap) {
        float[][] rows = new float[examples.size()][featureMap.size()];
        int i = 0;
        for (Example<T> example : examples.getData()) {
            for (Feature f : example) {
                int id = featureMap.getID(f.getName());
                if (id >= 0) {
                    rows[i][id] = (float) f.getValue();
                }
            }
            i++;
        }
        return FeatureRows.of(rows);
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("The supplied invocationCount is less than zero.");
        }
        this.invocationCount = invocationCount;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "MlpTrainer(hiddenLayers=" + hiddenLayers + ",hiddenDim=" + hiddenDim + ",dropout=" + dropout
                + ",learningRate=" + learningRate + ",batchSize=" + batchSize + ",maxEpochs=" + maxEpochs
                + ",checkEveryEpochs=" + checkEveryEpochs + ",patienceChecks=" + patienceChecks + ",seed=" + seed + ")";
    }

    /** Column names for a dataset's outputs, in id order (tests). */
    static <T extends Output<T>> List<String> columnNames(ImmutableOutputInfo<T> info) {
        String[] columns = new String[info.size()];
        for (Pair<Integer, T> p : info) {
            columns[p.getA()] = nameOf(p.getB());
        }
        return List.of(columns);
    }
}
