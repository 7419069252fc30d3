package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.TaskKind;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGradRDA;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.sgd.objectives.BinaryCrossEntropy;

/**
 * The default probe: a linear model trained with Tribuo's SGD (AdaGrad with regularised dual
 * averaging, which carries the L2 penalty) — softmax cross-entropy for multiclass tasks, independent
 * sigmoid outputs for multilabel tasks. Grid: learning rate × L2 × epochs.
 */
public final class LinearProbe extends TribuoProbe {
    static final double[] LEARNING_RATES = {0.05, 0.5};
    static final double[] L2 = {1e-4, 1e-2};
    static final int[] EPOCHS = {20};
    static final int MINIBATCH = 16;

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public List<Map<String, String>> grid(TaskKind kind) {
        List<Map<String, String>> grid = new ArrayList<>();
        for (double lr : LEARNING_RATES) {
            for (double l2 : L2) {
                for (int epochs : EPOCHS) {
                    Map<String, String> point = new LinkedHashMap<>();
                    point.put("learningRate", Double.toString(lr));
                    point.put("l2", Double.toString(l2));
                    point.put("epochs", Integer.toString(epochs));
                    grid.add(point);
                }
            }
        }
        return grid;
    }

    private static AdaGradRDA optimiser(Map<String, String> hp, int examples) {
        return new AdaGradRDA(parse(hp, "learningRate"), 1e-6, 0.0, parse(hp, "l2"), examples);
    }

    @Override
    protected Trainer<Label> multiclassTrainer(Map<String, String> hp, long seed, int examples) {
        return new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
                optimiser(hp, examples), (int) parse(hp, "epochs"), Integer.MAX_VALUE, MINIBATCH, seed);
    }

    @Override
    protected Trainer<MultiLabel> multilabelTrainer(Map<String, String> hp, long seed, int examples) {
        return new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(new BinaryCrossEntropy(),
                optimiser(hp, examples), (int) parse(hp, "epochs"), Integer.MAX_VALUE, MINIBATCH, seed);
    }
}
