package org.nathear.results.merge;

import java.util.List;
import org.nathear.results.schema.ResultFileException;

/**
 * Two or more result files hold different results for the same (task, model) cell and the merge
 * was asked to refuse ({@link ConflictPolicy#ERROR}). The message names every conflicting cell,
 * the files and runs it came from and their primary scores.
 */
public class CellConflictException extends ResultFileException {
    private static final long serialVersionUID = 1L;

    private final List<String> conflicts;

    public CellConflictException(List<String> conflicts) {
        super(conflicts.size() + " conflicting cell" + (conflicts.size() == 1 ? "" : "s")
                + " (the same task and model with different results in two runs):\n  " + String.join("\n  ", conflicts)
                + "\nLeave one of the files out, or pass --on-conflict latest to keep the cell of the run that "
                + "started last.");
        this.conflicts = List.copyOf(conflicts);
    }

    /** One line per conflicting cell. */
    public List<String> conflicts() {
        return conflicts;
    }
}
