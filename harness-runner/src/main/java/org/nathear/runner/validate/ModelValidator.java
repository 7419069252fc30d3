package org.nathear.runner.validate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOutputRules;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.util.Seeds;
import org.nathear.runner.eval.ChannelAdapter;
import org.nathear.runner.eval.GuardedModel;
import org.nathear.runner.eval.ModelCalls;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;

/**
 * Checks a model against the HEAR API's promises and nathear's, on generated clips, the way
 * hear-validator does for mono models and further for spatial ones:
 *
 * <ul>
 *   <li>descriptor: a sample rate HEAR accepts, a timestamp hop of at most 50 ms, a hop that is a
 *       whole number of samples (warnings);</li>
 *   <li>per accepted layout, on seeded white noise of hear-validator's lengths: scene and timestamp
 *       embeddings of the declared sizes, finite, timestamps within the clip and at the declared hop
 *       (1 ms deviation at most), first timestamp within one hop of the start and last within one hop
 *       of the end; the same call twice gives bit-identical output; a clip alone and in a batch
 *       embed alike; noise and a tone embed differently; silence gives finite values; a 0.25 s clip
 *       works;</li>
 *   <li>spatial layouts: a source on the left and its mirror image on the right must not embed
 *       identically (warning), and how each task layout would reach the model (channel rules);</li>
 *   <li>the real-time factor of scene and timestamp calls, and peak memory.</li>
 * </ul>
 * Every call runs under a time limit; a model that throws or hangs fails the check, not the tool.
 */
public final class ModelValidator {
    /** hear-validator's clip lengths (timestamp tests use 1.07, 1.98, 4.0 s; the scene test 2.74 s). */
    public static final List<Double> HEAR_CLIP_SECONDS = List.of(1.07, 1.98, 2.74, 4.0);
    /** Sample rates HEAR's evaluation kit accepts; nathear resamples to any rate. */
    public static final Set<Integer> HEAR_SAMPLE_RATES = Set.of(16000, 22050, 32000, 44100, 48000);
    /** HEAR suggests a timestamp hop of at most 50 ms (MAESTRO's onset tolerance). */
    public static final double SUGGESTED_MAX_HOP_MILLIS = 50;
    /** A clip alone and in a batch may differ by this much (relative to the largest value) before it is an error. */
    public static final double BATCH_TOLERANCE = 1e-4;
    static final double SHORT_CLIP_SECONDS = 0.25;

    /**
     * How to validate.
     *
     * @param seed         seed of the generated clips
     * @param clipSeconds  lengths of the noise clips
     * @param callTimeout  limit per model call (and for opening); {@code null} or zero for none
     */
    public record Settings(long seed, List<Double> clipSeconds, Duration callTimeout) {
        public Settings {
            clipSeconds = List.copyOf(clipSeconds);
            if (clipSeconds.isEmpty()) {
                throw new org.nathear.api.ConfigurationException("validate-model needs at least one clip length");
            }
        }
    }

    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Double> measurements = new LinkedHashMap<>();

    private void add(Finding.Severity severity, String check, String message) {
        findings.add(new Finding(severity, check, message));
    }

    /** Validates one model; never throws for the model's faults (they become findings). */
    public static ValidationReport validate(ModelEntry entry, ModelOptions options, Settings settings) {
        return new ModelValidator().run(entry, options, settings);
    }

