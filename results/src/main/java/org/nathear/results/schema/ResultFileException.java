package org.nathear.results.schema;

import org.nathear.api.HarnessException;

/**
 * A run result file that cannot be written or read: I/O failures, text that is not JSON (a
 * truncated file), an unknown {@code schema}, or fields that do not match the schema. The message
 * names the file.
 */
public class ResultFileException extends HarnessException {
    private static final long serialVersionUID = 1L;

    public ResultFileException(String message) {
        super(message);
    }

    public ResultFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
