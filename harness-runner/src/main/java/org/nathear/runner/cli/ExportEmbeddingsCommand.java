package org.nathear.runner.cli;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nathear.api.ConfigurationException;
import org.nathear.api.Label;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.util.Hashing;
import org.nathear.runner.cache.EmbeddingMatrix;
import org.nathear.runner.eval.ChannelAdapter;
import org.nathear.runner.eval.EmbeddingExtractor;
import org.nathear.runner.eval.RunEngine;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.export.HearEmbeddingFiles;
import org.nathear.runner.plugins.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nathear export-embeddings}: the embeddings {@code nathear run} probes, written per model, task
 * and split in hear-eval-kit's layout for Python ({@link HearEmbeddingFiles}). Uses (and fills) the
 * same embedding cache as {@code run}.
 */
@Command(name = "export-embeddings", mixinStandardHelpOptions = true,
        description = {"Write the embeddings of models on tasks in hear-eval-kit's layout, for your own probes in Python:",
                "OUT/<model>/<task>/<split>.embeddings.npy (float32 rows, no .npy header: np.memmap), "
                        + "<split>.embedding-dimensions.json, <split>.target-labels.pkl, <split>.filenames.json "
                        + "(scene) or <split>.filename-timestamps.json (event), labelvocabulary.csv.",
                "Scene tasks get scene embeddings; event tasks get timestamp embeddings, one row per frame. "
                        + "The embedding cache of `nathear run` is read and filled."},
        footer = {"", "Read a split in Python:",
                "  dims = json.load(open('train.embedding-dimensions.json'))",
                "  x = np.memmap('train.embeddings.npy', dtype='float32', mode='r', shape=tuple(dims))",
                "  y = pickle.load(open('train.target-labels.pkl', 'rb'))",
                "", "Exit codes: 0 every (model, task) pair exported, 1 one failed (the others were written), 2 bad usage."})
public final class ExportEmbeddingsCommand implements Callable<Integer> {
    @Mixin
    DiscoveryOptions discovery;

    @Option(names = {"-m", "--models"}, split = ",", paramLabel = "ID",
            description = "Model ids or model folders (SCHEME:PATH), comma-separated. Default: every available model.")
    List<String> models = new ArrayList<>();

    @Option(names = {"-t", "--tasks"}, split = ",", paramLabel = "ID", description = "Task ids (comma-separated). Default: every available task.")
    List<String> tasks = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Export folder: OUT/<model>/<task>/.")
    Path out;

    @Mixin
    EmbeddingCacheOptions cache;