    private ValidationReport run(ModelEntry entry, ModelOptions options, Settings settings) {
        ModelPlugin plugin = entry.plugin();
        ModelDescriptor d = plugin.descriptor();
        Map<String, String> settingsOut = new LinkedHashMap<>();
        settingsOut.put("descriptor", String.format(Locale.ROOT, "%d Hz, layouts %s, scene %d, timestamp %d every %s ms",
                d.sampleRateHz(), sorted(d.acceptedLayouts()), d.sceneEmbeddingSize(), d.timestampEmbeddingSize(),
                number(d.timestampHopMillis())));
        settingsOut.put("options", options.canonical());
        settingsOut.put("clips", "seeded white noise (seed " + settings.seed() + ") of " + settings.clipSeconds() + " s per layout");
        settingsOut.put("call timeout", settings.callTimeout() == null || settings.callTimeout().isZero() ? "none"
                : ModelCalls.human(settings.callTimeout()));
        if (entry.isBroken()) {
            add(Finding.Severity.FAIL, "descriptor", entry.error());
            return report(entry, d, settingsOut);
        }
        checkDescriptor(d);
        checkLayoutRules(d);
        try {
            options.requireKnown(d.id(), plugin.optionNames());
        } catch (HarnessException e) {
            add(Finding.Severity.FAIL, "options", e.getMessage());
            return report(entry, d, settingsOut);
        }
        try {
            String weights = plugin.weightsSha256(options);
            add(Finding.Severity.PASS, "weights", (weights.matches("[0-9a-f]{64}") ? "sha256 " : "identified as ") + weights);
        } catch (RuntimeException e) {
            add(Finding.Severity.FAIL, "weights", "weightsSha256() threw " + message(e));
        }
        boolean residentReset = ProcessMemory.reset();
        String name = "model '" + d.id() + "'";
        try (ModelCalls calls = new ModelCalls("nathear-validate-" + d.id(), settings.callTimeout())) {
            long start = System.nanoTime();
            OpenedModel model;
            try {
                model = calls.run(name + " open()", () -> plugin.open(options));
            } catch (ModelException e) {
                add(Finding.Severity.FAIL, "open", e.getMessage());
                return report(entry, d, settingsOut);
            }
            double openSeconds = (System.nanoTime() - start) / 1e9;
            measurements.put("openSeconds", openSeconds);
            add(Finding.Severity.PASS, "open", String.format(Locale.ROOT, "opened in %.2f s", openSeconds));
            try {
                java.util.OptionalLong parameters = model.parameterCount();
                if (parameters.isPresent()) {
                    measurements.put("parameters", (double) parameters.getAsLong());
                    add(Finding.Severity.INFO, "parameters", String.format(Locale.ROOT, "%,d parameters", parameters.getAsLong()));
                } else {
                    add(Finding.Severity.INFO, "parameters", "not reported by the model (OpenedModel.parameterCount); leaderboards "
                            + "show '-' for it");
                }
            } catch (RuntimeException e) {
                add(Finding.Severity.WARN, "parameters", "parameterCount() threw " + message(e));
            }
            try {
                for (ChannelLayout layout : sorted(d.acceptedLayouts())) {
                    if (!calls.isAbandoned()) {
                        new LayoutChecks(model, d, layout, calls, settings).run();
                    }
                }
                if (calls.isAbandoned()) {
                    add(Finding.Severity.FAIL, "remaining", "checks skipped: the model did not return from a call within the limit");
                }
            } finally {
                if (!calls.isAbandoned()) {
                    try {
                        calls.run(name + " close()", () -> {
                            model.close();
                            return null;
                        });
                    } catch (ModelException e) {
                        add(Finding.Severity.FAIL, "close", e.getMessage());
                    }
                }
            }
        }
        double heapMiB = ProcessMemory.peakHeapBytes() / 1048576.0;
        long resident = ProcessMemory.peakResidentBytes();
        measurements.put("peakHeapMiB", heapMiB);
        StringBuilder memory = new StringBuilder(String.format(Locale.ROOT, "peak Java heap %.0f MiB (sum of pool peaks)", heapMiB));
        if (resident > 0) {
            measurements.put("peakResidentMiB", resident / 1048576.0);
            memory.append(String.format(Locale.ROOT, "; peak resident memory of the process %.0f MiB (%s, includes native memory)",
                    resident / 1048576.0, residentReset ? "since the model was opened" : "since the JVM started"));
        }
        add(Finding.Severity.INFO, "memory", memory.toString());
        return report(entry, d, settingsOut);
    }

    private ValidationReport report(ModelEntry entry, ModelDescriptor d, Map<String, String> settings) {
        return new ValidationReport(d.id(), d.version(), entry.origin(), settings, findings, measurements);
    }

