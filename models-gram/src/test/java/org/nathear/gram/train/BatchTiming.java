package org.nathear.gram.train;

import java.nio.file.Path;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.frontend.GramFrontEnd;

/** Manual timing of batch preparation (not a test). */
public final class BatchTiming {
    public static void main(String[] args) {
        GramVariant v = GramVariant.parse(args[1]);
        TrainOptions o = TrainOptions.defaults(v, GramMasking.PATCH, GramSize.TINY, Path.of(args[0]), Path.of("/tmp/x"), 100, 1)
                .withBatch(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        GramConfig c = GramConfig.of(v, GramMasking.PATCH, GramSize.TINY);
        AudioCorpus corpus = AudioCorpus.scan(o.data(), GramFrontEnd.SAMPLE_RATE_HZ, 2, 64L << 20);
        SceneMixer mixer = new SceneMixer(v, v == GramVariant.CLEAN ? null : new DirectPathRenderer(v.layout()), NoiseSource.generated(), 5, 40, 32000);
        BatchBuilder b = new BatchBuilder(c, o, corpus, mixer);
        GramFrontEnd fe = new GramFrontEnd(c);
        float[] src = corpus.load(0);
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            float[][] sc = mixer.mix(src, false, i);
            long t1 = System.nanoTime();
            fe.features(sc);
            long t2 = System.nanoTime();
            System.out.printf("mix %.0f ms, features %.0f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
        for (int i = 0; i < 6; i++) {
            long t = System.nanoTime();
            b.batch(i);
            System.out.printf("batch %d: %.0f ms%n", i, (System.nanoTime() - t) / 1e6);
        }
    }
}
