package org.nathear.api;

/** Invalid user configuration: unknown or malformed options, unwritable output folders, bad command-line values. */
public class ConfigurationException extends HarnessException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
