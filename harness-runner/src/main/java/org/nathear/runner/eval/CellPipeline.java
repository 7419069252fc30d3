package org.nathear.runner.eval;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedTask;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.EmbeddingInfo;
import org.nathear.results.schema.FoldResult;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ProbeInfo;
import org.nathear.results.schema.Timings;
import org.nathear.api.util.Hashing;
import org.nathear.results.schema.ModelFacts;
import org.nathear.runner.validate.ProcessMemory;

/**
 * The stages every cell goes through, whatever its task kind; only the protocol differs (scene,
 * event, localization: the {@link CellEvaluator} registered for the kind in {@link RunEngine}).
 *
 * <ol>
 *   <li>{@link #extract}: the channel rule, the model key (weights hash first, so a model folder
 *       whose weights do not match fails before any cache lookup), then every split of the task
 *       through the guarded, cached embedder into memory-mapped matrices, and the task's data hash;</li>
 *   <li>the protocol, on the {@link Extracted} splits (the evaluator's own code), timed by
 *       {@link Extracted#startProbe()};</li>
 *   <li>{@link Extracted#result}: the cell's {@link CellResult} with timings and provenance.</li>
 * </ol>
 * Closing the {@link Extracted} closes the split matrices (their work files are deleted).
 */
final class CellPipeline {
    private CellPipeline() {
    }

    /** How one split is embedded: scene rows or timestamp frames. */
    @FunctionalInterface
    interface SplitEmbedder<S> {
        S embed(EmbeddingExtractor extractor, OpenedTask task, String split, CellContext cell, ModelDescriptor model,
                ChannelAdapter adapter, String modelKey, MessageDigest dataDigest, EmbeddingExtractor.Stats stats);
    }

    /** The scene embeddings of a split, one row per clip. */
    static final SplitEmbedder<EmbeddingExtractor.SplitRows> SCENE_ROWS = (x, task, split, cell, md, adapter, key, digest, stats)
            -> x.extractSceneRows(task, split, cell.openModel(), md, adapter, key, digest, stats);
    /** The timestamp embeddings of a split, one row per frame. */
    static final SplitEmbedder<EmbeddingExtractor.SplitFrames> TIMESTAMP_FRAMES = (x, task, split, cell, md, adapter, key, digest,
                                                                                    stats)
            -> x.extractTimestamps(task, split, cell.openModel(), md, adapter, key, digest, stats);

    /** Stage 1: every split of the cell's task, embedded; close it when the cell is done. */
    static <S extends EmbeddingExtractor.Split> Extracted<S> extract(CellContext cell, String embeddingKind, SplitEmbedder<S> how) {
        TaskDescriptor td = cell.taskDescriptor();
        ModelDescriptor md = cell.modelDescriptor();
        try {
            return extract(cell, td, md, embeddingKind, how);
        } finally {
            // this cell no longer needs the run's shared audio of (task, rate)
            cell.extractor().audioUsed(td.id(), md.sampleRateHz());
        }
    }

