package org.nathear.api;

/** A model plugin that failed while opening or embedding, or returned output that breaks the contract (wrong shape, NaN, irregular timestamps). */
public class ModelException extends HarnessException {
    private static final long serialVersionUID = 1L;

    /** A model failure; the message names the model, the call and what went wrong. */
    public ModelException(String message) {
        super(message);
    }

    /** A model failure with the exception the model threw. */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
