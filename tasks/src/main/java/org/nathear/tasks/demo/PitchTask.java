package org.nathear.tasks.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskKind;
import org.nathear.api.util.Seeds;

/**
 * {@code demo-pitch}: the pitch (MIDI 48-71, two octaves) of harmonic tones. Twelve synthetic
 * timbre families (spectral slope, odd/even balance, a formant, a weak fundamental in some,
 * stretched partials in others, plucked/sustained/swelling envelopes); each family plays every
 * pitch once, with per-clip detuning (±15 cents), vibrato, level and noise floor. Split by family:
 * 6 families train, 3 valid, 3 test, so test timbres are unseen. Labels are MIDI numbers, so
 * vocabulary index mod 12 is the chroma (C = 0).
 */
final class PitchTask extends DemoTaskGenerator {
    static final int LOWEST_MIDI = 48;
    static final int PITCHES = 24;
    static final int FAMILIES = 12;
    private static final double MAX_PARTIAL_HZ = 7200;

    @Override
    String taskName() {
        return "demo-pitch";
    }

    @Override
    TaskKind kind() {
        return TaskKind.SCENE_MULTICLASS;
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
        return List.of(Metric.PITCH_ACC, Metric.CHROMA_ACC);
    }

    @Override
    List<String> vocabulary() {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < PITCHES; i++) {
            v.add(Integer.toString(LOWEST_MIDI + i));
        }
        return v;
    }

    @Override
    String description() {
        return "Demo: pitch (MIDI 48-71) of synthetic harmonic tones; 12 timbre families, split by family "
                + "(test timbres unseen); 16 kHz, 1 s";
    }

    @Override
    List<ClipPlan> plan(long seed) {
        List<ClipPlan> clips = new ArrayList<>();
        int index = 0;
        for (int family = 0; family < FAMILIES; family++) {
            String split = family < 6 ? "train" : family < 9 ? "valid" : "test";
            for (int p = 0; p < PITCHES; p++) {
                clips.add(new ClipPlan(index, split, List.of(Integer.toString(LOWEST_MIDI + p)), family,
                        Seeds.chain(seed, taskName().hashCode(), index)));
                index++;
            }
        }
        return clips;
    }

    /** The fixed character of one timbre family. */
    private record Timbre(double slope, double evenGain, double formantHz, double formantGainDb, double formantWidthOct,
                          double fundamentalGain, double inharmonicity, int maxHarmonic, int envelope) {
    }

    private Timbre timbre(long seed, int family) {
        SplittableRandom r = random(seed, 1, family);
        double slope = Dsp.uniform(r, 0.5, 1.8);
        double evenGain = r.nextDouble() < 0.4 ? Dsp.uniform(r, 0.05, 0.4) : 1.0;
        double formantHz = Dsp.logUniform(r, 400, 3000);
        double formantGainDb = Dsp.uniform(r, 0, 15);
        double formantWidth = Dsp.uniform(r, 0.3, 1.0);
        double fundamental = r.nextDouble() < 0.25 ? Dsp.uniform(r, 0.15, 0.35) : 1.0;
        double inharmonicity = r.nextDouble() < 0.3 ? Dsp.uniform(r, 1e-4, 5e-4) : 0;
        int maxHarmonic = 6 + r.nextInt(25);
        return new Timbre(slope, evenGain, formantHz, formantGainDb, formantWidth, fundamental, inharmonicity,
                maxHarmonic, family % 3);
    }

    @Override
    double[] render(ClipPlan clip, long seed) {
        Timbre t = timbre(seed, clip.group());
        SplittableRandom r = new SplittableRandom(clip.seed());
        int midi = Integer.parseInt(clip.labels().get(0));
        double f0 = Dsp.midiToHz(midi + Dsp.uniform(r, -0.15, 0.15));
        double vibratoHz = Dsp.uniform(r, 4, 7);
        double vibratoCents = t.envelope == 0 ? Dsp.uniform(r, 0, 5) : Dsp.uniform(r, 0, 20);
        double vibratoPhase = r.nextDouble();
        int onset = Dsp.samples(Dsp.uniform(r, 0, 0.1));
        int length = Math.min(CLIP_SAMPLES - onset, Dsp.samples(Dsp.uniform(r, 0.5, 0.85)));
        double[] envelope = envelope(t.envelope, length, r);

        List<double[]> partials = new ArrayList<>(); // {ratio to f0, amplitude, start phase}
        for (int k = 1; k <= t.maxHarmonic; k++) {
            double ratio = k * StrictMath.sqrt(1 + t.inharmonicity * k * k);
            if (ratio * f0 * 1.02 > MAX_PARTIAL_HZ) {
                break;
            }
            double amp = StrictMath.pow(k, -t.slope);
            if (k % 2 == 0) {
                amp *= t.evenGain;
            }
            if (k == 1) {
                amp *= t.fundamentalGain;
            }
            double octavesFromFormant = StrictMath.log(ratio * f0 / t.formantHz) / StrictMath.log(2);
            double shape = octavesFromFormant / t.formantWidthOct;
            amp *= Dsp.dbToGain(t.formantGainDb * StrictMath.exp(-0.5 * shape * shape));
            amp *= Dsp.dbToGain(Dsp.uniform(r, -3, 3));
            partials.add(new double[] {ratio, amp, r.nextDouble()});
        }
        double[] x = new double[CLIP_SAMPLES];
        double basePhase = 0;
        double step = 0;
        for (int i = 0; i < length; i++) {
            if (i % 8 == 0) { // vibrato is slow: update the instantaneous frequency every 0.5 ms
                double time = i / (double) Dsp.RATE_HZ;
                double cents = vibratoCents * Dsp.sinCycles(vibratoHz * time + vibratoPhase);
                step = f0 * StrictMath.pow(2, cents / 1200) / Dsp.RATE_HZ;
            }
            basePhase += step;
            double v = 0;
            for (double[] p : partials) {
                v += p[1] * Dsp.sinCycles(p[0] * basePhase + p[2]);
            }
            x[onset + i] = v * envelope[i];
        }
        x = channel(x, r, Dsp.uniform(r, -45, -30));
        return Dsp.normalizePeak(x, Dsp.uniform(r, 0.25, 0.9));
    }

    /** 0: plucked (fast attack, exponential decay); 1: sustained; 2: swelling (slow attack). */
    private static double[] envelope(int kind, int length, SplittableRandom r) {
        double[] e = new double[length];
        int attack;
        double decayTau;
        double sustain;
        if (kind == 0) {
            attack = Dsp.samples(Dsp.uniform(r, 0.002, 0.01));
            decayTau = Dsp.uniform(r, 0.12, 0.5);
            sustain = 0;
        } else if (kind == 1) {
            attack = Dsp.samples(Dsp.uniform(r, 0.03, 0.15));
            decayTau = 0.08;
            sustain = Dsp.uniform(r, 0.5, 0.9);
        } else {
            attack = Dsp.samples(Dsp.uniform(r, 0.2, 0.4));
            decayTau = 0.2;
            sustain = Dsp.uniform(r, 0.7, 1.0);
        }
        int release = Math.min(length / 4, Dsp.samples(Dsp.uniform(r, 0.03, 0.12)));
        for (int i = 0; i < length; i++) {
            double v;
            if (i < attack) {
                v = i / (double) attack;
            } else {
                double t = (i - attack) / (double) Dsp.RATE_HZ;
                v = sustain + (1 - sustain) * StrictMath.exp(-t / decayTau);
            }
            int fromEnd = length - 1 - i;
            if (fromEnd < release) {
                v *= fromEnd / (double) release;
            }
            e[i] = v;
        }
        return e;
    }
}
