package org.nathear.api.spi;

/**
 * A subcommand of {@code nathear} contributed by a module other than the runner (for example
 * {@code nathear gram}, from models-gram), found with {@link java.util.ServiceLoader} on the class
 * path. The runner knows no such module at compile time: it adds whatever it finds.
 *
 * <p>The command is a picocli command object (a class annotated with {@code @picocli.CommandLine.Command},
 * with its own sub-commands if it has any). harness-api does not depend on picocli, so it is returned
 * as {@link Object}; the runner rejects anything else with a message naming the plugin class.
 * Commands report bad input by throwing a {@link org.nathear.api.HarnessException}, which the runner
 * turns into one line and the exit code of its kind.
 */
public interface CommandPlugin {

    /**
     * Creates the command object.
     *
     * @param context facts about the harness that a command may record (for example in provenance)
     * @return a new picocli command object
     */
    Object command(CommandContext context);

    /**
     * What the harness tells a plugin command.
     *
     * @param harnessVersion the nathear version that runs the command
     * @param harnessCommit  the commit it was built from, or {@code "unknown"}
     */
    record CommandContext(String harnessVersion, String harnessCommit) {
    }
}
