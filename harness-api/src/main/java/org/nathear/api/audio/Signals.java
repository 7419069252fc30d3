package org.nathear.api.audio;

import java.util.SplittableRandom;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;

/**
 * Seeded test signals shared by tests, demos, validators and benchmarks. All randomness comes from
 * the seed given.
 */
public final class Signals {
    private Signals() {
    }

    /** {@code amplitude * sin(2π f t + phase)} sampled at {@code sampleRateHz}. */
    public static float[] sine(double frequencyHz, double amplitude, double phaseRadians, int frames, int sampleRateHz) {
        float[] out = new float[frames];
        double w = 2 * Math.PI * frequencyHz / sampleRateHz;
        for (int i = 0; i < frames; i++) {
            out[i] = (float) (amplitude * Math.sin(w * i + phaseRadians));
        }
        return out;
    }

    /** Uniform white noise in [-amplitude, amplitude), independent per channel. */
    public static float[][] whiteNoise(long seed, int channels, int frames, double amplitude) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                out[c][i] = (float) (amplitude * (2 * random.nextDouble() - 1));
            }
        }
        return out;
    }

    /** A clip of white noise (amplitude 0.5) of the given layout and duration. */
    public static AudioClip noiseClip(long seed, ChannelLayout layout, double seconds, int sampleRateHz) {
        int frames = (int) Math.round(seconds * sampleRateHz);
        return new AudioClip(whiteNoise(seed, layout.channelCount(), frames, 0.5), sampleRateHz, layout);
    }
}
