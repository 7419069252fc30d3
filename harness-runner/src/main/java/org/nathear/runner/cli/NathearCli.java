package org.nathear.runner.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import org.nathear.api.HarnessException;
import org.nathear.api.PluginException;
import org.nathear.api.spi.CommandPlugin;
import org.nathear.runner.HarnessVersion;
import org.nathear.runner.eval.FailFastStop;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nathear} command line.
 *
 * <p>Exit codes: 0 success; 1 at least one (task, model) cell failed (the others finished and
 * results were written), or under {@code --fail-fast} the first failed cell stopped the run (the cells
 * before it were written); 2 bad usage or configuration (nothing was run); 3 and 4 are {@code nathear
 * check}'s (a regression; results and baseline cover different cells); 5 the run was ended early by a
 * {@code System.exit} call inside the JVM (a plugin): results.json holds the cells finished before it,
 * and {@code --resume} completes it (see {@link ExitGuard}).
 */
@Command(name = "nathear", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Benchmark harness for audio foundation models in real-world sound scenes.",
        subcommands = {ListCommand.class, RunCommand.class, VersionCommand.class, ValidateModelCommand.class,
                LeaderboardCommand.class, CheckCommand.class, SpatializeCommand.class, LocalizeCommand.class,
                TutRealCommand.class, CommandLine.HelpCommand.class,
                ExportEmbeddingsCommand.class, picocli.AutoComplete.GenerateCompletion.class},
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

    /**
     * A command line wired for nathear: the built-in commands, every {@link CommandPlugin} on the class
     * path (e.g. {@code gram} from models-gram), and harness errors as one clear message and exit code 2.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new NathearCli());
        addPluginCommands(cl);
        cl.setOut(out);
        cl.setErr(err);
        CliHabits.apply(cl);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof HarnessException) {
                if (Verbosity.of(commandLine.getCommandSpec()).verbose()) {
                    ex.printStackTrace(commandLine.getErr());
                }
                commandLine.getErr().println("nathear: " + org.nathear.results.boards.SafeText.terminal(ex.getMessage()));
                commandLine.getErr().flush();
                return exitCodeOf((HarnessException) ex);
            }
            throw ex;
        });
        return cl;
    }

    /**
     * The exit code of a command that ended with a harness error: {@link #EXIT_CELL_FAILED} when cells had
     * run and one failed under {@code --fail-fast}; {@link #EXIT_USAGE} for everything found before work
     * began (bad options, unreadable tasks or plugins, unknown ids).
     */
    public static int exitCodeOf(HarnessException e) {
        return e instanceof FailFastStop ? EXIT_CELL_FAILED : EXIT_USAGE;
    }

    private static void addPluginCommands(CommandLine cl) {
        CommandPlugin.CommandContext context = new CommandPlugin.CommandContext(HarnessVersion.version(),
                HarnessVersion.gitCommit());
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class, NathearCli.class.getClassLoader())) {
            Object command = plugin.command(context);
            if (command == null || !command.getClass().isAnnotationPresent(Command.class)) {
                throw new PluginException("Command plugin " + plugin.getClass().getName()
                        + " returned " + (command == null ? "null" : command.getClass().getName())
                        + "; expected an object annotated with @picocli.CommandLine.Command");
            }
            CommandLine sub = new CommandLine(command);
            String name = sub.getCommandName();
            if (cl.getSubcommands().containsKey(name)) {
                throw new PluginException("Command plugin " + plugin.getClass().getName() + " adds '" + name
                        + "', which nathear already has");
            }
            cl.addSubcommand(name, sub);
        }
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
