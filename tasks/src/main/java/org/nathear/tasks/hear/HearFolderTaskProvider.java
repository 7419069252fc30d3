package org.nathear.tasks.hear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.PluginException;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.api.spi.TaskProvider;

/**
 * Offers the HEAR-format task folders under the user's {@code --tasks-dir} folders: a folder that
 * holds {@code task_metadata.json} is one task; otherwise each of its direct subfolders that holds
 * one is a task (sorted by name). Discovery only looks for the metadata file; metadata is parsed
 * when a task's descriptor is first asked for, audio only after opening.
 */
public final class HearFolderTaskProvider implements TaskProvider {
    /** The provider's name in messages. */
    public static final String NAME = "hear-folders";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TaskPlugin> tasks(TaskDiscoveryContext context) {
        Map<String, Path> byId = new LinkedHashMap<>();
        for (Path dir : context.tasksDirs()) {
            for (Path taskFolder : taskFolders(dir.toAbsolutePath().normalize())) {
                String id = taskFolder.getFileName().toString();
                Path other = byId.putIfAbsent(id, taskFolder);
                if (other != null && !sameFile(other, taskFolder)) {
                    throw new PluginException("Two task folders have the same task id '" + id + "': " + other + " and "
                            + taskFolder + "; task ids are folder names and must be unique, so pass only one of them");
                }
            }
        }
        List<TaskPlugin> tasks = new ArrayList<>();
        byId.values().forEach(folder -> tasks.add(new HearTaskFolder(folder)));
        return tasks;
    }

    private static List<Path> taskFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("Tasks folder " + dir + " does not exist or is not a folder; expected a "
                    + "HEAR task folder (with " + HearFormat.METADATA_FILE + ") or a folder of them");
        }
        if (HearFormat.isTaskFolder(dir)) {
            return List.of(dir);
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory).filter(HearFormat::isTaskFolder).forEach(found::add);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list tasks folder " + dir + ": " + e, e);
        }
        if (found.isEmpty()) {
            Path nested = dir.resolve("tasks");
            throw new ConfigurationException("Tasks folder " + dir + " holds no HEAR task: neither it nor any folder "
                    + "directly inside it has a " + HearFormat.METADATA_FILE
                    + (Files.isDirectory(nested) ? "; did you mean " + nested + "?" : ""));
        }
        found.sort(Path::compareTo);
        return found;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
