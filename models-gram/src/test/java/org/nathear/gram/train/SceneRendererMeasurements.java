package org.nathear.gram.train;

import java.util.Locale;
import java.util.SplittableRandom;
import org.nathear.api.ChannelLayout;
import org.nathear.gram.frontend.GramFrontEnd;
import org.nathear.tasks.spatial.scene.SpatialFormat;

/**
 * Time to render one 10 s training clip (source + noise at the listener) with each scene renderer:
 * the direct path, the Nat-HEAR simulator with a fresh room per clip, and the simulator with a warm
 * room pool. Not a test: run by hand (see docs/performance.md).
 */
public final class SceneRendererMeasurements {
    private SceneRendererMeasurements() {
    }

    public static void main(String[] args) {
        int rate = GramFrontEnd.SAMPLE_RATE_HZ;
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        SplittableRandom r = new SplittableRandom(1);
        float[] source = new float[10 * rate];
        float[] noise = new float[10 * rate];
        for (int i = 0; i < source.length; i++) {
            source[i] = (float) r.nextGaussian();
            noise[i] = (float) r.nextGaussian();
        }
        for (SpatialFormat f : SpatialFormat.values()) {
            var sim = org.nathear.tasks.spatial.scene.SceneSimulator.builder().setFormat(f).setSampleRateHz(rate).build();
            SceneRenderer[] renderers = {
                new DirectPathRenderer(f.layout()),
                new SimulatorSceneRenderer(sim, 0, 100, 7),
                new SimulatorSceneRenderer(sim, 4, 1_000_000, 7)
            };
            String[] names = {"direct path", "simulator, fresh room per clip", "simulator, warm pool of 4 rooms"};
            for (int k = 0; k < renderers.length; k++) {
                SceneRenderer rr = renderers[k];
                for (int w = 0; w < 8; w++) { // warm-up (and fills the pool)
                    rr.render(source, noise, rate, 1000 + w, 0);
                }
                long t0 = System.nanoTime();
                for (int c = 0; c < clips; c++) {
                    rr.render(source, noise, rate, c, 0);
                }
                double ms = (System.nanoTime() - t0) / 1e6 / clips;
                System.out.printf(Locale.ROOT, "%-8s %-34s %8.1f ms per 10 s clip%n",
                        f.layout() == ChannelLayout.FOA ? "foa" : "binaural", names[k], ms);
            }
        }
    }
}
