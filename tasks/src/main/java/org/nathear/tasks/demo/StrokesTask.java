package org.nathear.tasks.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code demo-strokes}: six percussive strokes (clap, hihat, kick, rimshot, snare, tom), 45 clips
 * each, 9 per class in each of 5 folds, over a background texture 10-25 dB down. Onset (0-300 ms),
 * pitch, decay, spectral tilt, level and noise floor vary per clip.
 */
final class StrokesTask extends KFoldClassTask {
    @Override
    String taskName() {
        return "demo-strokes";
    }

    @Override
    int clipsPerClassPerFold() {
        return 9;
    }

    @Override
    List<String> vocabulary() {
        return Sources.STROKES;
    }

    @Override
    String description() {
        return "Demo: 6 percussive strokes (clap, hihat, kick, rimshot, snare, tom) at random onsets; 5 folds; 16 kHz, 1 s";
    }

    @Override
    double[] render(ClipPlan clip, long seed) {
        SplittableRandom r = new SplittableRandom(clip.seed());
        int onset = Dsp.samples(Dsp.uniform(r, 0, 0.3));
        double[] x = new double[CLIP_SAMPLES];
        Dsp.mixInto(x, Sources.stroke(clip.labels().get(0), r, CLIP_SAMPLES - onset), onset, 1);
        // a background texture 10-25 dB below the stroke's RMS, and a random spectral tilt
        double[] background = Sources.texture(Sources.TEXTURES.get(r.nextInt(Sources.TEXTURES.size())), r, CLIP_SAMPLES);
        Dsp.mixInto(x, background, 0,
                Dsp.rms(x) / Math.max(1e-12, Dsp.rms(background)) * Dsp.dbToGain(Dsp.uniform(r, -25, -10)));
        x = Dsp.lowShelf(x, Dsp.logUniform(r, 300, 3000), Dsp.uniform(r, -6, 6));
        x = channel(Dsp.normalizePeak(x, 1), r, Dsp.uniform(r, -45, -30));
        return Dsp.normalizePeak(x, Dsp.uniform(r, 0.3, 0.95));
    }
}
