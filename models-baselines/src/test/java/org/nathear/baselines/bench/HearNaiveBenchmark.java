package org.nathear.baselines.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.OpenedModel;
import org.nathear.baselines.HearNaiveModel;

/**
 * Times HEAR-Naive on seeded noise: opening (weight generation), timestamp embeddings and scene
 * embeddings of a batch of clips, on one thread.
 *
 * <p>Usage: {@code java -cp ... org.nathear.baselines.bench.HearNaiveBenchmark [CLIP_SECONDS=10] [CLIPS=10] [REPS=5]}
 */
public final class HearNaiveBenchmark {
    private HearNaiveBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int clipCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<AudioClip> clips = new ArrayList<>();
        for (int i = 0; i < clipCount; i++) {
            clips.add(Signals.noiseClip(100 + i, ChannelLayout.MONO, seconds, HearNaiveModel.SAMPLE_RATE_HZ));
        }
        HearNaiveModel plugin = new HearNaiveModel();
        long t0 = System.nanoTime();
        OpenedModel model = plugin.open(ModelOptions.NONE);
        double openMs = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < 2; i++) {
            model.timestampEmbeddings(clips);
            model.sceneEmbeddings(clips);
        }
        double[] ts = new double[reps];
        double[] scene = new double[reps];
        for (int r = 0; r < reps; r++) {
            long a = System.nanoTime();
            model.timestampEmbeddings(clips);
            long b = System.nanoTime();
            model.sceneEmbeddings(clips);
            long c = System.nanoTime();
            ts[r] = (b - a) / 1e6;
            scene[r] = (c - b) / 1e6;
        }
        Arrays.sort(ts);
        Arrays.sort(scene);
        double audio = seconds * clipCount;
        System.out.printf(Locale.ROOT, "open (4096 x 256 weights): %.0f ms%n", openMs);
        System.out.printf(Locale.ROOT, "%d clips x %.1f s: timestamp embeddings median %.0f ms (%.0f x real time), "
                        + "scene embeddings median %.1f ms (%.0f x real time)%n",
                clipCount, seconds, ts[reps / 2], audio * 1000 / ts[reps / 2], scene[reps / 2], audio * 1000 / scene[reps / 2]);
    }
}