    @Option(names = "--batch-size", defaultValue = "16", description = "Clips per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Limit for opening a model and for each model call (e.g. 90s, 10m; 0 = none; default: ${DEFAULT-VALUE}).")
    java.time.Duration callTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new ConfigurationException("--batch-size must be at least 1; got " + batchSize);
        }
        PluginRegistry registry = discovery.discover(models);
        List<PluginRegistry.ModelEntry> modelEntries = new ArrayList<>(
                registry.select(models, registry.models(), registry::model).values());
        List<PluginRegistry.TaskEntry> taskEntries = new ArrayList<>(
                registry.select(tasks, registry.tasks(), registry::task).values());
        if (modelEntries.isEmpty() || taskEntries.isEmpty()) {
            throw new ConfigurationException("Nothing to export: " + modelEntries.size() + " model(s), " + taskEntries.size()
                    + " task(s)");
        }
        Progress progress = Progress.forStream(spec.commandLine().getErr(), Verbosity.of(spec).quiet());
        EmbeddingExtractor extractor = new EmbeddingExtractor(cache.localEmbeddingCache(), batchSize, progress);
        int failed = 0;
        for (PluginRegistry.ModelEntry modelEntry : modelEntries) {
            ModelDescriptor md = modelEntry.plugin().descriptor();
            try (RunEngine.LazyModel lazy = new RunEngine.LazyModel(modelEntry, ModelOptions.NONE, callTimeout)) {
                for (PluginRegistry.TaskEntry taskEntry : taskEntries) {
                    if (taskEntry.isBroken()) {
                        progress.line("[" + md.id() + " | " + taskEntry.id() + "] skipped: " + taskEntry.error());
                        failed++;
                        continue;
                    }
                    try {
                        Path dir = exportOne(modelEntry, taskEntry, extractor, lazy);
                        progress.line("[" + md.id() + " | " + taskEntry.id() + "] exported to " + dir);
                    } catch (RuntimeException e) {
                        failed++;
                        spec.commandLine().getErr().println("nathear export-embeddings: " + md.id() + " on " + taskEntry.id()
                                + " failed: " + e.getMessage());
                    }
                }
            }
        }
        spec.commandLine().getOut().println("Embeddings: " + out.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return failed == 0 ? NathearCli.EXIT_OK : NathearCli.EXIT_CELL_FAILED;
    }

    /**
     * Exports one (model, task) pair with the options {@code nathear run} would use for it (the model's
     * defaults for the task's kind, e.g. GRAM's CLS token on localization tasks), so the exported
     * embeddings are the ones a run scores and come from the same cache entries.
     */
    private Path exportOne(PluginRegistry.ModelEntry modelEntry, PluginRegistry.TaskEntry taskEntry,
                           EmbeddingExtractor extractor, RunEngine.LazyModel lazy) {
        TaskDescriptor td = taskEntry.plugin().descriptor();
        ModelOptions options = modelEntry.plugin().optionsFor(td.kind(), ModelOptions.NONE);
        ModelDescriptor md = modelEntry.plugin().descriptor(options);
        ChannelAdapter adapter = ChannelAdapter.choose(td.layout(), md);
        String weights = modelEntry.plugin().weightsSha256(options);
        boolean frames = td.kind().usesTimestampEmbeddings();
        String modelKey = EmbeddingExtractor.modelKey(md, weights, options.canonical(), adapter,
                frames ? "timestamp" : "scene");
        java.util.function.Supplier<OpenedModel> model = lazy.with(options);
        Path dir = out.resolve(md.id()).resolve(td.id());
        MessageDigest digest = Hashing.sha256();
        EmbeddingExtractor.Stats stats = new EmbeddingExtractor.Stats();
        try (OpenedTask task = taskEntry.plugin().open()) {
            for (String split : td.splits()) {
                if (frames) {
                    EmbeddingExtractor.SplitFrames f = extractor.extractTimestamps(task, split, model, md, adapter, modelKey,
                            digest, stats);
                    try (EmbeddingMatrix matrix = f.frames()) {
                        List<String> names = new ArrayList<>();
                        List<List<String>> labels = new ArrayList<>();
                        double[] times = new double[matrix.size()];
                        int row = 0;
                        for (int clip = 0; clip < f.clips(); clip++) {
                            for (double t : f.timestampsOf(clip)) {
                                names.add(f.clipIds().get(clip));
                                labels.add(frameLabels(f.labels().get(clip), t));
                                times[row++] = t;
                            }
                        }
                        HearEmbeddingFiles.writeSplit(dir, split, names, labels, times, rows(matrix));
                    }
                } else {
                    EmbeddingExtractor.SplitRows r = extractor.extractSceneRows(task, split, model, md, adapter, modelKey,
                            digest, stats);
                    try (EmbeddingMatrix matrix = r.features()) {
                        HearEmbeddingFiles.writeSplit(dir, split, r.clipIds(),
                                r.labels().stream().map(Label::classNames).toList(), null, rows(matrix));
                    }
                }
            }
        }
        HearEmbeddingFiles.writeLabelVocabulary(dir, td.labelVocabulary());
        HearEmbeddingFiles.writeText(dir.resolve("nathear-export.json"), String.format(Locale.ROOT,
                "{\"schema\": \"nathear.embeddings-export/1\", \"model\": %s, \"modelVersion\": %s, \"modelOptions\": %s, "
                        + "\"weightsSha256\": %s, "
                        + "\"task\": %s, \"taskVersion\": %s, \"kind\": %s, \"embedding\": %s, \"channelRule\": %s, "
                        + "\"splits\": %s, \"cacheKey\": %s}%n",
                q(md.id()), q(md.version()), q(options.canonical()), q(weights), q(td.id()), q(td.version()), q(td.kind().name()),
                q(frames ? "timestamp" : "scene"), q(adapter.rule()),
                td.splits().stream().map(ExportEmbeddingsCommand::q).toList(), q(modelKey)));
        return dir;
    }

    /** hear-eval-kit's frame labels: every event with start ≤ t &lt; end + 0.0001 ms. */
    static List<String> frameLabels(Label label, double timeMillis) {
        if (label instanceof Label.EventLabels events) {
            return events.events().stream().filter(e -> e.startMillis() <= timeMillis && timeMillis < e.endMillis() + 1e-4)
                    .map(Label.Event::name).toList();
        }
        return label.classNames();
    }

    private static HearEmbeddingFiles.Rows rows(EmbeddingMatrix matrix) {
        return new HearEmbeddingFiles.Rows() {
            @Override
            public int rows() {
                return matrix.size();
            }

            @Override
            public int dimension() {
                return matrix.dimension();
            }

            @Override
            public void row(int i, float[] into) {
                matrix.read(i, into);
            }
        };
    }

    private static String q(String s) {
        return s == null ? "null" : org.nathear.runner.export.HearEmbeddingFiles.jsonQuote(s);
    }
}
