package org.nathear.runner.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nathear.tasks.acoustics.receivers.FoaConvention;
import org.nathear.tasks.tut.TutRealTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nathear tut-real}: TUT Sound Events 2018 REAL as a localization task. */
@Command(name = "tut-real", mixinStandardHelpOptions = true,
        description = {"Turn TUT Sound Events 2018 - Ambisonic, Reverberant and Real-life Impulse Response Dataset (REAL) "
                + "into a localization task: every event cut out of its recording, converted to ACN/SN3D, resampled to "
                + "32 kHz and labelled with its direction (as in the GRAM paper)."},
        footer = {"", "--in is the folder holding wav_ov<O>_split<S>_30db/ and desc_ov<O>_split<S>/.",
                "Exit codes: 0 written, 2 bad usage or input."})
public final class TutRealCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "DIR", description = "Base folder of the unpacked dataset.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder the new task folder is written into.")
    Path output;

    @Option(names = "--overlap", defaultValue = "1", description = "Overlap subset 1-3 (default: ${DEFAULT-VALUE}).")
    int overlap;

    @Option(names = "--split", defaultValue = "1", description = "Cross-validation split 1-3 (default: ${DEFAULT-VALUE}).")
    int split;

    @Option(names = "--foa-convention", defaultValue = "ambix", paramLabel = "ambix|fuma|acn-n3d",
            description = "Channel convention of the recordings, converted to ACN/SN3D (default: ${DEFAULT-VALUE}).")
    String convention;

    @Option(names = "--task-id", paramLabel = "ID", description = "Id (folder name); default: tut2018-real-ov<O>-split<S>-v1-full.")
    String taskId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TutRealTask.Result r = TutRealTask.write(input, overlap, split, FoaConvention.parse(convention), output, taskId);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s (%d event clips, %d overlapping events left out)%n",
                r.taskFolder(), r.clips(), r.skippedOverlapping());
        spec.commandLine().getOut().flush();
        return NathearCli.EXIT_OK;
    }
}
