package org.nathear.api.audio.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nathear.api.audio.LogMelSpectrogram;
import org.nathear.api.audio.MelSpectrogramConfig;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavFiles;

/**
 * Times the GRAM log-mel front end ({@link MelSpectrogramConfig#gram()}) on channel 0 of a WAV file,
 * for {@code tools/bench/logmel-vs-torchaudio.sh}.
 *
 * <p>Usage: {@code java -cp ... org.nathear.api.audio.bench.LogMelBenchmark FILE.wav [WARMUP] [REPS]}
 * (defaults 10 and 20). One instance is reused across repetitions, as a worker thread would. Prints
 * the per-repetition times and a {@code RESULT} line: implementation, audio seconds, frames,
 * median / min / mean ms, and the mean log-mel value (to check both sides computed the same thing).
 */
public final class LogMelBenchmark {
    private LogMelBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LogMelBenchmark FILE.wav [WARMUP] [REPS]");
            System.exit(2);
        }
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        MelSpectrogramConfig config = MelSpectrogramConfig.gram();
        WavData wav = WavFiles.read(Path.of(args[0]));
        float[] signal = Resampler.resample(wav.samples()[0], wav.sampleRateHz(), config.sampleRateHz());
        LogMelSpectrogram logMel = new LogMelSpectrogram(config);

        float[][] out = null;
        for (int i = 0; i < warmup; i++) {
            out = logMel.compute(signal);
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            out = logMel.compute(signal);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double sum = 0;
        for (float[] row : out) {
            for (float v : row) {
                sum += v;
            }
        }
        double mean = sum / ((double) out.length * out[0].length);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = reps % 2 == 1 ? sorted[reps / 2] : (sorted[reps / 2 - 1] + sorted[reps / 2]) / 2;
        System.out.printf(Locale.ROOT, "RESULT java-jtransforms-double %.1f %d %.2f %.2f %.2f %.6f%n",
                signal.length / (double) config.sampleRateHz(), out.length, median, sorted[0],
                Arrays.stream(ms).average().orElse(Double.NaN), mean);
    }
}
