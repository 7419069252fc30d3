package org.nathear.gram.train;

import org.nathear.api.ChannelLayout;

/**
 * Places a mono source and a mono noise signal in a spatial scene, for GRAM's online mixing.
 *
 * <p>Implementations return the source and the noise each rendered to the multi-channel layout at
 * the listener (binaural ears, or first-order Ambisonics in nathear's ACN/SN3D convention), both as
 * long as the input source; {@link SceneMixer} scales the noise to the drawn SNR and adds them.
 * Everything random is drawn from {@code seed}.
 *
 * <p>Implementations: {@link SimulatorSceneRenderer} (the Nat-HEAR scene simulator of the tasks
 * module, the default), {@link ImpulseResponseFolderRenderer} (measured or simulated impulse
 * responses from a folder) and {@link DirectPathRenderer} (direct path only, no room; on request).
 */
public interface SceneRenderer {

    /** {@link ChannelLayout#BINAURAL} or {@link ChannelLayout#FOA}. */
    ChannelLayout layout();

    /** One line for logs and checkpoint provenance. */
    String description();

    /** Renders a scene; {@code source} and {@code noise} have the same length, at {@code sampleRateHz}. */
    SpatialScene render(float[] source, float[] noise, int sampleRateHz, long seed);

    /**
     * As {@link #render(float[], float[], int, long)} for a clip of optimiser step {@code step}
     * (0-based); renderers that reuse rooms over a number of steps ({@link SimulatorSceneRenderer})
     * use it, the others ignore it. The result must still be a pure function of the arguments.
     */
    default SpatialScene render(float[] source, float[] noise, int sampleRateHz, long seed, long step) {
        return render(source, noise, sampleRateHz, seed);
    }

    /**
     * A rendered scene: source and noise at the listener, {@code [channel][sample]}, same length as
     * the input source, plus a short description of what was drawn (for debugging).
     */
    record SpatialScene(float[][] source, float[][] noise, String what) {
    }
}
