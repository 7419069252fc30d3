package org.nathear.tasks.spatial.scene;

import java.nio.charset.StandardCharsets;

/**
 * Independent, reproducible seeds for the parts of a scene (room, noise draws, tail noise, …) and
 * for each clip of a task, derived from one seed with SplitMix64 over the purpose's UTF-8 bytes.
 * The derivation depends only on its inputs, never on thread scheduling or processing order.
 */
public final class SceneSeeds {
    private SceneSeeds() {
    }

    /** A seed for a named purpose, e.g. {@code derive(seed, "train/1a2b.wav")}. */
    public static long derive(long seed, String purpose) {
        long h = seed ^ 0x6A09E667F3BCC909L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h + b);
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
