package org.nathear.runner.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nathear.tasks.localization.LocalizationTasks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nathear localize}: the localization task of a spatial scene task written by {@code nathear spatialize}. */
@Command(name = "localize", mixinStandardHelpOptions = true,
        description = {"Make a localization task from a spatial scene task (from nathear spatialize): the same clips and "
                + "splits, labelled with the direction of their source relative to the head (x front, y left, z up); "
                + "scored by DoA error. Audio files are hard links where possible."},
        footer = {"", "Exit codes: 0 written, 2 bad usage or input."})
public final class LocalizeCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "TASKDIR", description = "A spatial task folder with scenes/<split>.json.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder the new task folder is written into.")
    Path output;

    @Option(names = "--task-id", paramLabel = "ID", description = "Id (folder name); default: the input's with -nat- -> -loc-.")
    String taskId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(LocalizationTasks.fromSceneTask(input, output, taskId));
        spec.commandLine().getOut().flush();
        return NathearCli.EXIT_OK;
    }
}
