package org.nathear.gram.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelException;
import org.nathear.api.io.TempFiles;
import org.nathear.api.util.Hashing;
import org.nathear.api.util.Seeds;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramVariant;
import org.nathear.gram.frontend.GramFrontEnd;
import org.nathear.gram.io.GramCheckpoint;
import org.nathear.gram.io.SafeTensors;
import org.nathear.gram.io.Tensor;
import org.nathear.gram.model.GramEngine;
import org.nathear.gram.model.GramNetwork;

/**
 * GRAM pre-training: masked reconstruction of multi-channel spectrogram patches of scenes mixed
 * online from a corpus of source audio.
 *
 * <p>Output folder:
 * <ul>
 *   <li>{@value #CHECKPOINT} — the latest training checkpoint (weights and AdamW moments), written
 *       every {@link TrainOptions#checkpointEvery()} steps and at the end; {@code --resume}
 *       continues from it and reproduces the uninterrupted run bit for bit (batches are a function
 *       of seed and step, see {@link BatchBuilder});</li>
 *   <li>{@code gram-<variant>-<masking>-<size>.safetensors} — the final weights only, for the
 *       embedding plugins ({@code checkpoint} option);</li>
 *   <li>{@value #LOG} — step, loss, learning rate, gradient norm, seconds.</li>
 * </ul>
 */
public final class GramTrainer {
    /** The training checkpoint's file name. */
    public static final String CHECKPOINT = "checkpoint.safetensors";
    /** The training log's file name. */
    public static final String LOG = "train-log.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One optimiser step's record. */
    public record StepRecord(long step, float loss, double learningRate, double gradNorm, double seconds) {
    }

    /** Receives progress. */
    public interface Listener {
        /** A line for the user (start, corpus summary, checkpoints, throughput). */
        void line(String text);

        /** After every optimiser step. */
        default void step(StepRecord record) {
        }
    }

    /** What a run produced. */
    public record Result(Path checkpoint, Path weights, List<StepRecord> steps, long firstStep, AudioCorpus corpus) {
    }

    private GramTrainer() {
    }

    /** The weights file name of a config. */
    public static String weightsFileName(GramConfig config) {
        return "gram-" + config.variant().id() + "-" + config.masking().id() + "-" + config.size().name() + ".safetensors";
    }

