package org.nathear.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.dsp.FftConvolver;
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
 * {@link FftConvolver} on the WAV files {@code tools/bench/convolution-vs-scipy.sh} writes (and times scipy's
 * {@code oaconvolve} on): {@code -p dir=FOLDER} is required. One case per {@link #job}:
 * <ul>
 *   <li>{@code mono-omni}: 10 s source × 1 s RIR, 1 channel, full length;</li>
 *   <li>{@code mono-foa}: the same source × 1 s FOA RIR, 4 channels;</li>
 *   <li>{@code batch-1}: 32 clips × 5 s × 1 s binaural RIR, one thread;</li>
 *   <li>{@code batch-cores}: the same batch, one thread per CPU;</li>
 * </ul>
 * each with JTransforms' own FFT threads off ({@code fftThreads=1}, one thread per job) or one per CPU
 * ({@code fftThreads=0}). After the runs it prints {@code CHECK convolution <job> <fftThreads> <sum of outputs>}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class ConvolutionBenchmark {
    /** The folder of source10s.wav, rir_foa_1s.wav, batch_sources.wav and rir_binaural_1s.wav. */
    @Param("")
    public String dir;

    @Param({"mono-omni", "mono-foa", "batch-1", "batch-cores"})
    public String job;

    /** JTransforms' threads for one FFT: 1, or 0 for one per CPU (its default). */
    @Param({"1", "0"})
    public int fftThreads;

    private float[] source;
    private float[][] rir;
    private float[][] batch;
    private int batchThreads;

    @Setup
    public void prepare() {
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("ConvolutionBenchmark needs -p dir=FOLDER (written by tools/bench/convolution-vs-scipy.sh)");
        }
        Path folder = Path.of(dir);
        int cores = Runtime.getRuntime().availableProcessors();
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(fftThreads == 0 ? cores : fftThreads);
        switch (job) {
            case "mono-omni", "mono-foa" -> {
                source = WavFiles.read(folder.resolve("source10s.wav")).samples()[0];
                float[][] foa = WavFiles.read(folder.resolve("rir_foa_1s.wav")).samples();
                rir = job.equals("mono-omni") ? new float[][] {foa[0]} : foa;
            }
            case "batch-1", "batch-cores" -> {
                batch = WavFiles.read(folder.resolve("batch_sources.wav")).samples(); // 32 clips of 5 s, one per channel
                rir = WavFiles.read(folder.resolve("rir_binaural_1s.wav")).samples();
                batchThreads = job.equals("batch-1") ? 1 : cores;
            }
            default -> throw new IllegalArgumentException("unknown job " + job);
        }
    }

    @Benchmark
    public float[][] convolve() {
        return source != null ? FftConvolver.convolve(source, rir, source.length + rir[0].length - 1) : batch(batch, rir, batchThreads);
    }

    @TearDown
    public void printCheck() {
        double sum = 0;
        for (float[] channel : convolve()) {
            for (float v : channel) {
                sum += v;
            }
        }
        System.out.printf(Locale.ROOT, "CHECK convolution %s %d %.6f%n", job, fftThreads, sum);
    }

    private static float[][] batch(float[][] clips, float[][] rir, int threads) {
        List<float[][]> out = new ArrayList<>();
        if (threads == 1) {
            for (float[] clip : clips) {
                out.add(FftConvolver.convolve(clip, rir, clip.length + rir[0].length - 1));
            }
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                out = pool.submit(() -> Arrays.stream(clips).parallel()
                        .map(c -> FftConvolver.convolve(c, rir, c.length + rir[0].length - 1)).toList()).get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdown();
            }
        }
        List<float[]> flat = new ArrayList<>();
        out.forEach(y -> flat.addAll(Arrays.asList(y)));
        return flat.toArray(new float[0][]);
    }
}
