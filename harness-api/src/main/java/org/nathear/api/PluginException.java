package org.nathear.api;

/** Plugin discovery and selection failures: unknown ids (the message lists the available ones), duplicate ids (the message names both classes), plugins that cannot be loaded. */
public class PluginException extends HarnessException {
    private static final long serialVersionUID = 1L;

    /** A plugin error (discovery, loading, descriptor); the message names the plugin and its origin. */
    public PluginException(String message) {
        super(message);
    }

    /** A plugin error with the exception that revealed it. */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