    /**
     * Trains (or resumes) a run.
     *
     * @param provenance  extra facts to store in the checkpoints (e.g. the command line)
     */
    public static Result train(TrainOptions o, Map<String, String> provenance, Listener listener) {
        GramConfig config = GramConfig.of(o.variant(), o.masking(), o.size());
        Path checkpointFile = o.out().resolve(CHECKPOINT);
        if (!o.resume() && Files.exists(checkpointFile)) {
            throw new ConfigurationException("Output folder " + o.out() + " already holds a training checkpoint (" + CHECKPOINT
                    + "); pass --resume to continue it, or choose a new --out");
        }
        if (o.resume() && !Files.isRegularFile(checkpointFile)) {
            throw new ConfigurationException("--resume: no training checkpoint " + checkpointFile + " to resume from");
        }
        try {
            Files.createDirectories(o.out());
        } catch (IOException e) {
            throw new ConfigurationException("Cannot create output folder " + o.out() + ": " + e, e);
        }
        // everything that can be wrong with the input is checked before the engine loads
        AudioCorpus corpus = AudioCorpus.scan(o.data(), GramFrontEnd.SAMPLE_RATE_HZ, 2.0, 64L << 20);
        listener.line("corpus " + corpus.describe());
        corpus.skipExamples().forEach(e -> listener.line("  skipped " + e));
        SceneMixer mixer = new SceneMixer(o.variant(), renderer(o), noise(o), o.snrMinDb(), o.snrMaxDb(), GramFrontEnd.SAMPLE_RATE_HZ);
        BatchBuilder builder = new BatchBuilder(config, o, corpus, mixer);
        ObjectNode training = trainingDescription(o, corpus, mixer, provenance);

        Device device = GramEngine.device(o.device());
        long firstStep = 0;
        List<StepRecord> records = new ArrayList<>();
        List<String> logRows = new ArrayList<>();
        try (GramNetwork net = o.resume() ? null : o.initWeights() != null ? initial(o.initWeights(), config, device, listener)
                : GramNetwork.initialise(config, Seeds.stream(o.seed(), "init"), device);
             Resumed resumed = o.resume() ? resume(checkpointFile, config, training, device, listener) : null) {
            GramNetwork network = net != null ? net : resumed.network;
            AdamW opt = new AdamW(network.parameters(), o.beta1(), o.beta2(), 1e-8, o.weightDecay());
            try {
                if (resumed != null) {
                    opt.restore(resumed.tensors, resumed.step);
                    firstStep = resumed.step;
                    logRows.addAll(readLog(o.out().resolve(LOG), firstStep));
                    listener.line(String.format(Locale.ROOT, "resumed %s at step %d of %d", checkpointFile, firstStep, o.steps()));
                }
                CosineSchedule schedule = new CosineSchedule(o.peakLearningRate(), o.warmupSteps(), o.steps());
                listener.line(String.format(Locale.ROOT, "GRAM-%s %s (%,d parameters), %d clips x %d crops per step, mask %.0f%%, "
                                + "%s, device %s", o.variant().id(), config, network.parameterCount(), o.clipsPerStep(),
                        o.cropsPerClip(), 100 * o.maskRatio(), mixer.description(), device));
                long start = System.nanoTime();
                long lastLine = start;
                long crops = 0;
                ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "gram-batch-prefetch");
                    t.setDaemon(true);
                    return t;
                });
                try {
                    Future<BatchBuilder.Batch> next = firstStep < o.steps() ? prefetch.submit(batchTask(builder, firstStep)) : null;
                    for (long s = firstStep; s < o.steps(); s++) {
                        BatchBuilder.Batch batch = get(next, s);
                        next = s + 1 < o.steps() ? prefetch.submit(batchTask(builder, s + 1)) : null;
                        double lr = schedule.rate(s);
                        float loss;
                        double norm;
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            try (GradientCollector gc = GramEngine.engine().newGradientCollector()) {
                                NDArray l = network.loss(batch.patches(), batch.crops(), batch.visible(), batch.masked());
                                gc.backward(l);
                                loss = l.getFloat();
                            }
                            if (!Float.isFinite(loss)) {
                                throw new ModelException("Training loss is " + loss + " at step " + (s + 1)
                                        + "; training diverged (lower --lr or check the data)");
                            }
                            norm = opt.update(lr, o.clipNorm());
                        }
                        crops += batch.crops();
                        double seconds = (System.nanoTime() - start) / 1e9;
                        StepRecord rec = new StepRecord(s + 1, loss, lr, norm, seconds);
                        records.add(rec);
                        logRows.add(String.format(Locale.ROOT, "%d,%.9g,%.6g,%.6g,%.3f", s + 1, loss, lr, norm, seconds));
                        long now = System.nanoTime();
                        boolean last = s + 1 == o.steps();
                        if ((s + 1) % o.checkpointEvery() == 0 || last) {
                            save(checkpointFile, config, GramCheckpoint.KIND_TRAINING, s + 1, training, network.tensors(), opt.state());
                            writeLog(o.out().resolve(LOG), logRows);
                        }
                        listener.step(rec);
                        if (now - lastLine > 5_000_000_000L || last || s == firstStep) {
                            listener.line(String.format(Locale.ROOT, "step %d/%d  loss %.4f  lr %.2e  grad %.3f  %.1f crops/s  %.0f s",
                                    s + 1, o.steps(), loss, lr, norm, crops / Math.max(1e-9, seconds), seconds));
                            lastLine = now;
                        }
                    }
                } finally {
                    prefetch.shutdownNow();
                }
                long done = Math.max(firstStep, o.steps());
                Path weights = o.out().resolve(weightsFileName(config));
                save(weights, config, GramCheckpoint.KIND_WEIGHTS, done, training, network.tensors(), null);
                listener.line("wrote " + weights + " and " + checkpointFile);
                if (corpus.failedLoads() > 0) {
                    listener.line(corpus.failedLoads() + " corpus file(s) could not be read during the run and were replaced by the next file");
                }
                return new Result(checkpointFile, weights, records, firstStep, corpus);
            } finally {
                opt.close();
            }
        }
    }

    private static java.util.concurrent.Callable<BatchBuilder.Batch> batchTask(BatchBuilder builder, long step) {
        return () -> builder.batch(step);
    }

    private static BatchBuilder.Batch get(Future<BatchBuilder.Batch> f, long step) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("Interrupted while preparing the batch of step " + (step + 1), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HarnessException he) {
                throw he;
            }
            throw new ModelException("Preparing the batch of step " + (step + 1) + " failed: " + c, c);
        }
    }

    private static SceneRenderer renderer(TrainOptions o) {
        if (o.variant() == GramVariant.CLEAN) {
            return null;
        }
        if (o.impulseResponses() != null) {
            return new ImpulseResponseFolderRenderer(o.impulseResponses(), o.variant().layout(), GramFrontEnd.SAMPLE_RATE_HZ);
        }
        TrainOptions.Scenes sc = o.scenes();
        if (sc.renderer() == TrainOptions.Scenes.Renderer.DIRECT) {
            return new DirectPathRenderer(o.variant().layout());
        }
        org.nathear.tasks.spatial.scene.SceneSimulator.Builder b = org.nathear.tasks.spatial.scene.SceneSimulator.builder()
                .setFormat(o.variant().layout() == org.nathear.api.ChannelLayout.FOA
                        ? org.nathear.tasks.spatial.scene.SpatialFormat.FOA : org.nathear.tasks.spatial.scene.SpatialFormat.BINAURAL)
                .setSampleRateHz(GramFrontEnd.SAMPLE_RATE_HZ);
        if (sc.hrtf() != null) {
            b.optHrtf(org.nathear.tasks.hrtf.SofaFile.read(sc.hrtf()));
        }
        return new SimulatorSceneRenderer(b.build(), sc.poolSize(), sc.refreshSteps(), Seeds.stream(o.seed(), "scenes"));
    }

    private static NoiseSource noise(TrainOptions o) {
        if (o.noise() == null) {
            return NoiseSource.generated();
        }
        AudioCorpus noise = AudioCorpus.scan(o.noise(), GramFrontEnd.SAMPLE_RATE_HZ, 0.01, 16L << 20);
        if (noise.size() == 0) {
            throw new ConfigurationException("Noise folder " + o.noise() + " has no usable WAV file: " + noise.skipped());
        }
        return NoiseSource.fromCorpus(noise);
    }

    private static ObjectNode trainingDescription(TrainOptions o, AudioCorpus corpus, SceneMixer mixer, Map<String, String> provenance) {
        ObjectNode t = JSON.createObjectNode();
        t.put("seed", o.seed());
        t.put("steps", o.steps());
        t.put("clipsPerStep", o.clipsPerStep());
        t.put("cropsPerClip", o.cropsPerClip());
        t.put("maskRatio", o.maskRatio());
        t.put("peakLearningRate", o.peakLearningRate());
        t.put("warmupSteps", o.warmupSteps());
        t.put("weightDecay", o.weightDecay());
        t.put("beta1", o.beta1());
        t.put("beta2", o.beta2());
        t.put("clipNorm", o.clipNorm());
        t.put("cleanRatio", o.cleanRatio());
        t.put("snrMinDb", o.snrMinDb());
        t.put("snrMaxDb", o.snrMaxDb());
        t.put("maxClipSeconds", o.maxClipSeconds());
        t.put("corpus", corpus.root().toAbsolutePath().normalize().toString());
        t.put("corpusFiles", corpus.size());
        t.put("corpusFingerprint", corpus.fingerprint());
        t.put("mixing", mixer.description());
        if (o.initWeights() != null) {
            if (!Files.isRegularFile(o.initWeights())) { // the first place the file is read
                throw new ConfigurationException("--init: no checkpoint file " + o.initWeights());
            }
            t.put("initWeights", o.initWeights().toAbsolutePath().normalize().toString());
            try {
                t.put("initWeightsSha256", Hashing.sha256(o.initWeights()));
            } catch (IOException e) {
                throw new ConfigurationException("--init: cannot read " + o.initWeights() + ": " + e, e);
            }
        }
        ObjectNode p = t.putObject("provenance");
        provenance.forEach(p::put);
        return t;
    }

    /** Settings that must not change when resuming (they decide the batches and the updates). */
    private static final List<String> RESUME_KEYS = List.of("seed", "clipsPerStep", "cropsPerClip", "maskRatio",
            "peakLearningRate", "warmupSteps", "weightDecay", "beta1", "beta2", "clipNorm", "cleanRatio", "snrMinDb", "snrMaxDb",
            "maxClipSeconds", "corpusFingerprint");

    private static final class Resumed implements AutoCloseable {
        final GramNetwork network;
        final Map<String, Tensor> tensors;
        final long step;

        Resumed(GramNetwork network, Map<String, Tensor> tensors, long step) {
            this.network = network;
            this.tensors = tensors;
            this.step = step;
        }

        @Override
        public void close() {
            network.close();
        }
    }

    /** The network of {@code --init}: every parameter (encoder and decoder) from a nathear GRAM checkpoint of this shape. */
    private static GramNetwork initial(Path file, GramConfig config, Device device, Listener listener) {
        try (SafeTensors.Reader r = SafeTensors.open(file)) {
            GramCheckpoint.Description d = GramCheckpoint.description(r);
            GramCheckpoint.requireCompatible(file, d.config(), config.variant(), config.masking(), config.size());
            GramNetwork net = GramNetwork.fromTensors(d.config(), r.readAll(n -> true), device, false);
            listener.line(String.format(Locale.ROOT, "initial weights: %s (%s checkpoint at step %d); optimiser and schedule start fresh",
                    file, d.kind(), d.step()));
            return net;
        }
    }

    private static Resumed resume(Path file, GramConfig config, ObjectNode training, Device device, Listener listener) {
        try (SafeTensors.Reader r = SafeTensors.open(file)) {
            GramCheckpoint.Description d = GramCheckpoint.description(r);
            GramCheckpoint.requireCompatible(file, d.config(), config.variant(), config.masking(), config.size());
            if (!GramCheckpoint.KIND_TRAINING.equals(d.kind())) {
                throw new ConfigurationException("Checkpoint " + file + " holds weights only; it cannot resume training");
            }
            checkResumeSettings(file, d.training(), training);
            for (String key : List.of("initWeights", "initWeightsSha256")) { // what the run started from stays recorded
                if (d.training().hasNonNull(key)) {
                    training.put(key, d.training().get(key).asText());
                }
            }
            if (d.training().path("steps").asLong() != training.path("steps").asLong()) {
                listener.line("note: --steps changed from " + d.training().path("steps").asLong() + " to "
                        + training.path("steps").asLong() + "; the learning-rate schedule changes with it, so the run "
                        + "will not match an uninterrupted one");
            }
            Map<String, Tensor> tensors = r.readAll(n -> true);
            GramNetwork net = GramNetwork.fromTensors(d.config(), tensors, device, false);
            return new Resumed(net, tensors, d.step());
        }
    }

    /** Checks that resume settings match the checkpoint's (call with the new run's description). */
    static void checkResumeSettings(Path file, JsonNode saved, JsonNode now) {
        List<String> diffs = new ArrayList<>();
        for (String k : RESUME_KEYS) {
            if (!saved.path(k).asText().equals(now.path(k).asText())) {
                diffs.add(k + " " + saved.path(k) + " -> " + now.path(k));
            }
        }
        if (!diffs.isEmpty()) {
            throw new ConfigurationException("Cannot resume " + file + " exactly: settings differ from the checkpoint's: " + diffs
                    + "; use the same options (and data) as the interrupted run");
        }
    }

    private static void save(Path file, GramConfig config, String kind, long step, ObjectNode training, List<Tensor> weights,
                             List<Tensor> optimiser) {
        GramCheckpoint.save(file, new GramCheckpoint.Description(config, kind, step, training), weights, optimiser);
    }

    private static void writeLog(Path file, List<String> rows) {
        StringBuilder sb = new StringBuilder("step,loss,learning_rate,grad_norm,seconds\n");
        rows.forEach(r -> sb.append(r).append('\n'));
        try {
            TempFiles.writeString(file, sb);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write training log " + file + ": " + e, e);
        }
    }

    private static List<String> readLog(Path file, long upToStep) {
        List<String> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty() || line.startsWith("step")) {
                    continue;
                }
                long step = Long.parseLong(line.substring(0, line.indexOf(',')));
                if (step <= upToStep) {
                    rows.add(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("Cannot read training log " + file + " to resume: " + e, e);
        }
        return rows;
    }
}
