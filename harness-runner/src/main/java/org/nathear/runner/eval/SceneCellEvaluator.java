package org.nathear.runner.eval;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedTask;
import org.nathear.results.CellResult;
import org.nathear.results.CellStatus;
import org.nathear.results.EmbeddingInfo;
import org.nathear.results.Timings;
import org.nathear.runner.util.Hashing;

/** Scene tasks (multiclass and multilabel): scene embeddings of every split, then {@link SceneProbeEvaluation}. */
public final class SceneCellEvaluator implements CellEvaluator {

    @Override
    public CellResult evaluate(CellContext cell) {
        TaskDescriptor td = cell.taskDescriptor();
        ModelDescriptor md = cell.modelDescriptor();
        ChannelAdapter adapter = ChannelAdapter.choose(td.layout(), md);
        String weights = cell.model().plugin().weightsSha256(cell.options());
        String modelKey = EmbeddingExtractor.modelKey(md, weights, cell.options().canonical(), adapter, "scene");
        MessageDigest dataDigest = Hashing.sha256();
        EmbeddingExtractor.Stats stats = new EmbeddingExtractor.Stats();
        Map<String, SplitEmbeddings> splits = new LinkedHashMap<>();
        try (OpenedTask task = cell.task().plugin().open()) {
            for (String split : td.splits()) {
                splits.put(split, cell.extractor().extractScene(task, split, cell.openModel(), md, adapter, modelKey,
                        dataDigest, stats));
            }
        }
        long probeStart = System.nanoTime();
        SceneProbeEvaluation.Outcome outcome = SceneProbeEvaluation.evaluate(td, splits, cell.probe(), cell.seed());
        double probeSeconds = (System.nanoTime() - probeStart) / 1e9;
        return new CellResult(td.id(), td.version(), Hashing.hex(dataDigest.digest()), md.id(), md.version(), weights,
                CellStatus.SUCCEEDED, "", td.primaryMetric().id(), outcome.metrics().get(td.primaryMetric().id()).mean(),
                outcome.metrics(), outcome.folds(), adapter.rule(), outcome.probe(),
                new EmbeddingInfo("scene", md.sceneEmbeddingSize(), modelKey),
                new Timings(stats.seconds, probeSeconds, stats.embedded, stats.fromCache), cell.seed())
                .withPrimaryInterval(outcome.primaryInterval());
    }
}
