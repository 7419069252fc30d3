package org.nathear.api;

/** An audio file or buffer that cannot be read or does not match what is expected (damaged WAV, unsupported encoding, wrong channel count). */
public class AudioFormatException extends HarnessException {
    private static final long serialVersionUID = 1L;

    public AudioFormatException(String message) {
        super(message);
    }

    public AudioFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
