package org.nathear.tasks.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code demo-textures}: seven stationary textures (white, pink and brown noise, crackle, rain,
 * hum, wind), 40 clips each, 8 per class in each of 5 folds. Each clip has a quieter texture of
 * another class underneath (8-20 dB down) and a random spectral tilt (a ±6 dB low shelf); level
 * (RMS -32 to -14 dBFS), the "microphone" low-pass and every source parameter vary per clip.
 */
final class TexturesTask extends KFoldClassTask {
    @Override
    String taskName() {
        return "demo-textures";
    }

    @Override
    int clipsPerClassPerFold() {
        return 8;
    }

    @Override
    List<String> vocabulary() {
        return Sources.TEXTURES;
    }

    @Override
    String description() {
        return "Demo: 7 sound textures (white/pink/brown noise, crackle, rain, hum, wind); 5 folds; 16 kHz, 1 s";
    }

    @Override
    double[] render(ClipPlan clip, long seed) {
        SplittableRandom r = new SplittableRandom(clip.seed());
        String label = clip.labels().get(0);
        double[] x = Sources.texture(label, r, CLIP_SAMPLES);
        // a quieter texture of another class underneath, and a random tilt of the spectrum
        List<String> others = new java.util.ArrayList<>(Sources.TEXTURES);
        others.remove(label);
        double[] under = Sources.texture(others.get(r.nextInt(others.size())), r, CLIP_SAMPLES);
        Dsp.mixInto(x, under, 0, Dsp.rms(x) / Math.max(1e-12, Dsp.rms(under)) * Dsp.dbToGain(Dsp.uniform(r, -20, -8)));
        x = Dsp.lowShelf(x, Dsp.logUniform(r, 300, 3000), Dsp.uniform(r, -6, 6));
        x = channel(x, r, Dsp.uniform(r, -50, -35));
        return Dsp.normalizeRms(x, Dsp.uniform(r, -32, -14), 0.99);
    }
}
