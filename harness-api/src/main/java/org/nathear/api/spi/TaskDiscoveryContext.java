package org.nathear.api.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * What task providers may look at.
 *
 * @param tasksDirs  folders of HEAR-format tasks the user named ({@code --tasks-dir}); may be empty
 * @param dataDir    a writable folder for generated data (e.g. the demo suite), created on demand
 */
public record TaskDiscoveryContext(List<Path> tasksDirs, Path dataDir) {
    /** Copies the task folders and checks that a data folder is given. */
    public TaskDiscoveryContext {
        tasksDirs = List.copyOf(tasksDirs);
        java.util.Objects.requireNonNull(dataDir, "dataDir");
    }
}
