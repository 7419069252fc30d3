package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.TaskKind;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.multilabel.MultiLabel;

/**
 * hear-eval-kit's downstream probe: an MLP ({@link MlpTrainer}) with BatchNorm, dropout 0.1 and
 * ReLU, trained with Adam and stopped early on the task's primary validation score. Grid: depth
 * {1, 2} × learning rate {3.2e-3, 1e-3, 3.2e-4, 1e-4} (hear-eval-kit samples 8 of these 8 × 2
 * initialisations; nathear uses Xavier-uniform only and tries all 8), searched on the first
 * rotation and reused. {@code mlp} caps training for CPUs ({@link MlpSettings#defaults()});
 * {@code mlp-hear} uses hear-eval-kit's epochs and patience ({@link MlpSettings#hear()}).
 */
public final class MlpProbe extends TribuoProbe {
    private final String name;
    private final MlpSettings settings;

    /** {@code mlp}: nathear's CPU-friendly defaults. */
    public MlpProbe() {
        this("mlp", MlpSettings.defaults());
    }

    public MlpProbe(String name, MlpSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    /** {@code mlp-hear}: hear-eval-kit's training budget (500 epochs, patience 20 validations every 3 epochs). */
    public static MlpProbe hear() {
        return new MlpProbe("mlp-hear", MlpSettings.hear());
    }

    /** The BLAS implementation the MLP's matrix products run on ({@code JNIBLAS}, {@code VectorBLAS}, {@code JavaBLAS}). */
    public static String blasImplementation() {
        return Blas.implementation();
    }

    public MlpSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Map<String, String>> grid(TaskKind kind) {
        List<Map<String, String>> grid = new ArrayList<>();
        for (int depth : settings.depths()) {
            for (double lr : settings.learningRates()) {
                Map<String, String> point = new LinkedHashMap<>();
                point.put("hiddenLayers", Integer.toString(depth));
                point.put("learningRate", Double.toString(lr));
                grid.add(point);
            }
        }
        return grid;
    }

    private MlpTrainer<Label> multiclass(Map<String, String> hp, long seed, ValidationScore<Label> validation) {
        return new MlpTrainer<>(settings, (int) parse(hp, "hiddenLayers"), parse(hp, "learningRate"), seed, validation);
    }

    private MlpTrainer<MultiLabel> multilabel(Map<String, String> hp, long seed, ValidationScore<MultiLabel> validation) {
        return new MlpTrainer<>(settings, (int) parse(hp, "hiddenLayers"), parse(hp, "learningRate"), seed, validation);
    }

    @Override
    protected Trainer<Label> multiclassTrainer(Map<String, String> hp, long seed, int examples) {
        return multiclass(hp, seed, null);
    }

    @Override
    protected Trainer<MultiLabel> multilabelTrainer(Map<String, String> hp, long seed, int examples) {
        return multilabel(hp, seed, null);
    }

    @Override
    protected Trainer<Label> multiclassTrainer(Map<String, String> hp, long seed, int examples,
                                               ValidationScore<Label> validation) {
        return multiclass(hp, seed, validation);
    }

    @Override
    protected Trainer<MultiLabel> multilabelTrainer(Map<String, String> hp, long seed, int examples,
                                                    ValidationScore<MultiLabel> validation) {
        return multilabel(hp, seed, validation);
    }

    @Override
    protected long memoryNeed(ProbeMemory.Shape shape, Map<String, String> hyperparameters) {
        int depth = (int) parse(hyperparameters, "hiddenLayers");
        return ProbeMemory.mlp(shape, settings.hiddenDim(), depth, (int) Math.min(settings.batchSize(), shape.rows()));
    }

    @Override
    protected Map<String, String> fixedSettings() {
        return settings.describe();
    }
}