    private void checkDescriptor(ModelDescriptor d) {
        if (HEAR_SAMPLE_RATES.contains(d.sampleRateHz())) {
            add(Finding.Severity.PASS, "sample rate", d.sampleRateHz() + " Hz is one HEAR's evaluation kit accepts");
        } else {
            add(Finding.Severity.WARN, "sample rate", d.sampleRateHz() + " Hz is not one of HEAR's " + new TreeSet<>(HEAR_SAMPLE_RATES)
                    + "; nathear resamples every task to it, other harnesses may not");
        }
        double hop = d.timestampHopMillis();
        if (hop > SUGGESTED_MAX_HOP_MILLIS) {
            add(Finding.Severity.WARN, "timestamp hop", number(hop) + " ms is above the 50 ms HEAR suggests (onset tolerance of"
                    + " event tasks such as MAESTRO is 50 ms)");
        } else {
            add(Finding.Severity.PASS, "timestamp hop", number(hop) + " ms (at most 50 ms)");
        }
        double hopSamples = hop * d.sampleRateHz() / 1000.0;
        if (Math.abs(hopSamples - Math.rint(hopSamples)) > 1e-6) {
            add(Finding.Severity.WARN, "hop in samples", String.format(Locale.ROOT, "%s ms is %.4f samples at %d Hz, not a whole"
                    + " number: frame positions rounded to samples drift from k * hop", number(hop), hopSamples, d.sampleRateHz()));
        }
    }

    private void checkLayoutRules(ModelDescriptor d) {
        List<String> rules = new ArrayList<>();
        for (ChannelLayout layout : ChannelLayout.values()) {
            String rule;
            try {
                rule = ChannelAdapter.choose(layout, d).rule();
            } catch (HarnessException e) {
                rule = "no rule: tasks in this layout cannot run";
            }
            rules.add(layout + " tasks: " + rule);
        }
        add(Finding.Severity.INFO, "layouts", "accepts " + sorted(d.acceptedLayouts()) + "; " + String.join("; ", rules));
    }

    /** The checks of one accepted layout. */
    private final class LayoutChecks {
        private final OpenedModel model;
        private final ModelDescriptor d;
        private final ChannelLayout layout;
        private final ModelCalls calls;
        private final Settings settings;
        private final String tag;
        private int callCount;

        LayoutChecks(OpenedModel model, ModelDescriptor d, ChannelLayout layout, ModelCalls calls, Settings settings) {
            this.model = model;
            this.d = d;
            this.layout = layout;
            this.calls = calls;
            this.settings = settings;
            this.tag = "[" + layout + "]";
        }

        private <T> T call(String method, List<AudioClip> clips, Callable<T> body) {
            return calls.run(String.format(Locale.ROOT, "%s() call %d on %s", method, ++callCount, GuardedModel.describeClips(clips)),
                    body);
        }

        private AudioClip noise(int index, double seconds) {
            return Signals.noiseClip(Seeds.derive(settings.seed(), "validate/" + layout + "/" + index), layout, seconds, d.sampleRateHz());
        }

        void run() {
            List<AudioClip> clips = new ArrayList<>();
            double audioSeconds = 0;
            for (int i = 0; i < settings.clipSeconds().size(); i++) {
                clips.add(noise(i, settings.clipSeconds().get(i)));
                audioSeconds += clips.get(i).durationSeconds();
            }
            float[][] scene = scene(clips);
            List<FrameEmbeddings> frames = timestamps(clips);
            if (calls.isAbandoned()) {
                return;
            }
            determinismAndSpeed(clips, scene, frames, audioSeconds);
            if (scene != null && !calls.isAbandoned()) {
                batching(clips, scene);
            }
            if (!calls.isAbandoned()) {
                distinct();
            }
            if (!calls.isAbandoned()) {
                silence();
            }
            if (!calls.isAbandoned()) {
                shortClip();
            }
            if (layout != ChannelLayout.MONO && !calls.isAbandoned()) {
                spatial();
            }
        }

        private float[][] scene(List<AudioClip> clips) {
            try {
                float[][] out = call("sceneEmbeddings", clips, () -> model.sceneEmbeddings(clips));
                List<String> problems = ModelOutputRules.scene(out, clips.size(), d);
                if (!problems.isEmpty()) {
                    add(Finding.Severity.FAIL, "scene" + tag, "returned " + String.join("; ", problems));
                    return null;
                }
                add(Finding.Severity.PASS, "scene" + tag, String.format(Locale.ROOT, "%s -> [%d, %d] float32, all finite",
                        GuardedModel.describeClips(clips), out.length, d.sceneEmbeddingSize()));
                return out;
            } catch (ModelException e) {
                add(Finding.Severity.FAIL, "scene" + tag, e.getMessage());
                return null;
            }
        }

