package org.nathear.tasks.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskKind;
import org.nathear.api.util.Seeds;

/**
 * {@code demo-mixtures}: multilabel scenes of one to three sources among crackle, hum, rain, wind
 * (textures) and hihat, kick (2-5 strokes at random times), mixed at ±6 dB. 240 clips: 160 train,
 * 40 valid, 40 test; a third of the clips have each source count.
 */
final class MixturesTask extends DemoTaskGenerator {
    static final List<String> SOURCES = List.of("crackle", "hihat", "hum", "kick", "rain", "wind");
    private static final int TRAIN = 160;
    private static final int VALID = 40;
    private static final int TEST = 40;

    @Override
    String taskName() {
        return "demo-mixtures";
    }

    @Override
    TaskKind kind() {
        return TaskKind.SCENE_MULTILABEL;
    }

    @Override
    SplitMode splitMode() {
        return SplitMode.TRAIN_VALID_TEST;
    }

    @Override
    List<String> splits() {
        return List.of("train", "valid", "test");
    }

    @Override
    List<Metric> metrics() {
        return List.of(Metric.MAP, Metric.TOP1_ACC);
    }

    @Override
    List<String> vocabulary() {
        return SOURCES;
    }

    @Override
    String description() {
        return "Demo: multilabel mixtures of 1-3 sources (crackle, hihat, hum, kick, rain, wind); train/valid/test; "
                + "16 kHz, 1 s";
    }

    @Override
    List<ClipPlan> plan(long seed) {
        SplittableRandom r = random(seed, 2);
        List<ClipPlan> clips = new ArrayList<>();
        for (int index = 0; index < TRAIN + VALID + TEST; index++) {
            String split = index < TRAIN ? "train" : index < TRAIN + VALID ? "valid" : "test";
            int count = 1 + index % 3;
            List<String> pool = new ArrayList<>(SOURCES);
            List<String> chosen = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                chosen.add(pool.remove(r.nextInt(pool.size())));
            }
            chosen.sort(null);
            clips.add(new ClipPlan(index, split, chosen, count, Seeds.chain(seed, taskName().hashCode(), index)));
        }
        return clips;
    }

    @Override
    double[] render(ClipPlan clip, long seed) {
        SplittableRandom r = new SplittableRandom(clip.seed());
        double[] mix = new double[CLIP_SAMPLES];
        for (String source : clip.labels()) {
            double[] x;
            if (Sources.TEXTURES.contains(source)) {
                x = Sources.texture(source, r, CLIP_SAMPLES);
            } else {
                x = new double[CLIP_SAMPLES];
                int strokes = 2 + r.nextInt(4);
                for (int s = 0; s < strokes; s++) {
                    int onset = Dsp.samples(Dsp.uniform(r, 0, 0.8));
                    double[] stroke = Dsp.normalizePeak(Sources.stroke(source, r, CLIP_SAMPLES - onset), 1);
                    Dsp.mixInto(x, stroke, onset, Dsp.uniform(r, 0.5, 1));
                }
            }
            double rms = Dsp.rms(x);
            Dsp.mixInto(mix, x, 0, rms == 0 ? 0 : Dsp.dbToGain(Dsp.uniform(r, -6, 6)) / rms);
        }
        mix = channel(mix, r, Dsp.uniform(r, -50, -35));
        return Dsp.normalizeRms(mix, Dsp.uniform(r, -28, -14), 0.99);
    }
}
