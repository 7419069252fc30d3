package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.TaskKind;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.sgd.objectives.BinaryCrossEntropy;

/**
 * {@code linear-sgd}, nathear's linear probe before the L-BFGS path ({@link LinearProbe}), kept for
 * comparisons with results it produced: a linear model trained with Tribuo's SGD and AdaGrad — softmax cross-entropy
 * for multiclass tasks, independent sigmoid outputs for multilabel tasks — on features standardised
 * on train. Grid: learning rate × epochs (early stopping by choosing the epoch budget on valid).
 *
 * <p>There is no L2 term: Tribuo's SGD trainers have no weight decay, and the L2 parameter of its
 * AdaGrad-RDA optimiser changed no prediction in our tests, so a grid axis over it would only
 * pretend to regularise.
 */
public final class SgdLinearProbe extends TribuoProbe {
    /** The probe's name in results. */
    public static final String NAME = "linear-sgd";

    static final double[] LEARNING_RATES = {0.001, 0.01, 0.1, 1.0};
    static final int[] EPOCHS = {10, 40};
    static final int MINIBATCH = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Map<String, String>> grid(TaskKind kind) {
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

    private static AdaGrad optimiser(Map<String, String> hp) {
        return new AdaGrad(parse(hp, "learningRate"), 1e-6);
    }

    @Override
    protected Trainer<Label> multiclassTrainer(Map<String, String> hp, long seed, int examples) {
        return new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
                optimiser(hp), (int) parse(hp, "epochs"), Integer.MAX_VALUE, MINIBATCH, seed);
    }

    @Override
    protected Trainer<MultiLabel> multilabelTrainer(Map<String, String> hp, long seed, int examples) {
        return new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(new BinaryCrossEntropy(),
                optimiser(hp), (int) parse(hp, "epochs"), Integer.MAX_VALUE, MINIBATCH, seed);
    }
}
