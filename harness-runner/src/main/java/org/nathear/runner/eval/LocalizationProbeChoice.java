package org.nathear.runner.eval;

import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.runner.probe.DirectionProbe;
import org.nathear.runner.probe.Probes;

/**
 * Which {@link DirectionProbe} a localization cell uses for the {@code --probe} the user chose: the
 * probe's own localization variant ({@link Probes#directionProbe}: {@code linear} → {@code
 * linear-regression}, {@code mlp} and {@code mlp-hear} → {@code mlp-regression}). A probe without one
 * (for example {@code linear-sgd}) falls back to {@code linear-regression}, and the cell says so in
 * its message; the name of the probe used is recorded in the cell either way. The probe then regresses
 * the cell's {@link DirectionTarget} ({@link DirectionProbe#withTarget}).
 */
public final class LocalizationProbeChoice {
    private LocalizationProbeChoice() {
    }

    /** The direction probe used, and a note when it is not the one {@code --probe} asked for. */
    public record Choice(DirectionProbe probe, String note) {
    }

    /** The direction probe for {@code --probe probeName}, regressing {@code target}. */
    public static Choice forProbe(String probeName, DirectionTarget target) {
        Choice c = forProbe(probeName);
        return new Choice(c.probe().withTarget(target), c.note());
    }

    /** The direction probe for {@code --probe probeName}. */
    public static Choice forProbe(String probeName) {
        try {
            return new Choice(Probes.directionProbe(probeName), null);
        } catch (ConfigurationException e) {
            DirectionProbe fallback = Probes.directionProbe("linear");
            return new Choice(fallback, "probe '" + probeName + "' has no localization variant; using " + fallback.name());
        }
    }
}
