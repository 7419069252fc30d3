package org.nathear.api;

/** Invalid user configuration: unknown or malformed options, unwritable output folders, bad command-line values. */
public class ConfigurationException extends HarnessException {
    private static final long serialVersionUID = 1L;

    /** A configuration error; the message names the setting, the value and what was expected. */
    public ConfigurationException(String message) {
        super(message);
    }

    /** A configuration error with the exception that revealed it. */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
