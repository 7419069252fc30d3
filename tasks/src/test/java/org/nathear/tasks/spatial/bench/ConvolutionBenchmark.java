package org.nathear.tasks.spatial.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.dsp.FftConvolver;

/**
 * Times {@link FftConvolver} on WAV files written by {@code tools/bench/convolution-vs-scipy.sh}, which
 * times scipy's {@code oaconvolve} on the same files. Not a test: run with the command in
 * {@code docs/performance.md}. Prints one {@code RESULT} line per case: name, seconds of audio,
 * median ms, min ms, checksum (sum of all outputs).
 *
 * <p>Arguments: folder, warm-up runs, timed runs.
 */
public final class ConvolutionBenchmark {
    private ConvolutionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        float[] x10 = WavFiles.read(dir.resolve("source10s.wav")).samples()[0];
        float[][] foa = WavFiles.read(dir.resolve("rir_foa_1s.wav")).samples();
        float[][] omni = {foa[0]};
        float[][] batch = WavFiles.read(dir.resolve("batch_sources.wav")).samples(); // 32 clips of 5 s, one per channel
        float[][] bin = WavFiles.read(dir.resolve("rir_binaural_1s.wav")).samples();
        int fs = 32000;
        int cores = Runtime.getRuntime().availableProcessors();

        // JTransforms itself splits large FFTs over threads; first with that turned off (one thread per job)
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        time("mono 10 s x 1 s RIR, 1 channel, full", x10.length / (double) fs, warmup, reps,
                () -> FftConvolver.convolve(x10, omni, x10.length + omni[0].length - 1));
        time("mono 10 s x 1 s RIR, 4 channels (FOA), full", x10.length / (double) fs, warmup, reps,
                () -> FftConvolver.convolve(x10, foa, x10.length + foa[0].length - 1));
        time("32 clips x 5 s x 1 s binaural RIR, 1 thread", batch.length * batch[0].length / (double) fs, warmup, reps,
                () -> batch(batch, bin, 1));
        time("32 clips x 5 s x 1 s binaural RIR, " + cores + " threads", batch.length * batch[0].length / (double) fs, warmup,
                reps, () -> batch(batch, bin, cores));
        // then with JTransforms' own threads (its default: one per core, for FFTs of 8192 points and more)
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(cores);
        time("mono 10 s x 1 s RIR, 4 channels (FOA), full [JTransforms " + cores + " threads]", x10.length / (double) fs,
                warmup, reps, () -> FftConvolver.convolve(x10, foa, x10.length + foa[0].length - 1));
        time("32 clips x 5 s x 1 s binaural RIR, " + cores + " threads [JTransforms " + cores + " threads]",
                batch.length * batch[0].length / (double) fs, warmup, reps, () -> batch(batch, bin, cores));
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

    private interface Job {
        float[][] run();
    }

    private static void time(String name, double seconds, int warmup, int reps, Job job) {
        float[][] y = null;
        for (int i = 0; i < warmup; i++) {
            y = job.run();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            y = job.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double sum = 0;
        for (float[] channel : y) {
            for (float v : channel) {
                sum += v;
            }
        }
        System.out.printf(Locale.ROOT, "RESULT\tjava-fftconvolver\t%s\t%.1f\t%.2f\t%.2f\t%.6f%n", name, seconds,
                ms[reps / 2], ms[0], sum);
    }
}