    private static <S extends EmbeddingExtractor.Split> Extracted<S> extract(CellContext cell, TaskDescriptor td,
                                                                            ModelDescriptor md, String embeddingKind,
                                                                            SplitEmbedder<S> how) {
        ChannelAdapter adapter = ChannelAdapter.choose(td.layout(), md);
        String weights = cell.model().plugin().weightsSha256(cell.options());
        String modelKey = EmbeddingExtractor.modelKey(md, weights, cell.options().canonical(), adapter, embeddingKind);
        MessageDigest dataDigest = Hashing.sha256();
        EmbeddingExtractor.Stats stats = new EmbeddingExtractor.Stats();
        Extracted<S> out = new Extracted<>(cell, td, md, adapter, weights, modelKey, embeddingKind, stats);
        out.memoryReset = ProcessMemory.reset();
        try {
            try (OpenedTask task = cell.task().plugin().open()) {
                for (String split : td.splits()) {
                    out.splits.put(split, how.embed(cell.extractor(), task, split, cell, md, adapter, modelKey, dataDigest, stats));
                }
                out.dataHash = cell.extractor().dataHash(task, dataDigest, cell.runDir());
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** A cell's embedded splits and what the result records about how they were made. */
    static final class Extracted<S extends EmbeddingExtractor.Split> implements AutoCloseable {
        final CellContext cell;
        final TaskDescriptor task;
        final ModelDescriptor model;
        final ChannelAdapter adapter;
        final String weights;
        final String modelKey;
        final String embeddingKind;
        final EmbeddingExtractor.Stats stats;
        final Map<String, S> splits = new LinkedHashMap<>();
        String dataHash;
        private long probeStart;
        private boolean memoryReset;
        private long peakResidentBytes = -1;

        private Extracted(CellContext cell, TaskDescriptor task, ModelDescriptor model, ChannelAdapter adapter, String weights,
                          String modelKey, String embeddingKind, EmbeddingExtractor.Stats stats) {
            this.cell = cell;
            this.task = task;
            this.model = model;
            this.adapter = adapter;
            this.weights = weights;
            this.modelKey = modelKey;
            this.embeddingKind = embeddingKind;
            this.stats = stats;
        }

        /** Starts the protocol's clock (and reads the extraction's peak memory before the probe adds to it). */
        void startProbe() {
            if (memoryReset && stats.embedded > 0) {
                peakResidentBytes = ProcessMemory.peakResidentBytes();
            }
            probeStart = System.nanoTime();
        }

        /**
         * What this cell measured about the model ({@link ModelFacts}, {@code measuredBy} "run"), or null:
         * the parameter count when the model was opened for the cell; the real-time factor (model call
         * seconds over audio seconds) and the process's peak resident memory during the extraction only
         * when clips went through the model — a cell served from the cache reports neither.
         */
        ModelFacts facts() {
            Long parameters = null;
            if (stats.model != null) {
                OptionalLong count = stats.model.parameterCount();
                parameters = count.isPresent() ? count.getAsLong() : null;
            }
            Double rtf = stats.embedded > 0 && stats.audioSecondsEmbedded > 0
                    ? stats.modelSeconds / stats.audioSecondsEmbedded : null;
            Long memory = peakResidentBytes > 0 ? peakResidentBytes : null;
            return parameters == null && rtf == null && memory == null ? null : new ModelFacts(parameters, rtf, memory, "run");
        }

        /** Progress lines of this cell, prefixed with the model and task. */
        Consumer<String> log() {
            return line -> cell.progress().line("  [" + model.id() + " | " + task.id() + "] " + line);
        }

        /** Writes the hear-eval-kit compatible files of a cell when the run has a folder. */
        void writeHearFiles(List<HearCompatibility.Fold> folds, Map<String, String> chosen, String probeName,
                            List<List<Object>> postprocessing) {
            if (cell.hearOutputDir() != null) {
                Map<String, String> hparams = new LinkedHashMap<>(chosen);
                hparams.put("probe", probeName);
                HearCompatibility.write(cell.hearOutputDir(), task, folds, hparams, postprocessing, "nathear:" + modelKey);
            }
        }

        /** Stage 3: the succeeded cell (the probe clock stops here). */
        CellResult result(Map<String, MetricSummary> metrics, List<FoldResult> folds, ProbeInfo probe,
                          BootstrapInterval primaryInterval) {
            double probeSeconds = (System.nanoTime() - probeStart) / 1e9;
            int size = embeddingKind.equals("timestamp") ? model.timestampEmbeddingSize() : model.sceneEmbeddingSize();
            return CellResult.builder().taskId(task.id()).taskVersion(task.version()).taskDataHash(dataHash)
                    .modelId(model.id()).modelVersion(model.version()).weightsSha256(weights)
                    .status(CellStatus.SUCCEEDED).primaryMetric(task.primaryMetric().id())
                    .primaryScore(metrics.get(task.primaryMetric().id()).mean()).primaryInterval(primaryInterval)
                    .metrics(metrics).folds(folds).channelRule(adapter.rule()).probe(probe)
                    .embedding(new EmbeddingInfo(embeddingKind, size, modelKey))
                    .timings(new Timings(stats.seconds, probeSeconds, stats.embedded, stats.fromCache))
                    .seed(cell.seed()).modelFacts(facts()).build();
        }

        @Override
        public void close() {
            splits.values().forEach(EmbeddingExtractor.Split::close);
        }
    }
}
