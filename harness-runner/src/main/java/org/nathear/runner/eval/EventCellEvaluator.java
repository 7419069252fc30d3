package org.nathear.runner.eval;

import java.util.List;
import org.nathear.results.schema.CellResult;

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
        try (CellPipeline.Extracted<EmbeddingExtractor.SplitFrames> x = CellPipeline.extract(cell, "timestamp",
                CellPipeline.TIMESTAMP_FRAMES)) {
            x.startProbe();
            EventProbeEvaluation.Outcome outcome = EventProbeEvaluation.evaluate(x.task, x.splits, cell.probe(), cell.seed(),
                    postprocessingGrid, x.log());
            CellResult result = x.result(outcome.metrics(), outcome.folds(), outcome.probe(), outcome.primaryInterval());
            x.writeHearFiles(outcome.hearFolds(), outcome.probe().chosen(), cell.probe().name(),
                    outcome.chosenPostprocessing().get(0).asHearPairs());
            return result;
        }
    }
}
