package org.nathear.runner.util;

import java.nio.charset.StandardCharsets;

/** Derives independent, reproducible seeds from the run seed. */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for a named part of a run (e.g. {@code "probe/" + taskId + "/" + modelId}). */
    public static long derive(long runSeed, String purpose) {
        long h = runSeed ^ 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h + b);
        }
        return mix(h);
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
