package org.nathear.gram.train;

import java.util.SplittableRandom;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.gram.GramVariant;
import org.nathear.gram.frontend.AmbisonicsLayout;

/**
 * GRAM's online scene mixing: from a mono source clip to the variant's audio channels.
 *
 * <ul>
 *   <li>Source and noise are RMS-normalised to −14 dBFS (as the reference does with AudioSet and
 *       WHAM!).</li>
 *   <li>A naturalistic scene: the renderer spatialises both; the noise gets one gain for all
 *       channels so that the scene's SNR (source energy over noise energy, summed over channels and
 *       taken over the samples where the rendered noise is active, i.e. non-zero in some channel:
 *       the placed noise clip(s) with their reverberation tails) is drawn uniformly from [{@code snrMinDb}, {@code snrMaxDb}] (the reference's "SNR
 *       fix", which keeps interaural level differences; the Nat-HEAR simulator measures the SNR of
 *       evaluation scenes over the noise-active samples the same way). A noise clip shorter than
 *       the source (a {@code --noise} folder) is placed at a random offset, so this differs from
 *       the whole-clip SNR; generated noise covers the whole clip.</li>
 *   <li>A dry scene (the clean ratio λ, per batch): the mono source copied to every channel, as the
 *       reference does (for Ambisonics to all four channels of GRAM's layout).</li>
 *   <li>FOA scenes are converted from ACN/SN3D to GRAM's layout ({@link AmbisonicsLayout}).</li>
 * </ul>
 * GRAM-Clean ({@link GramVariant#CLEAN}) is always dry and mono.
 */
public final class SceneMixer {
    /** RMS level both signals are normalised to. */
    public static final double TARGET_DBFS = -14.0;

    private final GramVariant variant;
    private final SceneRenderer renderer;
    private final NoiseSource noise;
    private final double snrMinDb;
    private final double snrMaxDb;
    private final int sampleRateHz;

    public SceneMixer(GramVariant variant, SceneRenderer renderer, NoiseSource noise, double snrMinDb, double snrMaxDb,
                      int sampleRateHz) {
        if (variant != GramVariant.CLEAN) {
            if (renderer == null || renderer.layout() != variant.layout()) {
                throw new ConfigurationException("GRAM-" + variant.id() + " needs a " + variant.layout() + " scene renderer; got "
                        + (renderer == null ? "none" : renderer.layout()));
            }
        }
        if (!(snrMinDb <= snrMaxDb)) {
            throw new ConfigurationException("SNR range must satisfy min <= max; got " + snrMinDb + ".." + snrMaxDb + " dB");
        }
        this.variant = variant;
        this.renderer = renderer;
        this.noise = noise;
        this.snrMinDb = snrMinDb;
        this.snrMaxDb = snrMaxDb;
        this.sampleRateHz = sampleRateHz;
    }

    public String description() {
        return variant == GramVariant.CLEAN ? "dry mono" : renderer.description() + "; " + noise.description() + "; SNR "
                + snrMinDb + ".." + snrMaxDb + " dB";
    }

    /** The variant's audio channels (GRAM layout) for a source; {@code dry} skips room and noise. */
    public float[][] mix(float[] source, boolean dry, long seed) {
        return mix(source, dry, seed, 0);
    }

    /** As {@link #mix(float[], boolean, long)} for a clip of 0-based optimiser step {@code step}. */
    public float[][] mix(float[] source, boolean dry, long seed, long step) {
        float[] s = normalise(source, "source");
        int channels = variant.audioChannels();
        if (dry || variant == GramVariant.CLEAN) {
            float[][] out = new float[channels][];
            for (int c = 0; c < channels; c++) {
                out[c] = s; // one shared, read-only array: the front end computes it once
            }
            return out;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] n = noise.noise(s.length, sampleRateHz, rng.nextLong());
        n = energy(n) > 0 ? normalise(n, "noise") : n;
        SceneRenderer.SpatialScene scene = renderer.render(s, n, sampleRateHz, rng.nextLong(), step);
        double snrDb = snrMinDb + (snrMaxDb - snrMinDb) * rng.nextDouble();
        boolean[] active = new boolean[s.length];
        for (float[] channel : scene.noise()) {
            for (int i = 0; i < active.length; i++) {
                active[i] |= channel[i] != 0f;
            }
        }
        double es = 0;
        double en = 0;
        for (int c = 0; c < scene.source().length; c++) {
            es += energy(scene.source()[c], active);
            en += energy(scene.noise()[c], active);
        }
        double gain = en > 0 ? Math.sqrt(es / (en * Math.pow(10, snrDb / 10))) : 0;
        float[][] mixed = new float[scene.source().length][s.length];
        for (int c = 0; c < mixed.length; c++) {
            float[] a = scene.source()[c];
            float[] b = scene.noise()[c];
            for (int i = 0; i < s.length; i++) {
                mixed[c][i] = (float) (a[i] + gain * b[i]);
            }
        }
        return renderer.layout() == ChannelLayout.FOA ? AmbisonicsLayout.toGram(mixed) : mixed;
    }

    /** Sum of squares. */
    static double energy(float[] x) {
        double e = 0;
        for (float v : x) {
            e += (double) v * v;
        }
        return e;
    }

    /** Sum of squares where {@code mask} is set. */
    static double energy(float[] x, boolean[] mask) {
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            if (mask[i]) {
                e += (double) x[i] * x[i];
            }
        }
        return e;
    }

    /** RMS-normalises to {@value #TARGET_DBFS} dBFS; a silent signal is an error. */
    static float[] normalise(float[] x, String what) {
        double e = energy(x);
        if (!(e > 0)) {
            throw new AudioFormatException("Cannot mix a scene from a silent " + what + " (" + x.length
                    + " samples, all zero): its level cannot be normalised");
        }
        double rms = Math.sqrt(e / x.length);
        double g = Math.pow(10, TARGET_DBFS / 20) / rms;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * g);
        }
        return out;
    }
}
