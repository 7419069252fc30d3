package org.nathear.gram.train;

import java.nio.file.Path;
import org.nathear.api.ConfigurationException;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;

/**
 * Settings of a GRAM pre-training run. Defaults ({@link #defaults}) follow the reference where a
 * CPU allows it (AdamW β 0.9/0.95, weight decay 0.01, gradient clipping at 5, mask ratio 0.8, SNR
 * 5–40 dB, λ = 0) and are scaled down where it does not (batch, warm-up, rate).
 *
 * @param variant           binaural, ambisonics or clean
 * @param masking           patch or time
 * @param size              network size
 * @param data              folder of source audio (WAV)
 * @param out               folder for checkpoints and the training log
 * @param steps             optimiser steps of the whole run
 * @param seed              the one seed everything random derives from
 * @param clipsPerStep      source clips mixed per step (the reference: 96)
 * @param cropsPerClip      random 2 s crops per clip, "in-batch sampling" (the reference: 16)
 * @param maskRatio         fraction of patches masked (0.8)
 * @param peakLearningRate  rate after warm-up (the reference: 2e-4 at batch 1536)
 * @param warmupSteps       linear warm-up steps (the reference: 10 000)
 * @param weightDecay       AdamW decoupled weight decay (0.01)
 * @param beta1             AdamW β1 (0.9)
 * @param beta2             AdamW β2 (0.95)
 * @param clipNorm          global gradient-norm clip (5; 0 = off)
 * @param cleanRatio        λ: probability that a whole batch is dry (0)
 * @param snrMinDb          lowest SNR (5)
 * @param snrMaxDb          highest SNR (40)
 * @param maxClipSeconds    longer sources are cut to a random window this long (10, as AudioSet)
 * @param checkpointEvery   steps between checkpoints (and at the end)
 * @param impulseResponses  folder of impulse responses, or null for the renderer in {@code scenes}
 * @param noise             folder of noise WAVs, or null for generated coloured noise
 * @param device            cpu, gpu or gpu:N
 * @param resume            continue from {@code out}'s training checkpoint
 * @param initWeights       start from the weights in this nathear GRAM checkpoint (weights or training
 *                          kind, same variant, masking and size) instead of the seed's random
 *                          initialisation; the optimiser and the schedule start fresh. Null: random.
 * @param scenes            which renderer makes the scenes (when no impulse-response folder is given)
 */
