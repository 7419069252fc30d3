package org.nathear.runner.eval;

import org.nathear.api.HarnessException;

/**
 * A run stopped by {@code --fail-fast} at its first failed cell. The cells before it were run and
 * written, so this is a cell failure (exit code 1), not bad usage; the message names the cell and
 * carries the cell's own reason.
 */
public final class FailFastStop extends HarnessException {
    private static final long serialVersionUID = 1L;

    /**
     * @param taskId  the failed cell's task
     * @param modelId the failed cell's model
     * @param cause   why the cell failed
     */
    public FailFastStop(String taskId, String modelId, RuntimeException cause) {
        super("Stopped by --fail-fast: cell (" + taskId + ", " + modelId + ") failed: "
                + (cause instanceof HarnessException ? cause.getMessage() : cause.toString()), cause);
    }
}
