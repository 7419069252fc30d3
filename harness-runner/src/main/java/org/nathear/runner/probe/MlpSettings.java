package org.nathear.runner.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MLP probe's fixed settings and grid. {@link #hear()} is hear-eval-kit's default
 * ({@code PARAM_GRID}): hidden width 1024, dropout 0.1, batch 1024, up to 500 epochs, validation
 * every 3 epochs, patience 20 validations, learning rate {3.2e-3, 1e-3, 3.2e-4, 1e-4} × depth
 * {1, 2}. {@link #defaults()} keeps the architecture, optimiser and grid but caps training at 150
 * epochs with patience 10 validations, so a CPU run finishes in minutes rather than hours.
 *
 * @param hiddenDim          units per hidden layer
 * @param dropout            dropout probability after each BatchNorm
 * @param batchSize          examples per Adam step
 * @param maxEpochs          epochs at most
 * @param checkEveryEpochs   validate (and consider stopping) every this many epochs
 * @param patienceChecks     stop after this many validations without a strictly better score
 * @param learningRates      grid axis
 * @param depths             grid axis: hidden layers (0 = a linear probe)
 */
public record MlpSettings(int hiddenDim, double dropout, int batchSize, int maxEpochs, int checkEveryEpochs,
                          int patienceChecks, List<Double> learningRates, List<Integer> depths) {
    public MlpSettings {
        learningRates = List.copyOf(learningRates);
        depths = List.copyOf(depths);
        if (hiddenDim < 1 || batchSize < 2 || maxEpochs < 1 || checkEveryEpochs < 1 || patienceChecks < 1
                || !(dropout >= 0 && dropout < 1) || learningRates.isEmpty() || depths.isEmpty()) {
            throw new IllegalArgumentException("invalid MLP settings: hiddenDim=" + hiddenDim + " (>= 1), dropout=" + dropout
                    + " ([0, 1)), batchSize=" + batchSize + " (>= 2), maxEpochs=" + maxEpochs + ", checkEveryEpochs="
                    + checkEveryEpochs + ", patienceChecks=" + patienceChecks + " (>= 1), learningRates=" + learningRates
                    + ", depths=" + depths + " (non-empty)");
        }
    }

    private static final List<Double> HEAR_LEARNING_RATES = List.of(3.2e-3, 1e-3, 3.2e-4, 1e-4);
    private static final List<Integer> HEAR_DEPTHS = List.of(1, 2);

    /** hear-eval-kit's defaults (slow on a CPU: every grid point trains at least 60 epochs). */
    public static MlpSettings hear() {
        return new MlpSettings(1024, 0.1, 1024, 500, 3, 20, HEAR_LEARNING_RATES, HEAR_DEPTHS);
    }

    /** nathear's default: HEAR's probe and grid, at most 150 epochs, patience 10 validations (30 epochs). */
    public static MlpSettings defaults() {
        return new MlpSettings(1024, 0.1, 1024, 150, 3, 10, HEAR_LEARNING_RATES, HEAR_DEPTHS);
    }

    /** The fixed settings as text, for result files. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("hiddenDim", Integer.toString(hiddenDim));
        out.put("dropout", Double.toString(dropout));
        out.put("batchSize", Integer.toString(batchSize));
        out.put("maxEpochs", Integer.toString(maxEpochs));
        out.put("checkEveryEpochs", Integer.toString(checkEveryEpochs));
        out.put("patienceChecks", Integer.toString(patienceChecks));
        out.put("optimizer", "adam");
        out.put("norm", "batchnorm");
        out.put("initialization", "xavier_uniform");
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MlpSettings[hidden=%d, dropout=%s, batch=%d, maxEpochs=%d, checkEvery=%d, "
                + "patience=%d, lr=%s, depths=%s]", hiddenDim, dropout, batchSize, maxEpochs, checkEveryEpochs,
                patienceChecks, learningRates, depths);
    }
}
