package org.nathear.runner.cli;

import org.nathear.api.ConfigurationException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code -q/--quiet} and {@code -v/--verbose}, on every nathear command ({@link CliHabits} adds this
 * mixin to each command under the name {@value #MIXIN}).
 *
 * <ul>
 *   <li>quiet: no progress lines or notes on stderr, library log lines at error level only; results on
 *       stdout, warnings that change the meaning of a result, and errors are still printed;</li>
 *   <li>verbose: library log lines (DJL, SLF4J) at debug level and the stack trace with every error;</li>
 *   <li>neither: progress (a live bar on a terminal, plain lines otherwise), library warnings.</li>
 * </ul>
 */
public final class Verbosity {
    /** The name of the mixin in every command's spec. */
    static final String MIXIN = "verbosity";

    @Option(names = {"-q", "--quiet"}, description = "Quiet: no progress lines or notes on stderr; results and errors only.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Verbose: library logs at debug level, stack traces with errors.")
    boolean verbose;

    /**
     * The verbosity in effect for a command: its own {@code -q}/{@code -v} and its parents'
     * ({@code nathear -q run} and {@code nathear run -q} mean the same).
     *
     * @throws ConfigurationException if both --quiet and --verbose were given
     */
    static Verbosity of(CommandSpec spec) {
        Verbosity merged = new Verbosity();
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            CommandSpec mixin = s.mixins().get(MIXIN);
            if (mixin != null && mixin.userObject() instanceof Verbosity v) {
                merged.quiet |= v.quiet;
                merged.verbose |= v.verbose;
            }
        }
        merged.check();
        return merged;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    void check() {
        if (quiet && verbose) {
            throw new ConfigurationException("--quiet and --verbose contradict each other; give one of them");
        }
    }

    /** The SLF4J simple binding's default level for this verbosity (read when the first logger is made). */
    String libraryLogLevel() {
        return quiet ? "error" : verbose ? "debug" : "warn";
    }
}
