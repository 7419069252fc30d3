package org.nathear.gram.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;

/** Small synthetic corpora for training tests (harmonic tones with vibrato plus modulated noise). */
final class TestCorpus {
    private TestCorpus() {
    }

    /** Writes {@code files} mono WAVs of {@code seconds} s at 16 kHz into {@code dir}. */
    static void write(Path dir, long seed, int files, double seconds) throws Exception {
        Files.createDirectories(dir);
        int rate = 16000;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int f = 0; f < files; f++) {
            int n = (int) (seconds * rate);
            float[] x = new float[n];
            double f0 = 110 * Math.pow(2, rng.nextInt(36) / 12.0);
            double rate2 = 2 + 6 * rng.nextDouble();
            double phase = 0;
            for (int i = 0; i < n; i++) {
                double t = i / (double) rate;
                phase += 2 * Math.PI * f0 * (1 + 0.01 * Math.sin(2 * Math.PI * 5 * t)) / rate;
                double tone = 0;
                for (int h = 1; h <= 6; h++) {
                    tone += Math.sin(h * phase) / h;
                }
                double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * rate2 * t);
                x[i] = (float) (0.2 * tone * env + 0.02 * rng.nextGaussian() * (1 - env));
            }
            WavFiles.write(dir.resolve(String.format(Locale.ROOT, "clip-%02d.wav", f)), new float[][] {x}, rate, WavEncoding.PCM_16);
        }
    }
}
