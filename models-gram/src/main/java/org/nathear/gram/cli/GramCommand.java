package org.nathear.gram.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code nathear gram ...}: pre-training and weight import for GRAM, contributed to the command line by
 * {@link GramCommandPlugin}.
 */
@Command(name = "gram", mixinStandardHelpOptions = true,
        description = "GRAM, the multi-channel masked auto-encoder: pre-train it, make a demo corpus, import the authors' weights.",
        subcommands = {GramTrainCommand.class, GramCorpusCommand.class, GramImportCommand.class, CommandLine.HelpCommand.class})
public final class GramCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final org.nathear.api.spi.CommandPlugin.CommandContext context;

    /** A command for picocli's own use (help); provenance then says "unknown". */
    public GramCommand() {
        this(new org.nathear.api.spi.CommandPlugin.CommandContext("unknown", "unknown"));
    }

    GramCommand(org.nathear.api.spi.CommandPlugin.CommandContext context) {
        this.context = context;
    }

    /** What the harness told this command. */
    org.nathear.api.spi.CommandPlugin.CommandContext context() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
