package org.nathear.api;

/** An audio file or buffer that cannot be read or does not match what is expected (damaged WAV, unsupported encoding, wrong channel count). */
public class AudioFormatException extends HarnessException {
    private static final long serialVersionUID = 1L;

    /** An audio format error; the message names the file and what was wrong with it. */
    public AudioFormatException(String message) {
        super(message);
    }

    /** An audio format error with the exception that revealed it. */
    public AudioFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
