package org.nathear.tasks.spatial.noise;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded noise textures, 10 s each, for scenes when no noise folder is given: {@code pink} (1/f),
 * {@code brown} (1/f²), {@code hum} (mains hum at 50 or 60 Hz with harmonics over pink noise),
 * {@code wind} (low-passed noise with slow gusts), {@code rain} (dense random clicks over pink
 * noise) and {@code babble} (noise with speech-like 4 Hz amplitude modulation, band-limited to
 * 300-3400 Hz). Every texture is scaled to an RMS of 0.1 before trimming and fades. These are
 * synthetic stand-ins for recorded noise, named as such in every scene record.
 */
public final class GeneratedNoiseBank implements NoiseBank {
    /** The textures, in draw order. */
    public static final List<String> TEXTURES = List.of("pink", "brown", "hum", "wind", "rain", "babble");

    @Override
    public NoiseClip draw(SplittableRandom random, int sampleRateHz) {
        String name = TEXTURES.get(random.nextInt(TEXTURES.size()));
        int n = (int) Math.round(NoiseClips.MAX_SECONDS * sampleRateHz);
        double[] x = switch (name) {
            case "pink" -> pink(random, n);
            case "brown" -> brown(random, n);
            case "hum" -> hum(random, n, sampleRateHz);
            case "wind" -> wind(random, n, sampleRateHz);
            case "rain" -> rain(random, n, sampleRateHz);
            case "babble" -> babble(random, n, sampleRateHz);
            default -> throw new IllegalStateException(name);
        };
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double gain = ss > 0 ? 0.1 / Math.sqrt(ss / n) : 0;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (x[i] * gain);
        }
        return new NoiseClip("generated:" + name, NoiseClips.trimAndFade(out, sampleRateHz, random));
    }

    @Override
    public String description() {
        return "generated textures " + TEXTURES;
    }

    private static double gaussian(SplittableRandom r) {
        return r.nextGaussian();
    }

    /** Pink noise: white noise through Kellet's economy 1/f filter (3 poles). */
    private static double[] pink(SplittableRandom r, int n) {
        double[] out = new double[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = gaussian(r);
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            out[i] = b0 + b1 + b2 + w * 0.1848;
        }
        return out;
    }

    /** Brown noise: leaky integral of white noise. */
    private static double[] brown(SplittableRandom r, int n) {
        double[] out = new double[n];
        double y = 0;
        for (int i = 0; i < n; i++) {
            y = 0.995 * y + gaussian(r);
            out[i] = y;
        }
        return out;
    }

    private static double[] hum(SplittableRandom r, int n, int fs) {
        double mains = r.nextBoolean() ? 50 : 60;
        double[] out = pink(r, n);
        for (int i = 0; i < n; i++) {
            out[i] *= 0.3;
        }
        double[] amp = {1.0, 0.6, 0.4, 0.25, 0.15};
        for (int h = 0; h < amp.length; h++) {
            double f = mains * (h + 1);
            if (f >= fs / 2.0) {
                break;
            }
            double phase = r.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < n; i++) {
                out[i] += 3 * amp[h] * Math.sin(2 * Math.PI * f * i / fs + phase);
            }
        }
        return out;
    }

    private static double[] wind(SplittableRandom r, int n, int fs) {
        double[] out = new double[n];
        double cutoff = 300 + 500 * r.nextDouble();
        double a = Math.exp(-2 * Math.PI * cutoff / fs);
        double y = 0;
        double gust = 0;
        double gustA = Math.exp(-2 * Math.PI * 0.5 / fs);
        for (int i = 0; i < n; i++) {
            y = a * y + (1 - a) * gaussian(r);
            gust = gustA * gust + (1 - gustA) * gaussian(r) * 40;
            out[i] = y * (1 + Math.abs(gust));
        }
        return out;
    }

    private static double[] rain(SplittableRandom r, int n, int fs) {
        double[] out = pink(r, n);
        for (int i = 0; i < n; i++) {
            out[i] *= 0.2;
        }
        double rate = 300 + 700 * r.nextDouble(); // drops per second
        double p = rate / fs;
        double decay = Math.exp(-1.0 / (0.002 * fs));
        double env = 0;
        double sign = 1;
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < p) {
                env = 0.5 + r.nextDouble();
                sign = r.nextBoolean() ? 1 : -1;
            }
            out[i] += sign * env * gaussian(r);
            env *= decay;
        }
        return out;
    }

    private static double[] babble(SplittableRandom r, int n, int fs) {
        double[] out = new double[n];
        double hp = Math.exp(-2 * Math.PI * 300.0 / fs);
        double lp = Math.exp(-2 * Math.PI * Math.min(3400.0, 0.45 * fs) / fs);
        double low = 0;
        double y = 0;
        double[] phases = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
        double[] rates = {3 + 2 * r.nextDouble(), 3 + 2 * r.nextDouble(), 3 + 2 * r.nextDouble()};
        for (int i = 0; i < n; i++) {
            double w = gaussian(r);
            low = hp * low + (1 - hp) * w;
            double band = w - low;
            y = lp * y + (1 - lp) * band;
            double t = i / (double) fs;
            double mod = 0;
            for (int k = 0; k < 3; k++) {
                mod += Math.max(0, Math.sin(2 * Math.PI * (rates[k] * t + phases[k])));
            }
            out[i] = y * mod;
        }
        return out;
    }
}
