package org.nathear.benchmarks;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nathear.api.audio.LogMelSpectrogram;
import org.nathear.api.audio.MelSpectrogramConfig;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GRAM log-mel front end ({@link MelSpectrogramConfig#gram()}) on one channel, one instance reused
 * as a worker thread would, one call per iteration. {@code tools/bench/logmel-vs-torchaudio.sh} passes
 * {@code -p wav=FILE} (channel 0 of the WAV torchaudio reads too); without it the signal is
 * {@code seconds} of uniform noise (seed 20240611, amplitude 0.5) at 32 kHz. After the runs it prints
 * {@code CHECK logmel <frames> <mean value>} so both sides can be seen to compute the same thing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(1)
public class LogMelBenchmark {
    /** A WAV file to read channel 0 of; empty for seeded noise. */
    @Param("")
    public String wav;

    /** Seconds of seeded noise when {@link #wav} is empty. */
    @Param("60")
    public double seconds;

    private float[] signal;
    private LogMelSpectrogram logMel;

    @Setup
    public void prepare() {
        MelSpectrogramConfig config = MelSpectrogramConfig.gram();
        if (wav.isEmpty()) {
            SplittableRandom random = new SplittableRandom(20240611L);
            signal = new float[(int) Math.round(seconds * config.sampleRateHz())];
            for (int i = 0; i < signal.length; i++) {
                signal[i] = (float) (random.nextDouble() - 0.5);
            }
        } else {
            WavData data = WavFiles.read(Path.of(wav));
            signal = Resampler.resample(data.samples()[0], data.sampleRateHz(), config.sampleRateHz());
        }
        logMel = new LogMelSpectrogram(config);
    }

    @Benchmark
    public float[][] gramLogMel() {
        return logMel.compute(signal);
    }

    @TearDown
    public void printCheck() {
        float[][] out = logMel.compute(signal);
        double sum = 0;
        for (float[] row : out) {
            for (float v : row) {
                sum += v;
            }
        }
        System.out.printf(Locale.ROOT, "CHECK logmel %d %.6f%n", out.length, sum / ((double) out.length * out[0].length));
    }
}
