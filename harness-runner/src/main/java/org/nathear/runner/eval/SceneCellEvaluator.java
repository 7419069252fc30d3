package org.nathear.runner.eval;

import java.util.List;
import org.nathear.results.schema.CellResult;

/**
 * Scene tasks (multiclass and multilabel, fixed-length or variable-length clips): scene embeddings
 * of every split into memory-mapped matrices ({@link CellPipeline}), then {@link SceneProbeEvaluation},
 * then the hear-eval-kit compatible files ({@link HearCompatibility}) when the run has a folder.
 */
public final class SceneCellEvaluator implements CellEvaluator {

    @Override
    public CellResult evaluate(CellContext cell) {
        try (CellPipeline.Extracted<EmbeddingExtractor.SplitRows> x = CellPipeline.extract(cell, "scene", CellPipeline.SCENE_ROWS)) {
            x.startProbe();
            SceneProbeEvaluation.Outcome outcome = SceneProbeEvaluation.evaluateRows(x.task, x.splits, cell.probe(), cell.seed(),
                    x.log());
            CellResult result = x.result(outcome.metrics(), outcome.folds(), outcome.probe(), outcome.primaryInterval());
            x.writeHearFiles(outcome.hearFolds(), outcome.probe().chosen(), cell.probe().name(), List.of());
            return result;
        }
    }
}
