package org.nathear.gram.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nathear.gram.train.DemoCorpus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nathear gram corpus}: a small synthetic pre-training corpus from the demo-suite generators. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = {"Write a small synthetic pre-training corpus: the demo-suite generators run with --seed (not the seed of "
                + "the suite 'nathear run' evaluates on) and their 1 s clips are concatenated at random into --seconds long WAVs.",
                "The embedded GRAM-tiny checkpoints were trained on such a corpus (see docs/gram.md)."})
public final class GramCorpusCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New (or empty) folder for the WAV files.")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the generators and the concatenation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clips", defaultValue = "400", description = "Files to write (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--seconds", defaultValue = "4", description = "Length of each file in seconds, at least 2 (default: ${DEFAULT-VALUE}).")
    double seconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        int used = DemoCorpus.write(out, seed, clips, seconds);
        pw.println("wrote " + clips + " file(s) of " + seconds + " s into " + out + " from " + used + " demo clips (seed " + seed + ")");
        pw.flush();
        return 0;
    }
}
