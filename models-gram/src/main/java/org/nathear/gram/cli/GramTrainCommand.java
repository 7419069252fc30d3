package org.nathear.gram.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.plugin.GramModelPlugin;
import org.nathear.gram.train.GramTrainer;
import org.nathear.gram.train.TrainOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nathear gram train}: GRAM pre-training on a folder of audio. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pre-train GRAM (masked reconstruction of multi-channel spectrogram patches) on scenes mixed online "
                + "from a folder of source audio (every *.wav below --data; unreadable, too short or silent files are skipped "
                + "and counted).",
                "Writes OUT/checkpoint.safetensors (weights + optimiser state, every --checkpoint-every steps; --resume "
                + "continues it exactly), OUT/gram-<variant>-<masking>-<size>.safetensors (weights for the gram-* plugins' "
                + "'checkpoint' option) and OUT/train-log.csv."},
        footer = {"", "Without --impulse-responses, scenes come from the Nat-HEAR simulator (rooms reused from a seeded pool, "
                + "see --scene-pool); --renderer direct gives the direct path only (no room); see docs/gram.md.",
                "Exit codes: 0 done, 2 bad usage or input."})
public final class GramTrainCommand implements Callable<Integer> {
    @Option(names = "--variant", required = true, description = "binaural, ambisonics or clean.")
    String variant;

    @Option(names = "--masking", defaultValue = "patch", description = "patch (16x8) or time (128x2) (default: ${DEFAULT-VALUE}).")
    String masking;

    @Option(names = "--size", defaultValue = "tiny", description = "tiny, small or base (ViT-B) (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of source audio (WAV, any rate).")
    Path data;

    @Option(names = "--preset", defaultValue = "nathear", description = "Defaults for --clips, --crops, --lr, --warmup and "
            + "--steps: nathear (CPU-sized: 8 x 4, 1e-3, min(100, steps/10), --steps required) or paper (the authors': 96 x 16 "
            + "crops, 2e-4, 10000, 500000; float32, not their bf16). Options given explicitly win (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--steps", description = "Optimiser steps of the whole run (required unless --preset paper).")
    Long steps;

    @Option(names = "--seed", defaultValue = "42", description = "The seed everything random derives from (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: gram-<variant>-<masking>-<size>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--init", paramLabel = "CHECKPOINT|embedded", description = "Start from the weights of this nathear GRAM "
            + "checkpoint (same variant, masking and size), or 'embedded' for the checkpoint in the jar (tiny only), instead of "
            + "a random initialisation; the optimiser and the learning-rate schedule start fresh.")
    String init;

    @Option(names = "--clips", description = "Source clips per step (default: the preset's, 8; reference: 96).")
    Integer clips;

    @Option(names = "--crops", description = "2 s crops per clip, in-batch sampling (default: the preset's, 4; reference: 16).")
    Integer crops;

    @Option(names = "--mask-ratio", defaultValue = "0.8", description = "Fraction of patches masked (default: ${DEFAULT-VALUE}).")
    double maskRatio;

    @Option(names = "--lr", description = "Peak learning rate (default: the preset's, 1e-3; reference: 2e-4 at 1536 crops).")
    Double lr;

    @Option(names = "--warmup", description = "Warm-up steps (default: the preset's, min(100, steps/10); reference: 10000).")
    Long warmup;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--clip-norm", defaultValue = "5", description = "Gradient-norm clip, 0 = off (default: ${DEFAULT-VALUE}).")
    double clipNorm;

    @Option(names = "--clean-ratio", defaultValue = "0", description = "λ: probability that a batch is dry (default: ${DEFAULT-VALUE}).")
    double cleanRatio;

    @Option(names = "--snr", defaultValue = "5:40", paramLabel = "MIN:MAX", description = "SNR range in dB (default: ${DEFAULT-VALUE}).")
    String snr;

    @Option(names = "--impulse-responses", paramLabel = "DIR", description = "Folder of multi-channel WAV impulse responses "
            + "(2 ch binaural, or 4 ch FOA ACN/SN3D). Default: the Nat-HEAR scene simulator.")
    Path impulseResponses;

    @Option(names = "--renderer", defaultValue = "simulator", description = "simulator (Nat-HEAR rooms) or direct "
            + "(direct path only, no room); ignored with --impulse-responses (default: ${DEFAULT-VALUE}).")
    String renderer;

    @Option(names = "--hrtf", paramLabel = "SOFA", description = "HRTF (SOFA file) for the simulator's binaural receiver. "
            + "Default: its spherical head.")
    Path hrtf;

    @Option(names = "--scene-pool", defaultValue = "32", description = "Simulated rooms per pool generation; 0 simulates a "
            + "fresh room per clip (slow) (default: ${DEFAULT-VALUE}).")
    int scenePool;

    @Option(names = "--scene-refresh", defaultValue = "100", description = "Optimiser steps between pool generations "
            + "(default: ${DEFAULT-VALUE}).")
    long sceneRefresh;

