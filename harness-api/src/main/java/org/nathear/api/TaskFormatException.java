package org.nathear.api;

/** A task folder or task definition that is malformed: missing metadata fields, unknown split mode, labels outside the vocabulary, missing audio, paths escaping the folder. */
public class TaskFormatException extends HarnessException {
    private static final long serialVersionUID = 1L;

    /** A task format error; the message names the file and line or field. */
    public TaskFormatException(String message) {
        super(message);
    }

    /** A task format error with the exception that revealed it. */
    public TaskFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
