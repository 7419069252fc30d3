package org.nathear.runner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every nathear command gets, applied once to the whole command tree by
 * {@link NathearCli#commandLine}: the {@link Verbosity} options, the examples of {@link HelpExamples}
 * at the top of the help footer, {@code generate-completion} listed in the help (picocli hides it),
 * and library logging set from the verbosity before a command runs. Picocli's {@code @file} argument
 * files work everywhere (picocli's default, documented in docs/cli.md).
 */
final class CliHabits {
    private CliHabits() {
    }

    static void apply(CommandLine root) {
        visit(root);
        CommandLine completion = root.getSubcommands().get("generate-completion");
        if (completion != null) {
            completion.getCommandSpec().usageMessage().hidden(false)
                    .description("Print a bash/zsh completion script for nathear (picocli's AutoComplete).",
                            "Load it in this shell with: source <(nathear generate-completion)");
        }
        root.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult last = parseResult;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            Verbosity verbosity;
            try {
                verbosity = Verbosity.of(last.commandSpec());
            } catch (org.nathear.api.ConfigurationException e) {
                throw new CommandLine.ParameterException(last.commandSpec().commandLine(), e.getMessage(), e);
            }
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbosity.libraryLogLevel());
            CacheDirs.system().configureDjl();
            return new CommandLine.RunLast().execute(parseResult);
        });
    }

    private static void visit(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--quiet") == null && spec.findOption("--verbose") == null
                && spec.findOption("-q") == null && spec.findOption("-v") == null) {
            spec.addMixin(Verbosity.MIXIN, CommandSpec.forAnnotatedObject(new Verbosity()));
        }
        List<String> examples = HelpExamples.BY_COMMAND.get(qualifiedName(spec));
        if (examples != null) {
            List<String> footer = new ArrayList<>();
            footer.add("");
            footer.add("Examples:");
            for (String e : examples) {
                footer.add("  " + e);
            }
            footer.addAll(List.of(spec.usageMessage().footer()));
            spec.usageMessage().footer(footer.toArray(String[]::new));
        }
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) { // aliases share the CommandLine
                visit(sub.getValue());
            }
        }
    }

    /** {@code "run"}, {@code "gram train"}; {@code ""} for the root. */
    static String qualifiedName(CommandSpec spec) {
        String full = spec.qualifiedName(" ");
        int space = full.indexOf(' ');
        return space < 0 ? "" : full.substring(space + 1);
    }
}
