package org.nathear.tasks.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The sound sources of the demo suite: stationary textures and percussive strokes. Every call
 * draws its own variation (levels, pitches, decays, rates) from the random stream it is given.
 * Outputs are unnormalised.
 */
final class Sources {
    static final List<String> TEXTURES = List.of("brown", "crackle", "hum", "pink", "rain", "white", "wind");
    static final List<String> STROKES = List.of("clap", "hihat", "kick", "rimshot", "snare", "tom");

    private Sources() {
    }

    /** A texture filling {@code n} samples. */
    static double[] texture(String name, SplittableRandom r, int n) {
        return switch (name) {
            case "white" -> Dsp.white(r, n);
            case "pink" -> Dsp.pink(r, n);
            case "brown" -> Dsp.brown(r, n);
            case "crackle" -> crackle(r, n);
            case "rain" -> rain(r, n);
            case "hum" -> hum(r, n);
            case "wind" -> wind(r, n);
            default -> throw new IllegalArgumentException("unknown texture " + name);
        };
    }

    /** Sparse clicks (a few to a few dozen per second) of random level over a faint bed. */
    private static double[] crackle(SplittableRandom r, int n) {
        double[] x = Dsp.scale(Dsp.pink(r, n), 0.01);
        double rate = Dsp.logUniform(r, 8, 40);
        double t = -StrictMath.log(1 - r.nextDouble()) / rate;
        while (t < n / (double) Dsp.RATE_HZ) {
            int len = Math.max(4, Dsp.samples(Dsp.uniform(r, 0.0005, 0.003)));
            double[] click = Dsp.times(Dsp.white(r, len), Dsp.decay(len, len / 3.0 / Dsp.RATE_HZ));
            Dsp.mixInto(x, click, Dsp.samples(t), Dsp.logUniform(r, 0.1, 1));
            t += -StrictMath.log(1 - r.nextDouble()) / rate;
        }
        return x;
    }

    /** Dense drops: hundreds of short damped sinusoids per second over a pink bed. */
    private static double[] rain(SplittableRandom r, int n) {
        double[] x = Dsp.scale(Dsp.pink(r, n), Dsp.uniform(r, 0.02, 0.08));
        double rate = Dsp.logUniform(r, 300, 1500);
        double lowHz = Dsp.uniform(r, 1200, 2500);
        double t = -StrictMath.log(1 - r.nextDouble()) / rate;
        while (t < n / (double) Dsp.RATE_HZ) {
            double f = Dsp.logUniform(r, lowHz, 6500);
            double tau = Dsp.uniform(r, 0.002, 0.008);
            int len = Dsp.samples(tau * 5);
            double[] drop = new double[len];
            double k = StrictMath.exp(-1.0 / (tau * Dsp.RATE_HZ));
            double env = 1;
            for (int i = 0; i < len; i++) {
                drop[i] = env * Dsp.sinCycles(f * i / Dsp.RATE_HZ);
                env *= k;
            }
            Dsp.mixInto(x, drop, Dsp.samples(t), Dsp.logUniform(r, 0.03, 0.3));
            t += -StrictMath.log(1 - r.nextDouble()) / rate;
        }
        return x;
    }

