package org.nathear.runner.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.runner.plugins.PluginRegistry;
import picocli.CommandLine.Option;

/** Options shared by commands that discover plugins: task folders, plugin folders, data folder. */
public final class DiscoveryOptions {
    @Option(names = "--tasks-dir", paramLabel = "DIR",
            description = "Folder of HEAR-format tasks (or one task folder). Repeatable. When given, the demo suite is left out.")
    List<Path> tasksDirs = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder whose jars hold model or task plugins (ServiceLoader). Repeatable. Jars are loaded only from folders named here.")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where generated data (the demo suite) is written. Default: $NATHEAR_DATA_DIR, else ~/.cache/nathear/data.")
    Path dataDir;

    Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        String env = System.getenv("NATHEAR_DATA_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "nathear", "data");
    }

    PluginRegistry discover() {
        for (Path dir : tasksDirs) {
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new org.nathear.api.ConfigurationException("--tasks-dir " + dir + " does not exist or is not a folder");
            }
        }
        TaskDiscoveryContext context = new TaskDiscoveryContext(tasksDirs, dataDir());
        return PluginRegistry.discover(pluginDirs, context, tasksDirs.isEmpty() ? List.of() : List.of("demo"));
    }
}
