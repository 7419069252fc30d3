package org.nathear.gram.train;

/** Deterministic seed derivation (SplitMix64 finaliser), so every random choice follows from one seed. */
public final class Seeds {
    private Seeds() {
    }

    /** A well-mixed seed from a parent seed and a stream index. */
    public static long mix(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed for a named purpose under a parent seed. */
    public static long mix(long seed, String purpose) {
        long h = 1125899906842597L;
        for (int i = 0; i < purpose.length(); i++) {
            h = 31 * h + purpose.charAt(i);
        }
        return mix(seed, h);
    }
}
