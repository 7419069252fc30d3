package org.nathear.runner.cli;

import java.io.PrintWriter;
import org.nathear.api.HarnessException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nathear} command line.
 *
 * <p>Exit codes: 0 success; 1 at least one (task, model) cell failed (the others finished and
 * results were written); 2 bad usage or configuration (nothing was run); 3 reserved for score
 * regressions found by {@code nathear check}; 5 the run was ended early by a {@code System.exit} call
 * inside the JVM (a plugin): results.json holds the cells finished before it, and {@code --resume}
 * completes it (see {@link ExitGuard}).
 */
@Command(name = "nathear", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Benchmark harness for audio foundation models in real-world sound scenes.",
        subcommands = {ListCommand.class, RunCommand.class, VersionCommand.class, ValidateModelCommand.class,
                LeaderboardCommand.class, CheckCommand.class, SpatializeCommand.class, LocalizeCommand.class,
                TutRealCommand.class, GramCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a cell failed (others finished), 2 bad usage or configuration.",
                "Start with: nathear run   (the built-in demo suite with every available model)"})
public final class NathearCli implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_CELL_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** A run ended early by {@code System.exit} inside the JVM (e.g. by a plugin); see {@link ExitGuard}. */
    public static final int EXIT_INTERRUPTED = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line wired for nathear: harness errors become one clear message and exit code 2. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new NathearCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof HarnessException) {
                commandLine.getErr().println("nathear: " + org.nathear.results.SafeText.terminal(ex.getMessage()));
                commandLine.getErr().flush();
                return EXIT_USAGE;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
