package org.nathear.runner.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.runner.plugins.ModelSources;
import org.nathear.runner.plugins.PluginRegistry;
import picocli.CommandLine.Option;

/** Options shared by commands that discover plugins: task folders, plugin folders, models folders, data folder. */
public final class DiscoveryOptions {
    @Option(names = "--tasks-dir", paramLabel = "DIR",
            description = "Folder of HEAR-format tasks (or one task folder). Repeatable. When given, the demo suite is left out.")
    List<Path> tasksDirs = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder whose jars hold model or task plugins (ServiceLoader). Repeatable. Jars are loaded only from folders named here.")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Folder whose sub-folders are model folders (e.g. ONNX: model.onnx + model.json). Repeatable."
                    + " Default: $NATHEAR_MODELS_DIR when set.")
    List<Path> modelsDirs = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where generated data (the demo suite) is written. Default: $NATHEAR_DATA_DIR, "
                    + "else $XDG_CACHE_HOME/nathear/data, else ~/.cache/nathear/data.")
    Path dataDir;

    Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        return CacheDirs.system().data();
    }

    List<Path> modelsDirs() {
        if (!modelsDirs.isEmpty()) {
            return modelsDirs;
        }
        String env = System.getenv("NATHEAR_MODELS_DIR");
        return env != null && !env.isBlank() ? List.of(Path.of(env)) : List.of();
    }

    PluginRegistry discover() {
        return discover(List.of());
    }

    /** Discovery that also resolves {@code SCHEME:PATH} model references among {@code modelArgs} (e.g. {@code onnx:./m}). */
    PluginRegistry discover(List<String> modelArgs) {
        return resolve(modelArgs).discover();
    }

    /**
     * These options with their defaults and environment applied, as values another JVM can repeat the
     * discovery from (the Spark executors of {@code nathear-spark} do).
     */
    public Resolved resolve(List<String> modelArgs) {
        return new Resolved(tasksDirs, pluginDirs, modelsDirs(), dataDir(), modelArgs);
    }

    /** Resolved discovery settings; {@link #discover()} finds the same plugins wherever these paths are the same. */
    public record Resolved(List<Path> tasksDirs, List<Path> pluginDirs, List<Path> modelsDirs, Path dataDir,
                           List<String> modelArgs) {
        public Resolved {
            tasksDirs = List.copyOf(tasksDirs);
            pluginDirs = List.copyOf(pluginDirs);
            modelsDirs = List.copyOf(modelsDirs);
            modelArgs = List.copyOf(modelArgs);
        }

        public PluginRegistry discover() {
            for (Path dir : tasksDirs) {
                if (!java.nio.file.Files.isDirectory(dir)) {
                    throw new org.nathear.api.ConfigurationException("--tasks-dir " + dir + " does not exist or is not a folder");
                }
            }
            TaskDiscoveryContext context = new TaskDiscoveryContext(tasksDirs, dataDir);
            return PluginRegistry.discover(pluginDirs, context, tasksDirs.isEmpty() ? List.of() : List.of("demo"),
                    ModelSources.of(modelArgs, modelsDirs));
        }
    }
}
