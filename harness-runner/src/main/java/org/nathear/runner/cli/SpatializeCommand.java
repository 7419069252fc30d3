package org.nathear.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nathear.tasks.hrtf.BinauralHead;
import org.nathear.tasks.spatial.scene.Mixing;
import org.nathear.tasks.spatial.scene.SpatialFormat;
import org.nathear.tasks.spatial.Spatializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nathear spatialize}: the Nat-HEAR version of a HEAR task (and, on request, its localization task). */
@Command(name = "spatialize", mixinStandardHelpOptions = true,
        description = {"Render every clip of a mono HEAR task into its own simulated scene (room reverberation, noise at "
                + "5-40 dB SNR) in binaural or first-order Ambisonics format and write the result as a HEAR task, with "
                + "each clip's scene parameters in scenes/<split>.json.",
                "Deterministic by seed; an interrupted run resumes when started again with the same options."},
        footer = {"", "Writes OUT/<id>/ (default id: <name>-nat-<format>-<version>-<mode>) and, with --localization, "
                + "OUT/<name>-loc-<format>-<version>-<mode>/.", "See docs/nat-hear.md.",
                "Exit codes: 0 written, 2 bad usage or input (nothing half-written)."})
public final class SpatializeCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, paramLabel = "binaural|foa", description = "Receiver format.")
    String format;

    @Option(names = "--in", required = true, paramLabel = "TASKDIR", description = "The mono HEAR task folder to spatialize.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder the new task folder is written into.")
    Path output;

    @Option(names = "--sofa", paramLabel = "FILE", description = "HRTF (SOFA SimpleFreeFieldHRIR) for binaural scenes, "
            + "instead of a built-in --head.")
    Path sofa;

    @Option(names = "--head", paramLabel = "kemar|sphere", defaultValue = "kemar", description = "Built-in head for binaural "
            + "scenes: kemar = MIT KEMAR, measured, with pinnae (default); sphere = rigid spherical head, no pinnae "
            + "(no front-back or elevation cues).")
    String head;

    @Option(names = "--mixing", paramLabel = "nathear|authors", defaultValue = "nathear", description = "Noise mixing: "
            + "nathear = a noise clip per source, one gain for all channels over the noise-active samples (keeps the "
            + "noise's level differences; default); authors = as the GRAM authors' Nat-HEAR: one clip through every "
            + "noise response, each channel scaled to the SNR over the whole clip.")
    String mixing;

    @Option(names = "--rirs", paramLabel = "DIR", description = "Folder of external impulse responses "
            + "(impulse_responses.json + WAVs) used instead of the room simulator.")
    Path rirs;

    @Option(names = "--noise", paramLabel = "DIR", description = "Folder of noise recordings (*.wav, e.g. WHAMR! noise). "
            + "Default: generated noise textures.")
    Path noise;

    @Option(names = "--seed", defaultValue = "0", description = "Scene seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--task-id", paramLabel = "ID", description = "Id (folder name) of the new task.")
    String taskId;

    @Option(names = "--localization", description = "Also write the localization task (direction of each clip's source).")
    boolean localization;

    @Option(names = "--threads", paramLabel = "N", description = "Clips rendered in parallel (default: the number of cores).")
    Integer threads;


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean quiet = Verbosity.of(spec).quiet();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Spatializer.Settings settings = new Spatializer.Settings(SpatialFormat.parse(format), seed, BinauralHead.parse(head),
                sofa, rirs, noise, taskId, localization, n, null, Mixing.parse(mixing));
        long start = System.nanoTime();
        Spatializer.Result result = Spatializer.run(input, output, settings, new Spatializer.Progress() {
            private long last;

            @Override
            public synchronized void clips(int done, int total) {
                long now = System.nanoTime();
                if (!quiet && (done == total || now - last > 2_000_000_000L)) {
                    last = now;
                    err.printf(Locale.ROOT, "  %d/%d clips (%.0f%%) %.1f s%n", done, total, 100.0 * done / total,
                            (now - start) / 1e9);
                    err.flush();
                }
            }

            @Override
            public void message(String line) {
                if (!quiet) {
                    err.println(line);
                    err.flush();
                }
            }
        });
        out.printf(Locale.ROOT, "%s (%d clips, %d rendered, %d resumed, %.1f s)%n", result.taskFolder(), result.clips(),
                result.rendered(), result.resumed(), (System.nanoTime() - start) / 1e9);
        if (result.localizationFolder() != null) {
            out.println(result.localizationFolder());
        }
        out.flush();
        return NathearCli.EXIT_OK;
    }
}
