package org.nathear.api.util;

import java.nio.charset.StandardCharsets;

/**
 * The one home of seed mixing in nathear: derived seeds from a parent seed with SplitMix64 (Steele,
 * Lea and Flood, "Fast splittable pseudorandom number generators", 2014; the constants are those of
 * {@link java.util.SplittableRandom}). A derived seed depends only on its inputs, never on thread
 * scheduling or processing order.
 *
 * <p>Three derivations exist because each is baked into data users already have; every one is pinned
 * bit for bit by {@code SeedsTest}:
 * <ul>
 *   <li>{@link #derive(long, String)} (and {@link #derive(long, long, String)} with a domain salt): a seed
 *       for a named purpose, mixing the purpose's UTF-8 bytes. The runner's cell, fold, rotation and
 *       validation seeds; Nat-HEAR scene seeds (their own salt). Use this in new code.</li>
 *   <li>{@link #chain(long, long...)}: a seed from a seed and numeric parts. The demo suite's clips
 *       (changing it changes the generated audio and the committed baselines).</li>
 *   <li>{@link #stream(long, long)} and {@link #stream(long, String)}: the seed of a numbered (or
 *       named) stream. GRAM training (changing it changes what a retrained checkpoint learns).</li>
 * </ul>
 */
public final class Seeds {
    /** SplitMix64's increment (the odd integer closest to 2<sup>64</sup>/φ), also the default salt of {@link #derive(long, String)}. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A seed for a named part of a run, e.g. {@code derive(runSeed, "cell/" + taskId + "/" + modelId)}. */
    public static long derive(long seed, String purpose) {
        return derive(seed, GOLDEN_GAMMA, purpose);
    }

    /**
     * As {@link #derive(long, String)} under a domain's own salt, so two domains deriving the same purpose
     * from the same seed get unrelated seeds: the seed is XORed with the salt, then each UTF-8 byte of the
     * purpose is added and mixed in turn.
     */
    public static long derive(long seed, long salt, String purpose) {
        long h = seed ^ salt;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h + b);
        }
        return mix(h);
    }

    /** A seed from a seed and numeric parts: one SplitMix64 step of the seed, then one step per part XORed in. */
    public static long chain(long seed, long... parts) {
        long h = splitMix(seed);
        for (long part : parts) {
            h = splitMix(h ^ part);
        }
        return h;
    }

    /**
     * The seed of stream {@code index} under {@code seed}: the {@code index + 1}-th output of a SplitMix64
     * generator started at {@code seed}, i.e. {@code mix(seed + GOLDEN_GAMMA * (index + 1))}.
     */
    public static long stream(long seed, long index) {
        return mix(seed + GOLDEN_GAMMA * (index + 1));
    }

    /** The seed of a named stream: the name's 64-bit polynomial hash (chars, base 31) as the stream index. */
    public static long stream(long seed, String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return stream(seed, h);
    }

    /** One SplitMix64 step: add {@link #GOLDEN_GAMMA}, then {@link #mix}. */
    public static long splitMix(long z) {
        return mix(z + GOLDEN_GAMMA);
    }

    /** The SplitMix64 finaliser (Stafford's variant 13): a bijection of 64-bit values that mixes every bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
