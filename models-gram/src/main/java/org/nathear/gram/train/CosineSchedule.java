package org.nathear.gram.train;

import org.nathear.api.ConfigurationException;

/**
 * Linear warm-up then cosine decay to zero, as {@code transformers.get_cosine_schedule_with_warmup}
 * (one half-cycle): for optimiser step {@code s} (0-based, the value used for the update of step s+1)
 * the rate is {@code peak · s / warmup} during warm-up, then
 * {@code peak · 0.5 · (1 + cos(π · (s − warmup) / (total − warmup)))}, never below 0.
 *
 * @param peakRate     the rate at the end of warm-up
 * @param warmupSteps  steps of linear warm-up (0 for none)
 * @param totalSteps   steps of the whole run
 */
public record CosineSchedule(double peakRate, long warmupSteps, long totalSteps) {
    public CosineSchedule {
        if (!(peakRate > 0) || warmupSteps < 0 || totalSteps < 1) {
            throw new ConfigurationException("Learning-rate schedule needs a positive peak rate, warm-up >= 0 and "
                    + "total steps >= 1; got " + peakRate + ", " + warmupSteps + ", " + totalSteps);
        }
    }

    /** The learning rate for the update made at 0-based step {@code s}. */
    public double rate(long s) {
        if (s < warmupSteps) {
            return peakRate * s / Math.max(1, warmupSteps);
        }
        double progress = (double) (s - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return Math.max(0.0, peakRate * 0.5 * (1.0 + Math.cos(Math.PI * progress)));
    }
}
