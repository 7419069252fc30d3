package org.nathear.runner.probe;

import java.util.List;

/**
 * A source of probes, found with {@link java.util.ServiceLoader} (a jar on the runner's class path
 * with {@code META-INF/services/org.nathear.runner.probe.ProbeProvider}): the seam through which a
 * probe backend that the runner does not ship — for example hear-eval-kit's MLP on libtorch
 * through DJL, running on a GPU — is added without touching the protocol. The protocol only sees
 * {@link Probe} (scene and event tasks) and {@link DirectionProbe} (localization): it asks for the
 * grid, fits every point on the first rotation's train split, scores valid, and refits the chosen
 * point per rotation. A backend decides where and how it computes, but must be deterministic under
 * the seed for one machine and configuration and say so in {@link Probe.Predictor#trainingDetails()}.
 *
 * <p>Names are what {@code --probe} takes. Providers are asked in order: nathear's own
 * ({@link BuiltInProbes}) first, then the others in class-path order. A name offered by two
 * providers is an error naming both classes (a plugin cannot replace a built-in probe).
 */
public interface ProbeProvider {

    /** The {@code --probe} names this provider answers, in the order to list them. */
    List<String> names();

    /** The probe for scene and event tasks under {@code name} (one of {@link #names()}). */
    Probe probe(String name);

    /**
     * The probe for localization tasks under {@code name}, or {@code null} when the provider has no
     * localization probe for it (the cell then fails with a message naming the probe).
     */
    default DirectionProbe directionProbe(String name) {
        return null;
    }
}