        private List<FrameEmbeddings> timestamps(List<AudioClip> clips) {
            List<FrameEmbeddings> out;
            try {
                out = call("timestampEmbeddings", clips, () -> model.timestampEmbeddings(clips));
            } catch (ModelException e) {
                add(Finding.Severity.FAIL, "timestamps" + tag, e.getMessage());
                return null;
            }
            List<String> problems = ModelOutputRules.timestamps(out, clips, d);
            if (!problems.isEmpty()) {
                add(Finding.Severity.FAIL, "timestamps" + tag, "returned " + String.join("; ", problems));
                return null;
            }
            List<Integer> counts = new ArrayList<>();
            double hopSum = 0;
            int hops = 0;
            for (int c = 0; c < out.size(); c++) {
                FrameEmbeddings f = out.get(c);
                counts.add(f.frameCount());
                double[] t = f.timestampsMillis();
                if (t.length > 1) {
                    hopSum += t[t.length - 1] - t[0];
                    hops += t.length - 1;
                }
                double durationMillis = clips.get(c).durationSeconds() * 1000;
                if (t[0] > d.timestampHopMillis() + ModelOutputRules.HOP_TOLERANCE_MILLIS) {
                    add(Finding.Severity.WARN, "timestamps" + tag, String.format(Locale.ROOT, "the first timestamp of clip %d is %.3f ms,"
                            + " more than one hop (%s ms) after the start", c, t[0], number(d.timestampHopMillis())));
                }
                if (t[t.length - 1] < durationMillis - d.timestampHopMillis() - ModelOutputRules.HOP_TOLERANCE_MILLIS) {
                    add(Finding.Severity.WARN, "timestamps" + tag, String.format(Locale.ROOT, "the last timestamp of clip %d is %.3f ms,"
                            + " more than one hop before its end (%.3f ms): the end of the audio has no embedding", c, t[t.length - 1],
                            durationMillis));
                }
            }
            add(Finding.Severity.PASS, "timestamps" + tag, String.format(Locale.ROOT, "frames per clip %s of %d floats; mean hop %s ms"
                            + " (declared %s, within 1 ms everywhere); first %s ms; all within their clip", counts,
                    d.timestampEmbeddingSize(), hops == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", hopSum / hops),
                    number(d.timestampHopMillis()), number(out.get(0).timestampsMillis()[0])));
            return out;
        }

        private void determinismAndSpeed(List<AudioClip> clips, float[][] scene, List<FrameEmbeddings> frames, double audioSeconds) {
            try {
                long start = System.nanoTime();
                float[][] again = call("sceneEmbeddings", clips, () -> model.sceneEmbeddings(clips));
                double sceneSeconds = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                List<FrameEmbeddings> framesAgain = call("timestampEmbeddings", clips, () -> model.timestampEmbeddings(clips));
                double timestampSeconds = (System.nanoTime() - start) / 1e9;
                if (scene != null && frames != null) {
                    double sceneDiff = maxDifference(scene, again);
                    double frameDiff = 0;
                    for (int c = 0; c < frames.size(); c++) {
                        frameDiff = Math.max(frameDiff, maxDifference(frames.get(c).embeddings(), framesAgain.get(c).embeddings()));
                        if (!Arrays.equals(frames.get(c).timestampsMillis(), framesAgain.get(c).timestampsMillis())) {
                            frameDiff = Math.max(frameDiff, Double.POSITIVE_INFINITY);
                        }
                    }
                    if (sceneDiff == 0 && frameDiff == 0) {
                        add(Finding.Severity.PASS, "determinism" + tag, "the same clips twice give bit-identical embeddings and timestamps");
                    } else {
                        add(Finding.Severity.FAIL, "determinism" + tag, String.format(Locale.ROOT, "the same clips twice differ by up to"
                                + " %.3g (scene) and %.3g (timestamps); embeddings must be deterministic (they are cached)", sceneDiff,
                                frameDiff));
                    }
                }
                measurements.put("sceneRealTimeFactor" + tag, sceneSeconds / audioSeconds);
                measurements.put("timestampRealTimeFactor" + tag, timestampSeconds / audioSeconds);
                add(Finding.Severity.INFO, "speed" + tag, String.format(Locale.ROOT, "%.2f s of audio: scene %.3f s (real-time factor"
                                + " %.4f, %.0fx real time), timestamps %.3f s (%.4f, %.0fx), second call, one thread of calls",
                        audioSeconds, sceneSeconds, sceneSeconds / audioSeconds, audioSeconds / sceneSeconds, timestampSeconds,
                        timestampSeconds / audioSeconds, audioSeconds / timestampSeconds));
            } catch (ModelException e) {
                add(Finding.Severity.FAIL, "determinism" + tag, e.getMessage());
            }
        }

