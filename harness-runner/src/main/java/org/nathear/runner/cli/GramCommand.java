package org.nathear.runner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nathear gram ...}: pre-training and weight import for GRAM (module models-gram). */
@Command(name = "gram", mixinStandardHelpOptions = true,
        description = "GRAM, the multi-channel masked auto-encoder: pre-train it, make a demo corpus, import the authors' weights.",
        subcommands = {GramTrainCommand.class, GramCorpusCommand.class, GramImportCommand.class, CommandLine.HelpCommand.class})
public final class GramCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
