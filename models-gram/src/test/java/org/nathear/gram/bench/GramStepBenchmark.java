package org.nathear.gram.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.model.GramEngine;
import org.nathear.gram.model.GramNetwork;
import org.nathear.gram.train.AdamW;

/**
 * One GRAM-tiny pre-training step (forward, backward, gradient clipping, AdamW) in DJL on random
 * input, timed; the counterpart of {@code tools/bench/gram_tiny_step.py}. Run by
 * {@code tools/bench/gram-step-djl-vs-pytorch.sh}.
 *
 * <p>Arguments: crops steps warmup variant masking.
 */
public final class GramStepBenchmark {
    private GramStepBenchmark() {
    }

    public static void main(String[] args) {
        int crops = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        GramVariant variant = GramVariant.parse(args.length > 3 ? args[3] : "binaural");
        GramMasking masking = GramMasking.parse(args.length > 4 ? args[4] : "patch");
        GramConfig config = GramConfig.of(variant, masking, GramSize.TINY);
        int n = masking.patchCount();
        int pv = config.patchValues();
        int nv = (int) Math.round(n * 0.2);
        SplittableRandom rng = new SplittableRandom(0);
        double[] times = new double[steps];
        try (GramNetwork net = GramNetwork.initialise(config, 0, Device.cpu())) {
            AdamW opt = new AdamW(net.parameters(), 0.9, 0.95, 1e-8, 0.01);
            for (int s = 0; s < warmup + steps; s++) {
                float[] x = new float[crops * n * pv];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
                int[][] vis = new int[crops][];
                int[][] msk = new int[crops][];
                for (int c = 0; c < crops; c++) {
                    int[] perm = IntStream.range(0, n).toArray();
                    for (int a = n - 1; a > 0; a--) {
                        int b = rng.nextInt(a + 1);
                        int t = perm[a];
                        perm[a] = perm[b];
                        perm[b] = t;
                    }
                    vis[c] = Arrays.copyOfRange(perm, 0, nv);
                    msk[c] = Arrays.copyOfRange(perm, nv, n);
                    Arrays.sort(vis[c]);
                    Arrays.sort(msk[c]);
                }
                long t0 = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    try (GradientCollector gc = GramEngine.engine().newGradientCollector()) {
                        NDArray loss = net.loss(x, crops, vis, msk);
                        gc.backward(loss);
                        loss.getFloat();
                    }
                    opt.update(1e-3, 5.0);
                }
                if (s >= warmup) {
                    times[s - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
            opt.close();
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        double mean = Arrays.stream(times).average().orElse(Double.NaN);
        System.out.println(String.format(Locale.ROOT, "djl %s (libtorch %s) %s/%s/tiny crops=%d: median %.1f ms/step, mean %.1f ms/step over %d steps",
                "0.33.0", GramEngine.engine().getVersion(), variant.id(), masking.id(), crops, median, mean, steps));
    }
}