public record TrainOptions(GramVariant variant, GramMasking masking, GramSize size, Path data, Path out, long steps, long seed,
                           int clipsPerStep, int cropsPerClip, double maskRatio, double peakLearningRate, long warmupSteps,
                           double weightDecay, double beta1, double beta2, double clipNorm, double cleanRatio,
                           double snrMinDb, double snrMaxDb, double maxClipSeconds, long checkpointEvery,
                           Path impulseResponses, Path noise, String device, boolean resume, Path initWeights,
                           Scenes scenes) {

    public TrainOptions {
        require(variant != null && masking != null && size != null, "variant, masking and size must be given");
        require(data != null && out != null, "--data and --out must be given");
        require(steps >= 1, "--steps must be at least 1; got " + steps);
        require(clipsPerStep >= 1, "clips per step must be at least 1; got " + clipsPerStep);
        require(cropsPerClip >= 1, "crops per clip must be at least 1; got " + cropsPerClip);
        require(maskRatio > 0 && maskRatio < 1, "mask ratio must lie in (0, 1); got " + maskRatio);
        require(peakLearningRate > 0, "learning rate must be positive; got " + peakLearningRate);
        require(warmupSteps >= 0, "warm-up steps must be >= 0; got " + warmupSteps);
        require(weightDecay >= 0, "weight decay must be >= 0; got " + weightDecay);
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "AdamW betas must lie in [0, 1); got " + beta1 + ", " + beta2);
        require(clipNorm >= 0, "gradient clip must be >= 0; got " + clipNorm);
        require(cleanRatio >= 0 && cleanRatio <= 1, "clean ratio must lie in [0, 1]; got " + cleanRatio);
        require(snrMinDb <= snrMaxDb, "SNR range must have min <= max; got " + snrMinDb + ".." + snrMaxDb);
        require(maxClipSeconds >= 2, "max clip length must be at least one 2 s crop; got " + maxClipSeconds + " s");
        require(checkpointEvery >= 1, "checkpoint interval must be at least 1 step; got " + checkpointEvery);
        device = device == null ? "cpu" : device;
        scenes = scenes == null ? Scenes.defaults() : scenes;
        require(impulseResponses == null || scenes.renderer() == Scenes.Renderer.SIMULATOR,
                "--impulse-responses and --renderer " + scenes.renderer().id() + " exclude each other");
        require(!(resume && initWeights != null), "--resume and --init exclude each other (a resumed run keeps its own weights)");
    }

    /**
     * How scenes are rendered when no impulse-response folder is given.
     *
     * @param renderer     the Nat-HEAR simulator (default) or the direct-path renderer (no room)
     * @param hrtf         SOFA file for the simulator's binaural receiver, or null for its spherical head
     * @param poolSize     simulated rooms per pool generation (0: a fresh room per clip, slow)
     * @param refreshSteps optimiser steps between pool generations
     */
    public record Scenes(Renderer renderer, Path hrtf, int poolSize, long refreshSteps) {
        public Scenes {
            require(renderer != null, "a scene renderer must be given");
            require(poolSize >= 0, "--scene-pool must be >= 0; got " + poolSize);
            require(refreshSteps >= 1, "--scene-refresh must be at least 1 step; got " + refreshSteps);
            require(hrtf == null || renderer == Renderer.SIMULATOR, "--hrtf applies to the simulator renderer only");
        }

        /** The simulator with its spherical head, {@value SimulatorSceneRenderer#DEFAULT_POOL_SIZE} rooms per pool. */
        public static Scenes defaults() {
            return new Scenes(Renderer.SIMULATOR, null, SimulatorSceneRenderer.DEFAULT_POOL_SIZE,
                    SimulatorSceneRenderer.DEFAULT_REFRESH_STEPS);
        }

        /** Scene renderers selectable by name. */
        public enum Renderer {
            SIMULATOR, DIRECT;

            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            public static Renderer parse(String name) {
                for (Renderer r : values()) {
                    if (r.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                        return r;
                    }
                }
                throw new ConfigurationException("Unknown scene renderer '" + name + "'; expected simulator or direct");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigurationException("Invalid GRAM training option: " + message);
        }
    }

    /** CPU-sized defaults for a variant, masking and size. */
    public static TrainOptions defaults(GramVariant variant, GramMasking masking, GramSize size, Path data, Path out, long steps,
                                        long seed) {
        return builder(variant, masking, size, data, out, steps, seed).build();
    }

    /**
     * A builder holding the CPU-sized defaults ({@link #defaults}) for a variant, masking and size:
     * 8 clips × 4 crops, mask ratio 0.8, lr 1e-3 after min(100, steps/10) warm-up steps, AdamW
     * 0.9/0.95 with weight decay 0.01, gradient clip 5, λ = 0, SNR 5–40 dB, sources cut to 10 s, a
     * checkpoint every min(500, steps) steps, generated scenes and noise, on the CPU.
     */
    public static Builder builder(GramVariant variant, GramMasking masking, GramSize size, Path data, Path out, long steps,
                                  long seed) {
        Builder b = new Builder();
        b.variant = variant;
        b.masking = masking;
        b.size = size;
        b.data = data;
        b.out = out;
        b.steps = steps;
        b.seed = seed;
        b.warmupSteps = Math.min(100, steps / 10);
        b.checkpointEvery = Math.max(1, Math.min(500, steps));
        return b;
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = builder(variant, masking, size, data, out, steps, seed);
        b.clipsPerStep = clipsPerStep;
        b.cropsPerClip = cropsPerClip;
        b.maskRatio = maskRatio;
        b.peakLearningRate = peakLearningRate;
        b.warmupSteps = warmupSteps;
        b.weightDecay = weightDecay;
        b.beta1 = beta1;
        b.beta2 = beta2;
        b.clipNorm = clipNorm;
        b.cleanRatio = cleanRatio;
        b.snrMinDb = snrMinDb;
        b.snrMaxDb = snrMaxDb;
        b.maxClipSeconds = maxClipSeconds;
        b.checkpointEvery = checkpointEvery;
        b.impulseResponses = impulseResponses;
        b.noise = noise;
        b.device = device;
        b.resume = resume;
        b.initWeights = initWeights;
        b.scenes = scenes;
        return b;
    }

    /**
     * Builds {@link TrainOptions}; every setter returns the builder, and {@link #build()} checks the
     * values (a {@link ConfigurationException} names the one out of range).
     */
    public static final class Builder {
        private GramVariant variant;
        private GramMasking masking;
        private GramSize size;
        private Path data;
        private Path out;
        private long steps;
        private long seed;
        private int clipsPerStep = 8;
        private int cropsPerClip = 4;
        private double maskRatio = 0.8;
        private double peakLearningRate = 1e-3;
        private long warmupSteps;
        private double weightDecay = 0.01;
        private double beta1 = 0.9;
        private double beta2 = 0.95;
        private double clipNorm = 5.0;
        private double cleanRatio = 0.0;
        private double snrMinDb = 5;
        private double snrMaxDb = 40;
        private double maxClipSeconds = 10;
        private long checkpointEvery;
        private Path impulseResponses;
        private Path noise;
        private String device = "cpu";
        private boolean resume;
        private Path initWeights;
        private Scenes scenes = Scenes.defaults();

        private Builder() {
        }

        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        public Builder steps(long steps) {
            this.steps = steps;
            return this;
        }

        /** Source clips mixed per step and random crops per clip. */
        public Builder batch(int clipsPerStep, int cropsPerClip) {
            this.clipsPerStep = clipsPerStep;
            this.cropsPerClip = cropsPerClip;
            return this;
        }

        public Builder maskRatio(double maskRatio) {
            this.maskRatio = maskRatio;
            return this;
        }

        /** The rate after warm-up and the warm-up steps. */
        public Builder learningRate(double peak, long warmupSteps) {
            this.peakLearningRate = peak;
            this.warmupSteps = warmupSteps;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** AdamW β1 and β2. */
        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder clipNorm(double clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        public Builder cleanRatio(double cleanRatio) {
            this.cleanRatio = cleanRatio;
            return this;
        }

        /** The SNR range in dB. */
        public Builder snr(double minDb, double maxDb) {
            this.snrMinDb = minDb;
            this.snrMaxDb = maxDb;
            return this;
        }

        public Builder maxClipSeconds(double maxClipSeconds) {
            this.maxClipSeconds = maxClipSeconds;
            return this;
        }

        public Builder checkpointEvery(long checkpointEvery) {
            this.checkpointEvery = checkpointEvery;
            return this;
        }

        /** Folders of impulse responses and of noise WAVs; null for the scene renderer and generated noise. */
        public Builder sources(Path impulseResponses, Path noise) {
            this.impulseResponses = impulseResponses;
            this.noise = noise;
            return this;
        }

        public Builder device(String device) {
            this.device = device;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Start from these weights instead of a random initialisation (null: random). */
        public Builder initWeights(Path initWeights) {
            this.initWeights = initWeights;
            return this;
        }

        public Builder scenes(Scenes scenes) {
            this.scenes = scenes;
            return this;
        }

        public TrainOptions build() {
            return new TrainOptions(variant, masking, size, data, out, steps, seed, clipsPerStep, cropsPerClip, maskRatio,
                    peakLearningRate, warmupSteps, weightDecay, beta1, beta2, clipNorm, cleanRatio, snrMinDb, snrMaxDb,
                    maxClipSeconds, checkpointEvery, impulseResponses, noise, device, resume, initWeights, scenes);
        }
    }

    /**
     * Named settings of the batch and the schedule. {@code NATHEAR}: CPU-sized (8 clips × 4 crops,
     * lr 1e-3, warm-up min(100, steps/10), steps given). {@code PAPER}: the GRAM authors' training
     * (GRAM-T {@code configs/}: 96 clips × 16 crops, lr 2e-4, 10 000 warm-up steps, 500 000 steps, seed
     * 42 as in their config). The authors train in bf16-mixed precision; nathear trains in float32 on
     * every device (DJL 0.33 offers no autocast), see docs/gram.md.
     */
    public enum Preset {
        NATHEAR(8, 4, 1e-3, null, null),
        PAPER(96, 16, 2e-4, 10_000L, 500_000L);

        private final int clips;
        private final int crops;
        private final double lr;
        private final Long warmup;
        private final Long steps;

        Preset(int clips, int crops, double lr, Long warmup, Long steps) {
            this.clips = clips;
            this.crops = crops;
            this.lr = lr;
            this.warmup = warmup;
            this.steps = steps;
        }

        public static Preset parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "nathear" -> NATHEAR;
                case "paper" -> PAPER;
                default -> throw new ConfigurationException("--preset must be nathear or paper; got '" + s + "'");
            };
        }

        public int clips() {
            return clips;
        }

        public int crops() {
            return crops;
        }

        public double learningRate() {
            return lr;
        }

        /** Steps of the whole run, or null when the preset has none (they must be given). */
        public Long steps() {
            return steps;
        }

        /** Warm-up steps for a run of {@code runSteps} steps. */
        public long warmup(long runSteps) {
            return warmup != null ? Math.min(warmup, runSteps) : Math.min(100, runSteps / 10);
        }
    }

    /** Visible patches per crop for this masking and ratio. */
    public int visiblePatches() {
        int n = masking.patchCount();
        return Math.max(1, Math.min(n - 1, (int) Math.round(n * (1 - maskRatio))));
    }
}
