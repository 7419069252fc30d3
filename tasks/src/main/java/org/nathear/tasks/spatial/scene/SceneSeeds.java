package org.nathear.tasks.spatial.scene;

import org.nathear.api.util.Seeds;

/**
 * Independent, reproducible seeds for the parts of a scene (room, noise draws, tail noise, …) and
 * for each clip of a task, derived from one seed with {@link Seeds#derive(long, long, String)} under the
 * scenes' own salt, so they never coincide with the runner's seeds for the same purpose text.
 * The derivation depends only on its inputs, never on thread scheduling or processing order.
 */
public final class SceneSeeds {
    /** The scenes' salt (changing it changes every rendered Nat-HEAR clip). */
    private static final long SALT = 0x6A09E667F3BCC909L;

    private SceneSeeds() {
    }

    /** A seed for a named purpose, e.g. {@code derive(seed, "train/1a2b.wav")}. */
    public static long derive(long seed, String purpose) {
        return Seeds.derive(seed, SALT, purpose);
    }
}
