package org.nathear.gram.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.util.Seeds;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.frontend.Crops;
import org.nathear.gram.frontend.GramFrontEnd;

/**
 * Builds the training batch of optimiser step {@code s} as a pure function of (seed, s): which clips
 * (a seeded permutation of the corpus per epoch), dry or not (λ, per batch), each clip's window,
 * scene, crops and masks. So a run resumed at step s sees exactly the batches the uninterrupted run
 * would have seen, without any random-generator state in the checkpoint.
 *
 * <p>Clips are processed in parallel; each uses only its own seed, so the result does not depend on
 * thread scheduling.
 */
public final class BatchBuilder {
    private final GramConfig config;
    private final TrainOptions options;
    private final AudioCorpus corpus;
    private final SceneMixer mixer;
    private final GramFrontEnd frontEnd;
    private int[] epochOrder;
    private long epochOfOrder = -1;

    /** A batch: {@code crops × N × P} patch values and per-crop visible/masked patch indices. */
    public record Batch(float[] patches, int crops, int[][] visible, int[][] masked, boolean dry) {
    }

    public BatchBuilder(GramConfig config, TrainOptions options, AudioCorpus corpus, SceneMixer mixer) {
        if (corpus.size() == 0) {
            throw new ConfigurationException("Training corpus " + corpus.root() + " has no usable audio file: " + corpus.skipped()
                    + (corpus.skipExamples().isEmpty() ? "" : "; e.g. " + corpus.skipExamples()));
        }
        this.config = config;
        this.options = options;
        this.corpus = corpus;
        this.mixer = mixer;
        this.frontEnd = new GramFrontEnd(config);
    }

    /** The corpus index of global sample {@code g} (epoch-wise seeded permutations). */
    synchronized int clipIndex(long g) {
        int n = corpus.size();
        long epoch = g / n;
        if (epoch != epochOfOrder) {
            int[] order = IntStream.range(0, n).toArray();
            SplittableRandom rng = new SplittableRandom(Seeds.stream(options.seed(), "epoch/" + epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            epochOrder = order;
            epochOfOrder = epoch;
        }
        return epochOrder[(int) (g % n)];
    }

    /** The batch of 0-based optimiser step {@code step}. */
    public Batch batch(long step) {
        SplittableRandom stepRng = new SplittableRandom(Seeds.stream(options.seed(), "step/" + step));
        boolean dry = stepRng.nextDouble() < options.cleanRatio();
        int clips = options.clipsPerStep();
        int k = options.cropsPerClip();
        int[] index = new int[clips];
        long[] clipSeed = new long[clips];
        for (int i = 0; i < clips; i++) {
            index[i] = clipIndex(step * clips + i);
            clipSeed[i] = stepRng.nextLong();
        }
        GramMasking m = config.masking();
        int n = m.patchCount();
        int pv = config.patchValues();
        int nv = options.visiblePatches();
        int crops = clips * k;
        float[] patches = new float[crops * n * pv];
        int[][] visible = new int[crops][];
        int[][] masked = new int[crops][];
        int maxSamples = (int) Math.round(options.maxClipSeconds() * GramFrontEnd.SAMPLE_RATE_HZ);
        IntStream.range(0, clips).parallel().forEach(i -> {
            SplittableRandom rng = new SplittableRandom(clipSeed[i]);
            float[] source = corpus.load(index[i]);
            if (source.length > maxSamples) {
                int start = rng.nextInt(source.length - maxSamples + 1);
                source = Arrays.copyOfRange(source, start, start + maxSamples);
            }
            float[][] scene = mixer.mix(source, dry, rng.nextLong(), step);
            float[][][] features = frontEnd.features(scene);
            int frames = features[0].length;
            for (int j = 0; j < k; j++) {
                int c = i * k + j;
                int start = frames > GramMasking.CROP_FRAMES ? rng.nextInt(frames - GramMasking.CROP_FRAMES + 1) : 0;
                Crops.patchify(Crops.normalisedCrop(features, start), m, patches, c * n * pv);
                int[] perm = IntStream.range(0, n).toArray();
                for (int a = n - 1; a > 0; a--) {
                    int b = rng.nextInt(a + 1);
                    int t = perm[a];
                    perm[a] = perm[b];
                    perm[b] = t;
                }
                int[] vis = Arrays.copyOfRange(perm, 0, nv);
                int[] msk = Arrays.copyOfRange(perm, nv, n);
                Arrays.sort(vis);
                Arrays.sort(msk);
                visible[c] = vis;
                masked[c] = msk;
            }
        });
        return new Batch(patches, crops, visible, masked, dry);
    }
}