        private void batching(List<AudioClip> clips, float[][] scene) {
            try {
                List<AudioClip> alone = List.of(clips.get(clips.size() - 1));
                float[] single = call("sceneEmbeddings", alone, () -> model.sceneEmbeddings(alone))[0];
                float[] inBatch = scene[clips.size() - 1];
                if (single == null || single.length != inBatch.length) {
                    add(Finding.Severity.FAIL, "batching" + tag, "a clip alone gave " + (single == null ? "null" : single.length + " values"));
                    return;
                }
                double diff = maxDifference(new float[][] {single}, new float[][] {inBatch});
                double scale = 1e-12;
                for (float v : inBatch) {
                    scale = Math.max(scale, Math.abs(v));
                }
                if (diff == 0) {
                    add(Finding.Severity.PASS, "batching" + tag, "a clip alone and in a batch of " + clips.size() + " embed identically");
                } else if (diff <= BATCH_TOLERANCE * scale) {
                    add(Finding.Severity.WARN, "batching" + tag, String.format(Locale.ROOT, "a clip alone and in a batch differ by up to"
                            + " %.3g (%.2g of the largest value): results depend slightly on how nathear batches clips", diff, diff / scale));
                } else {
                    add(Finding.Severity.FAIL, "batching" + tag, String.format(Locale.ROOT, "a clip alone and in a batch of %d differ by"
                            + " up to %.3g (%.2g of the largest value); a clip's embedding must not depend on the other clips of the"
                            + " call (padding to the longest clip is the usual cause)", clips.size(), diff, diff / scale));
                }
            } catch (ModelException e) {
                add(Finding.Severity.FAIL, "batching" + tag, e.getMessage());
            }
        }

        private void distinct() {
            AudioClip noise = noise(100, 1.5);
            float[][] tone = new float[layout.channelCount()][];
            for (int c = 0; c < tone.length; c++) {
                tone[c] = Signals.sine(440, 0.5, 0, noise.frameCount(), d.sampleRateHz());
            }
            List<AudioClip> pair = List.of(noise, new AudioClip(tone, d.sampleRateHz(), layout));
            try {
                float[][] out = call("sceneEmbeddings", pair, () -> model.sceneEmbeddings(pair));
                List<String> problems = ModelOutputRules.scene(out, 2, d);
                if (!problems.isEmpty()) {
                    add(Finding.Severity.FAIL, "distinct" + tag, "returned " + String.join("; ", problems));
                } else if (Arrays.equals(out[0], out[1])) {
                    add(Finding.Severity.FAIL, "distinct" + tag, "white noise and a 440 Hz tone give the same scene embedding");
                } else {
                    add(Finding.Severity.PASS, "distinct" + tag, "white noise and a 440 Hz tone embed differently");
                }
            } catch (ModelException e) {
                add(Finding.Severity.FAIL, "distinct" + tag, e.getMessage());
            }
        }

        private void silence() {
            List<AudioClip> zeros = List.of(new AudioClip(new float[layout.channelCount()][d.sampleRateHz()], d.sampleRateHz(), layout));
            try {
                List<String> problems = new ArrayList<>(ModelOutputRules.scene(
                        call("sceneEmbeddings", zeros, () -> model.sceneEmbeddings(zeros)), 1, d));
                problems.addAll(ModelOutputRules.timestamps(call("timestampEmbeddings", zeros, () -> model.timestampEmbeddings(zeros)), zeros, d));
                if (problems.isEmpty()) {
                    add(Finding.Severity.PASS, "silence" + tag, "1 s of digital silence gives finite, well-formed embeddings");
                } else {
                    add(Finding.Severity.FAIL, "silence" + tag, "1 s of digital silence: " + String.join("; ", problems)
                            + " (log or normalisation of zero energy is the usual cause)");
                }
            } catch (ModelException e) {
                add(Finding.Severity.FAIL, "silence" + tag, e.getMessage());
            }
        }

