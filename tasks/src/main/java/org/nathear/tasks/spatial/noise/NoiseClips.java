package org.nathear.tasks.spatial.noise;

import java.util.SplittableRandom;

/** The paper's noise preparation: at most 10 s (a random excerpt of longer clips), 200 ms linear fades. */
public final class NoiseClips {
    /** Longest noise clip, seconds. */
    public static final double MAX_SECONDS = 10.0;
    /** Fade-in and fade-out length, seconds. */
    public static final double FADE_SECONDS = 0.2;

    private NoiseClips() {
    }

    /** A random excerpt of at most 10 s, faded in and out linearly over 200 ms (or a third of a shorter clip). */
    public static float[] trimAndFade(float[] noise, int sampleRateHz, SplittableRandom random) {
        int max = (int) Math.round(MAX_SECONDS * sampleRateHz);
        int start = noise.length > max ? random.nextInt(noise.length - max + 1) : 0;
        int n = Math.min(noise.length, max);
        float[] out = new float[n];
        System.arraycopy(noise, start, out, 0, n);
        int fade = Math.min((int) Math.round(FADE_SECONDS * sampleRateHz), n / 3);
        for (int i = 0; i < fade; i++) {
            float g = (float) (i / (double) fade);
            out[i] *= g;
            out[n - 1 - i] *= g;
        }
        return out;
    }
}
