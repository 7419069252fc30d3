package org.nathear.runner.eval;

import org.nathear.results.schema.CellResult;

/**
 * Evaluates one kind of task for one model: embeddings, probe, metrics. {@link RunEngine} picks the
 * evaluator by the task's kind; a kind without one ends its cells as skipped with the reason.
 * Throwing ends the cell as failed with the exception's message.
 */
public interface CellEvaluator {
    CellResult evaluate(CellContext cell);
}