    @Option(names = "--noise", paramLabel = "DIR", description = "Folder of noise WAVs. Default: generated white/pink/brown noise.")
    Path noise;

    @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default: min(500, steps)).")
    Long checkpointEvery;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (GPU needs the -Pcuda build) (default: ${DEFAULT-VALUE}).")
    String device;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    GramCommand parent;

    /** The {@code --init} file ('embedded': the jar's checkpoint, to be copied into the output folder by {@link #copyEmbedded}). */
    private Path initialWeights(GramVariant v, GramMasking m, GramSize s, Path outDir) {
        if (init == null) {
            return null;
        }
        if (!"embedded".equals(init)) {
            return Path.of(init);
        }
        if (s != GramSize.TINY) {
            throw new org.nathear.api.ConfigurationException("--init embedded: the embedded checkpoints are GRAM-tiny; got --size "
                    + size);
        }
        String resource = GramModelPlugin.embeddedResource(v, m);
        return outDir.resolve("init-" + resource.substring(resource.lastIndexOf('/') + 1));
    }

    /** With {@code --init embedded}, copies the jar's checkpoint to {@code copy}, so the run keeps what it started from. */
    private void copyEmbedded(GramVariant v, GramMasking m, Path copy) {
        if (!"embedded".equals(init)) {
            return;
        }
        String resource = GramModelPlugin.embeddedResource(v, m);
        try (java.io.InputStream in = GramTrainCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new org.nathear.api.ConfigurationException("--init embedded: no embedded checkpoint " + resource
                        + " for " + v.id() + "/" + m.id());
            }
            java.nio.file.Files.createDirectories(copy.getParent());
            java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new org.nathear.api.ConfigurationException("--init embedded: cannot write " + copy + ": " + e, e);
        }
    }

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        GramVariant v = GramVariant.parse(variant);
        GramMasking m = GramMasking.parse(masking);
        GramSize s = GramSize.parse(size);
        String[] range = snr.split(":");
        if (range.length != 2) {
            throw new org.nathear.api.ConfigurationException("--snr must look like MIN:MAX in dB; got '" + snr + "'");
        }
        double snrMin;
        double snrMax;
        try {
            snrMin = Double.parseDouble(range[0]);
            snrMax = Double.parseDouble(range[1]);
        } catch (NumberFormatException e) {
            throw new org.nathear.api.ConfigurationException("--snr must look like MIN:MAX in dB; got '" + snr + "'", e);
        }
        Path outDir = out != null ? out : Path.of("gram-" + v.id() + "-" + m.id() + "-" + s.name());
        TrainOptions.Preset p = TrainOptions.Preset.parse(preset);
        Long runSteps = steps != null ? steps : p.steps();
        if (runSteps == null) {
            throw new org.nathear.api.ConfigurationException("--steps is required with --preset " + preset
                    + " (--preset paper defaults to the authors' 500000)");
        }
        TrainOptions.Builder options = TrainOptions.builder(v, m, s, data, outDir, runSteps, seed)
                .batch(clips != null ? clips : p.clips(), crops != null ? crops : p.crops()).maskRatio(maskRatio)
                .learningRate(lr != null ? lr : p.learningRate(), warmup != null ? warmup : p.warmup(runSteps))
                .weightDecay(weightDecay).clipNorm(clipNorm).cleanRatio(cleanRatio).snr(snrMin, snrMax)
                .sources(impulseResponses, noise).device(device).resume(resume).initWeights(initialWeights(v, m, s, outDir))
                .scenes(new TrainOptions.Scenes(TrainOptions.Scenes.Renderer.parse(renderer), hrtf, scenePool, sceneRefresh));
        if (checkpointEvery != null) {
            options.checkpointEvery(checkpointEvery);
        }
        TrainOptions o = options.build(); // checks the options (--resume with --init, ...) before anything is written
        copyEmbedded(v, m, o.initWeights());
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("command", "nathear " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        provenance.put("preset", p.name().toLowerCase(java.util.Locale.ROOT));
        provenance.put("precision", "float32");
        if (p == TrainOptions.Preset.PAPER) {
            pw.println("preset paper: " + o.clipsPerStep() + " clips x " + o.cropsPerClip() + " crops, lr " + o.peakLearningRate()
                    + ", warm-up " + o.warmupSteps() + ", " + o.steps() + " steps; float32 (the authors train in bf16-mixed, "
                    + "which DJL 0.33 cannot do)");
        }
        provenance.put("nathearVersion", parent.context().harnessVersion());
        provenance.put("nathearCommit", parent.context().harnessCommit());
        provenance.put("java", System.getProperty("java.version"));
        provenance.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        GramTrainer.Result r = GramTrainer.train(o, provenance, new GramTrainer.Listener() {
            @Override
            public void line(String text) {
                pw.println(text);
                pw.flush();
            }
        });
        pw.println("done: " + r.weights());
        pw.flush();
        return 0;
    }
}