        private void shortClip() {
            List<AudioClip> shortClips = List.of(noise(200, SHORT_CLIP_SECONDS));
            try {
                List<String> problems = new ArrayList<>(ModelOutputRules.scene(
                        call("sceneEmbeddings", shortClips, () -> model.sceneEmbeddings(shortClips)), 1, d));
                problems.addAll(ModelOutputRules.timestamps(
                        call("timestampEmbeddings", shortClips, () -> model.timestampEmbeddings(shortClips)), shortClips, d));
                if (problems.isEmpty()) {
                    add(Finding.Severity.PASS, "short clip" + tag, "a 0.25 s clip works");
                } else {
                    add(Finding.Severity.WARN, "short clip" + tag, "a 0.25 s clip: " + String.join("; ", problems));
                }
            } catch (ModelException e) {
                add(Finding.Severity.WARN, "short clip" + tag, "a 0.25 s clip fails (tasks with short clips will fail): " + e.getMessage());
            }
        }

        /** A source on the left and its mirror image on the right must not embed identically. */
        private void spatial() {
            AudioClip source = Signals.noiseClip(Seeds.derive(settings.seed(), "validate/spatial"), ChannelLayout.MONO, 1.5,
                    d.sampleRateHz());
            float[] s = source.channel(0);
            int delay = Math.max(1, (int) Math.round(0.0006 * d.sampleRateHz())); // ~0.6 ms: an interaural time difference
            float[] far = new float[s.length];
            for (int i = delay; i < s.length; i++) {
                far[i] = 0.5f * s[i - delay];
            }
            float[] minus = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                minus[i] = -s[i];
            }
            float[] zero = new float[s.length];
            AudioClip left;
            AudioClip right;
            String what;
            if (layout == ChannelLayout.BINAURAL) {
                left = new AudioClip(new float[][] {s, far}, d.sampleRateHz(), layout);
                right = new AudioClip(new float[][] {far, s}, d.sampleRateHz(), layout);
                what = "a source on the left (louder and earlier in the left ear) and its mirror image on the right";
            } else {
                left = new AudioClip(new float[][] {s, s, zero, zero}, d.sampleRateHz(), layout);   // W, Y=+1 (left), Z, X
                right = new AudioClip(new float[][] {s, minus, zero, zero}, d.sampleRateHz(), layout);
                what = "a plane wave from the left (Y = W) and from the right (Y = -W)";
            }
            List<AudioClip> pair = List.of(left, right);
            try {
                float[][] out = call("sceneEmbeddings", pair, () -> model.sceneEmbeddings(pair));
                if (!ModelOutputRules.scene(out, 2, d).isEmpty()) {
                    add(Finding.Severity.FAIL, "spatial" + tag, "returned " + String.join("; ", ModelOutputRules.scene(out, 2, d)));
                } else if (Arrays.equals(out[0], out[1])) {
                    add(Finding.Severity.WARN, "spatial" + tag, what + " give the same scene embedding: the model seems to ignore"
                            + " the differences between channels (a model that hears one channel should accept MONO only)");
                } else {
                    add(Finding.Severity.PASS, "spatial" + tag, what + " embed differently");
                }
            } catch (ModelException e) {
                add(Finding.Severity.FAIL, "spatial" + tag, e.getMessage());
            }
        }
    }

    private static double maxDifference(float[][] a, float[][] b) {
        if (a == null || b == null || a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null || a[i].length != b[i].length) {
                return Double.POSITIVE_INFINITY;
            }
            for (int j = 0; j < a[i].length; j++) {
                if (Float.floatToIntBits(a[i][j]) != Float.floatToIntBits(b[i][j])) {
                    max = Math.max(max, Float.isFinite(a[i][j]) && Float.isFinite(b[i][j]) ? Math.abs(a[i][j] - b[i][j])
                            : Double.POSITIVE_INFINITY);
                }
            }
        }
        return max;
    }

    private static List<ChannelLayout> sorted(Set<ChannelLayout> layouts) {
        return layouts.stream().sorted().toList();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String message(RuntimeException e) {
        return e instanceof HarnessException ? e.getMessage() : e.toString();
    }
}
