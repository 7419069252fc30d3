package org.nathear.gram.train;

import java.util.SplittableRandom;

/** Noise for scene mixing: a mono signal of a given length from a seed. */
public interface NoiseSource {

    /** {@code length} samples at {@code sampleRateHz}; deterministic in {@code seed}. */
    float[] noise(int length, int sampleRateHz, long seed);

    /** One line for logs and checkpoint provenance. */
    String description();

    /**
     * Generated coloured noise (the default when no noise folder is given): white, pink (Paul
     * Kellet's filter) or brown (leaky integrator), the colour drawn per clip.
     */
    static NoiseSource generated() {
        return new NoiseSource() {
            @Override
            public float[] noise(int length, int sampleRateHz, long seed) {
                SplittableRandom rng = new SplittableRandom(seed);
                int colour = rng.nextInt(3);
                float[] out = new float[length];
                double b0 = 0;
                double b1 = 0;
                double b2 = 0;
                double brown = 0;
                for (int i = 0; i < length; i++) {
                    double w = rng.nextGaussian();
                    out[i] = (float) switch (colour) {
                        case 0 -> w;
                        case 1 -> {
                            b0 = 0.99765 * b0 + w * 0.0990460;
                            b1 = 0.96300 * b1 + w * 0.2965164;
                            b2 = 0.57000 * b2 + w * 1.0526913;
                            yield b0 + b1 + b2 + w * 0.1848;
                        }
                        default -> {
                            brown = 0.995 * brown + w * 0.1;
                            yield brown;
                        }
                    };
                }
                return out;
            }

            @Override
            public String description() {
                return "generated white/pink/brown noise";
            }
        };
    }

    /**
     * Noise clips from a corpus (e.g. WHAM! noise as WAVs), as the reference uses them: a random
     * clip; when longer than the scene a random excerpt whose last 0.2 s fade out, when shorter
     * faded in and out over 0.2 s and placed at a random offset in silence.
     */
    static NoiseSource fromCorpus(AudioCorpus corpus) {
        return new NoiseSource() {
            @Override
            public float[] noise(int length, int sampleRateHz, long seed) {
                SplittableRandom rng = new SplittableRandom(seed);
                float[] clip = corpus.load(rng.nextInt(corpus.size()));
                int fade = Math.min(sampleRateHz / 5, Math.max(1, clip.length / 2));
                float[] out = new float[length];
                if (clip.length >= length) {
                    int start = clip.length == length ? 0 : rng.nextInt(clip.length - length + 1);
                    System.arraycopy(clip, start, out, 0, length);
                    int f = Math.min(fade, length);
                    for (int i = 0; i < f; i++) {
                        out[length - 1 - i] *= (float) (i / (double) f);
                    }
                } else {
                    int offset = rng.nextInt(length - clip.length + 1);
                    for (int i = 0; i < clip.length; i++) {
                        double g = Math.min(1.0, Math.min((i + 1) / (double) fade, (clip.length - i) / (double) fade));
                        out[offset + i] = (float) (clip[i] * g);
                    }
                }
                return out;
            }

            @Override
            public String description() {
                return "noise corpus " + corpus.describe();
            }
        };
    }
}
