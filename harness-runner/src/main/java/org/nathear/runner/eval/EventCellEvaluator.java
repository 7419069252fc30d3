package org.nathear.runner.eval;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedTask;
import org.nathear.results.CellResult;
import org.nathear.results.CellStatus;
import org.nathear.results.EmbeddingInfo;
import org.nathear.results.Timings;
import org.nathear.runner.util.Hashing;

/**
 * Event tasks (DCASE 2016 task 2 and the like): timestamp embeddings of every split into
 * memory-mapped frame matrices (checked as hear-validator checks them), then
 * {@link EventProbeEvaluation} with hear-eval-kit's post-processing grid, then the hear-eval-kit
 * compatible files when the run has a folder.
 */
public final class EventCellEvaluator implements CellEvaluator {
    private final List<EventPostprocessing.Setting> postprocessingGrid;

    /** hear-eval-kit's default post-processing grid. */
    public EventCellEvaluator() {
        this(EventPostprocessing.HEAR_GRID);
    }

    public EventCellEvaluator(List<EventPostprocessing.Setting> postprocessingGrid) {
        this.postprocessingGrid = List.copyOf(postprocessingGrid);
    }

    @Override
    public CellResult evaluate(CellContext cell) {
        TaskDescriptor td = cell.taskDescriptor();
        ModelDescriptor md = cell.modelDescriptor();
        ChannelAdapter adapter = ChannelAdapter.choose(td.layout(), md);
        String weights = cell.model().plugin().weightsSha256(cell.options());
        String modelKey = EmbeddingExtractor.modelKey(md, weights, cell.options().canonical(), adapter, "timestamp");
        MessageDigest dataDigest = Hashing.sha256();
        String dataHash;
        EmbeddingExtractor.Stats stats = new EmbeddingExtractor.Stats();
        Map<String, EmbeddingExtractor.SplitFrames> splits = new LinkedHashMap<>();
        try {
            try (OpenedTask task = cell.task().plugin().open()) {
                for (String split : td.splits()) {
                    splits.put(split, cell.extractor().extractTimestamps(task, split, cell.openModel(), md, adapter, modelKey,
                            dataDigest, stats));
                }
                dataHash = cell.extractor().dataHash(task, dataDigest, cell.runDir());
            }
            long probeStart = System.nanoTime();
            EventProbeEvaluation.Outcome outcome = EventProbeEvaluation.evaluate(td, splits, cell.probe(), cell.seed(),
                    postprocessingGrid, line -> cell.progress().line("  [" + md.id() + " | " + td.id() + "] " + line));
            double probeSeconds = (System.nanoTime() - probeStart) / 1e9;
            if (cell.hearOutputDir() != null) {
                Map<String, String> hparams = new LinkedHashMap<>(outcome.probe().chosen());
                hparams.put("probe", cell.probe().name());
                HearCompatibility.write(cell.hearOutputDir(), td, outcome.hearFolds(), hparams,
                        outcome.chosenPostprocessing().get(0).asHearPairs(), "nathear:" + modelKey);
            }
            return new CellResult(td.id(), td.version(), dataHash, md.id(), md.version(), weights,
                    CellStatus.SUCCEEDED, "", td.primaryMetric().id(), outcome.metrics().get(td.primaryMetric().id()).mean(),
                    outcome.metrics(), outcome.folds(), adapter.rule(), outcome.probe(),
                    new EmbeddingInfo("timestamp", md.timestampEmbeddingSize(), modelKey),
                    new Timings(stats.seconds, probeSeconds, stats.embedded, stats.fromCache), cell.seed())
                    .withPrimaryInterval(outcome.primaryInterval());
        } finally {
            splits.values().forEach(s -> s.frames().close());
        }
    }
}
