package org.nathear.api;

/**
 * Root of nathear's one unchecked exception family.
 *
 * <p>Messages say what failed, the offending value, what was expected and, where possible, how to
 * fix it. Catch this type to handle every harness failure; never log and rethrow.
 */
public class HarnessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error whose message alone tells the user what failed, where, and what was expected. */
    public HarnessException(String message) {
        super(message);
    }

    /** An error with the exception that revealed it; the message still stands on its own. */
    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