    /** A low harmonic drone (45-125 Hz) with a slow wobble, plus broadband noise. */
    private static double[] hum(SplittableRandom r, int n) {
        double f0 = Dsp.logUniform(r, 45, 125);
        int harmonics = 3 + r.nextInt(8);
        double slope = Dsp.uniform(r, 0.4, 1.5);
        double[] amps = new double[harmonics + 1];
        double[] phases = new double[harmonics + 1];
        for (int k = 1; k <= harmonics; k++) {
            amps[k] = StrictMath.pow(k, -slope) * Dsp.dbToGain(Dsp.uniform(r, -6, 6));
            phases[k] = r.nextDouble();
        }
        double wobbleHz = Dsp.uniform(r, 0.2, 2);
        double wobbleDepth = Dsp.uniform(r, 0, 0.25);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) Dsp.RATE_HZ;
            double v = 0;
            for (int k = 1; k <= harmonics; k++) {
                v += amps[k] * Dsp.sinCycles(k * f0 * t + phases[k]);
            }
            x[i] = v * (1 + wobbleDepth * Dsp.sinCycles(wobbleHz * t));
        }
        double[] noise = Dsp.white(r, n);
        Dsp.mixInto(x, noise, 0, Dsp.rms(x) * Dsp.dbToGain(Dsp.uniform(r, -30, -15)));
        return x;
    }

    /** Noise through a band-pass whose centre drifts slowly, with gusts. */
    private static double[] wind(SplittableRandom r, int n) {
        double centre = Dsp.logUniform(r, 250, 1200);
        double depthOct = Dsp.uniform(r, 0.3, 1.0);
        double rateHz = Dsp.uniform(r, 0.2, 1.0);
        double phase = r.nextDouble();
        double gustHz = Dsp.uniform(r, 0.3, 1.5);
        double gustPhase = r.nextDouble();
        double gustDepth = Dsp.uniform(r, 0.2, 0.6);
        double q = Dsp.uniform(r, 0.7, 3);
        double[] x = Dsp.sweptBandPass(Dsp.white(r, n),
                t -> centre * StrictMath.pow(2, depthOct * Dsp.sinCycles(rateHz * t + phase)), q);
        for (int i = 0; i < n; i++) {
            double t = i / (double) Dsp.RATE_HZ;
            x[i] *= 1 + gustDepth * Dsp.sinCycles(gustHz * t + gustPhase);
        }
        return x;
    }

    /** One percussive stroke, as long as it rings (at most {@code maxSamples}). */
    static double[] stroke(String name, SplittableRandom r, int maxSamples) {
        double[] x = switch (name) {
            case "kick" -> kick(r);
            case "snare" -> snare(r);
            case "hihat" -> hihat(r);
            case "tom" -> tom(r);
            case "clap" -> clap(r);
            case "rimshot" -> rimshot(r);
            default -> throw new IllegalArgumentException("unknown stroke " + name);
        };
        if (x.length > maxSamples) {
            double[] cut = new double[maxSamples];
            System.arraycopy(x, 0, cut, 0, maxSamples);
            return cut;
        }
        return x;
    }

    /** A sine whose frequency falls from {@code startHz} towards {@code endHz} with time constant {@code sweepTau}. */
    private static double[] sweptSine(double startHz, double endHz, double sweepTau, double ampTau, int n) {
        double[] x = new double[n];
        double phase = 0;
        double ampK = StrictMath.exp(-1.0 / (ampTau * Dsp.RATE_HZ));
        double sweepK = StrictMath.exp(-1.0 / (sweepTau * Dsp.RATE_HZ));
        double sweep = 1;
        double amp = 1;
        for (int i = 0; i < n; i++) {
            x[i] = amp * Dsp.sinCycles(phase);
            phase += (endHz + (startHz - endHz) * sweep) / Dsp.RATE_HZ;
            sweep *= sweepK;
            amp *= ampK;
        }
        return x;
    }

    private static double[] noiseBurst(SplittableRandom r, double tau, int n) {
        return Dsp.times(Dsp.white(r, n), Dsp.decay(n, tau));
    }

    private static double[] kick(SplittableRandom r) {
        double end = Dsp.logUniform(r, 40, 70);
        double ampTau = Dsp.uniform(r, 0.08, 0.3);
        int n = Dsp.samples(ampTau * 6);
        double[] x = sweptSine(end * Dsp.uniform(r, 2.5, 5), end, Dsp.uniform(r, 0.015, 0.05), ampTau, n);
        Dsp.mixInto(x, noiseBurst(r, 0.0015, Dsp.samples(0.006)), 0, Dsp.uniform(r, 0.1, 0.5));
        return x;
    }

    private static double[] snare(SplittableRandom r) {
        double noiseTau = Dsp.uniform(r, 0.06, 0.2);
        int n = Dsp.samples(noiseTau * 6);
        double f = Dsp.uniform(r, 150, 260);
        double toneTau = Dsp.uniform(r, 0.04, 0.12);
        double[] x = Dsp.scale(sweptSine(f * 1.2, f, 0.01, toneTau, n), Dsp.uniform(r, 0.3, 0.8));
        Dsp.mixInto(x, sweptSine(f * Dsp.uniform(r, 1.5, 1.8), f * 1.6, 0.01, toneTau * 0.7, n), 0, 0.2);
        double[] noise = Dsp.highPass(noiseBurst(r, noiseTau, n), Dsp.uniform(r, 1000, 3000), 0.707);
        Dsp.mixInto(x, noise, 0, 1.5);
        return x;
    }

    private static double[] hihat(SplittableRandom r) {
        boolean open = r.nextDouble() < 0.3;
        double tau = open ? Dsp.uniform(r, 0.12, 0.3) : Dsp.uniform(r, 0.015, 0.06);
        int n = Dsp.samples(tau * 6);
        double[] metal = new double[n];
        double base = Dsp.uniform(r, 0.9, 1.3);
        double[] ratios = {205.3, 304.4, 369.6, 522.7, 540.0, 800.0};
        for (double ratio : ratios) {
            double f = ratio * base * 2;
            double ph = r.nextDouble();
            for (int i = 0; i < n; i++) {
                metal[i] += Dsp.sinCycles(f * i / Dsp.RATE_HZ + ph) >= 0 ? 1 : -1;
            }
        }
        double[] noise = Dsp.white(r, n);
        double mixMetal = Dsp.uniform(r, 0.1, 0.5);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mixMetal * metal[i] / 6 + noise[i];
        }
        x = Dsp.highPass(Dsp.highPass(x, Dsp.uniform(r, 5000, 6500), 0.707), 4000, 0.707);
        return Dsp.times(x, Dsp.decay(n, tau));
    }

    private static double[] tom(SplittableRandom r) {
        double f = Dsp.logUniform(r, 80, 250);
        double ampTau = Dsp.uniform(r, 0.15, 0.45);
        int n = Dsp.samples(ampTau * 6);
        double[] x = sweptSine(f * Dsp.uniform(r, 1.1, 1.4), f, Dsp.uniform(r, 0.02, 0.06), ampTau, n);
        Dsp.mixInto(x, sweptSine(f * 1.5 * 1.2, f * 1.5, 0.03, ampTau * 0.5, n), 0, Dsp.uniform(r, 0.1, 0.4));
        Dsp.mixInto(x, Dsp.lowPass(noiseBurst(r, 0.005, Dsp.samples(0.02)), 2000, 0.707), 0, Dsp.uniform(r, 0.1, 0.4));
        return x;
    }

    private static double[] clap(SplittableRandom r) {
        double centre = Dsp.uniform(r, 900, 2000);
        double q = Dsp.uniform(r, 1, 3);
        int bursts = 3 + r.nextInt(3);
        double spacing = Dsp.uniform(r, 0.006, 0.015);
        double tailTau = Dsp.uniform(r, 0.06, 0.2);
        int n = Dsp.samples(bursts * spacing + tailTau * 6);
        double[] x = new double[n];
        for (int b = 0; b < bursts; b++) {
            double[] burst = noiseBurst(r, Dsp.uniform(r, 0.003, 0.006), Dsp.samples(0.03));
            Dsp.mixInto(x, burst, Dsp.samples(b * spacing), Dsp.uniform(r, 0.6, 1.0));
        }
        int tailStart = Dsp.samples(bursts * spacing);
        Dsp.mixInto(x, noiseBurst(r, tailTau, n - tailStart), tailStart, Dsp.uniform(r, 0.3, 0.7));
        return Dsp.bandPass(x, centre, q);
    }

    private static double[] rimshot(SplittableRandom r) {
        double tau = Dsp.uniform(r, 0.01, 0.04);
        int n = Dsp.samples(Math.max(0.1, tau * 6));
        double f = Dsp.uniform(r, 400, 600);
        double[] x = sweptSine(f, f, 1, tau, n);
        Dsp.mixInto(x, sweptSine(f * Dsp.uniform(r, 1.4, 1.9), f * 1.6, 1, tau * 0.8, n), 0, Dsp.uniform(r, 0.3, 0.7));
        Dsp.mixInto(x, noiseBurst(r, 0.0008, Dsp.samples(0.004)), 0, Dsp.uniform(r, 0.5, 1.0));
        double[] ring = Dsp.bandPass(noiseBurst(r, Dsp.uniform(r, 0.01, 0.025), n), Dsp.uniform(r, 1500, 3000), 2);
        Dsp.mixInto(x, ring, 0, Dsp.uniform(r, 0.5, 1.5));
        return x;
    }
}
