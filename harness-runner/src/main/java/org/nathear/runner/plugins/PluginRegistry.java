package org.nathear.runner.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.api.PluginException;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.Origins;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.api.spi.TaskProvider;

/**
 * The models and tasks available to a run: {@link ModelPlugin}s and {@link TaskProvider}s found
 * with {@link ServiceLoader} on the class path and in the jars of the plugin folders the user
 * named (each jar gets its own class loader). Listing never opens a model.
 *
 * <p>Duplicate ids are fatal and name both sources; an unknown id lists every available one.
 */
public final class PluginRegistry {
    private final Map<String, ModelEntry> models;
    private final Map<String, TaskEntry> tasks;

    /** A model plugin and where it came from. */
    public record ModelEntry(ModelPlugin plugin, String origin) {
    }

    /**
     * A task plugin, the provider that offered it, and where it came from. {@code error} is non-null
     * for a task whose definition could not be read (e.g. a task folder with a broken
     * {@code task_metadata.json}): it is listed, and a run reports it as a failed cell instead of
     * stopping.
     */
    public record TaskEntry(String id, TaskPlugin plugin, String provider, String origin, String error) {
        public TaskEntry(TaskPlugin plugin, String provider, String origin) {
            this(plugin.descriptor().id(), plugin, provider, origin, null);
        }

        public boolean isBroken() {
            return error != null;
        }
    }

    private PluginRegistry(Map<String, ModelEntry> models, Map<String, TaskEntry> tasks) {
        this.models = Collections.unmodifiableMap(models);
        this.tasks = Collections.unmodifiableMap(tasks);
    }

    /**
     * Discovers plugins.
     *
     * @param pluginDirs  folders whose {@code *.jar} files are searched too (only folders the user named)
     * @param context     what task providers may look at
     * @param excludeProviders  task provider names to leave out (e.g. {@code demo} when the user names task folders)
     */
    public static PluginRegistry discover(List<Path> pluginDirs, TaskDiscoveryContext context, List<String> excludeProviders) {
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(PluginRegistry.class.getClassLoader());
        for (Path dir : pluginDirs) {
            loaders.addAll(jarLoaders(dir));
        }
        Map<String, ModelEntry> models = new TreeMap<>();
        Map<String, TaskEntry> tasks = new TreeMap<>();
        java.util.Set<Class<?>> seen = new java.util.HashSet<>(); // a parent's services are visible through every child loader
        for (ClassLoader loader : loaders) {
            for (ModelPlugin plugin : load(ModelPlugin.class, loader)) {
                if (!seen.add(plugin.getClass())) {
                    continue;
                }
                String id = plugin.descriptor().id();
                String origin = Origins.of(plugin.getClass());
                ModelEntry previous = models.putIfAbsent(id, new ModelEntry(plugin, origin));
                if (previous != null) {
                    throw new PluginException("Duplicate model id '" + id + "': " + previous.plugin().getClass().getName()
                            + " (" + previous.origin() + ") and " + plugin.getClass().getName() + " (" + origin
                            + "). Remove one of them from the class path or plugin folder.");
                }
            }
            for (TaskProvider provider : load(TaskProvider.class, loader)) {
                if (!seen.add(provider.getClass()) || excludeProviders.contains(provider.name())) {
                    continue;
                }
                for (TaskPlugin task : provider.tasks(context)) {
                    TaskEntry entry;
                    try {
                        entry = new TaskEntry(task, provider.name(), task.origin());
                    } catch (HarnessException e) {
                        String origin = task.origin();
                        String name = Path.of(origin).getFileName() == null ? origin : Path.of(origin).getFileName().toString();
                        entry = new TaskEntry(name, task, provider.name(), origin, e.getMessage());
                    }
                    String id = entry.id();
                    TaskEntry previous = tasks.putIfAbsent(id, entry);
                    if (previous != null) {
                        throw new PluginException("Duplicate task id '" + id + "': from " + previous.provider() + " ("
                                + previous.origin() + ") and from " + provider.name() + " (" + entry.origin()
                                + "). Point --tasks-dir at only one copy of the task.");
                    }
                }
            }
        }
        return new PluginRegistry(models, tasks);
    }

    private static <T> List<T> load(Class<T> type, ClassLoader loader) {
        List<T> out = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<T> provider : ServiceLoader.load(type, loader).stream().toList()) {
                out.add(provider.get());
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("Cannot load a " + type.getSimpleName() + " plugin: " + e.getMessage()
                    + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : ""), e);
        }
        return out;
    }

    private static List<ClassLoader> jarLoaders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("Plugin folder " + dir + " does not exist or is not a folder");
        }
        List<ClassLoader> loaders = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                loaders.add(new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                        PluginRegistry.class.getClassLoader()));
            }
        } catch (MalformedURLException e) {
            throw new ConfigurationException("Bad plugin jar path in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list plugin folder " + dir + ": " + e, e);
        }
        return loaders;
    }

    public Map<String, ModelEntry> models() {
        return models;
    }

    public Map<String, TaskEntry> tasks() {
        return tasks;
    }

    /** The model with this id; an unknown id lists every available one. */
    public ModelEntry model(String id) {
        ModelEntry entry = models.get(id);
        if (entry == null) {
            throw new PluginException("Unknown model '" + id + "'. Available models: " + models.keySet()
                    + ". To add one, put its jar in a folder and pass --plugins FOLDER.");
        }
        return entry;
    }

    /** The task with this id; an unknown id lists every available one. */
    public TaskEntry task(String id) {
        TaskEntry entry = tasks.get(id);
        if (entry == null) {
            throw new PluginException("Unknown task '" + id + "'. Available tasks: " + tasks.keySet()
                    + ". Tasks come from the built-in demo suite, from --tasks-dir DIR (HEAR task folders), "
                    + "or from plugin jars (--plugins FOLDER).");
        }
        return entry;
    }

    /** Selects entries by id, in the order given; an empty selection means all. */
    public <E> Map<String, E> select(List<String> ids, Map<String, E> all, java.util.function.Function<String, E> lookup) {
        if (ids.isEmpty()) {
            return all;
        }
        Map<String, E> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, lookup.apply(id));
        }
        return out;
    }
}
