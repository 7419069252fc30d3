package org.nathear.runner.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
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
import org.nathear.api.spi.DiscoveredModel;
import org.nathear.api.spi.ModelDiscoveryContext;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.ModelProvider;
import org.nathear.api.spi.Origins;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.api.spi.TaskProvider;

/**
 * The models and tasks available to a run: {@link ModelPlugin}s, {@link ModelProvider}s and
 * {@link TaskProvider}s found with {@link ServiceLoader} on the class path and in the plugin
 * folders the user named. Listing never opens a model.
 *
 * <p>Plugin folders ({@code --plugins DIR}; jars are loaded from nowhere else): every {@code *.jar}
 * directly in DIR is one plugin, and every sub-folder of DIR is one plugin made of all the jars in
 * it (a plugin jar next to its own dependencies). Each plugin gets its own {@link PluginClassLoader},
 * which looks in the plugin's jars first, so a plugin's dependencies never clash with the harness's
 * or another plugin's; only the JDK, {@code org.nathear.api} and the logging API are shared.
 *
 * <p>Model providers turn folders into models: {@code --models SCHEME:PATH} names one (e.g.
 * {@code onnx:./my-model}), {@code --models-dir DIR} offers every sub-folder to every provider.
 * A folder whose descriptor is unusable is listed as broken ({@link ModelEntry#error()}) and fails
 * its cells in a run instead of stopping discovery.
 *
 * <p>Duplicate ids are fatal and name both sources; an unknown id lists every available one.
 */
public final class PluginRegistry {
    private final Map<String, ModelEntry> models;
    private final Map<String, TaskEntry> tasks;
    private final Map<String, String> referencedModels;

    /**
     * A model plugin and where it came from. {@code error} is non-null for a model folder whose
     * descriptor could not be used: it is listed, its plugin is a stand-in that fails to open with
     * that error, so a run fails its cells and finishes the others.
     */
    public record ModelEntry(ModelPlugin plugin, String origin, String error) {
        public ModelEntry(ModelPlugin plugin, String origin) {
            this(plugin, origin, null);
        }

        public boolean isBroken() {
            return error != null;
        }
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

    private PluginRegistry(Map<String, ModelEntry> models, Map<String, TaskEntry> tasks, Map<String, String> referencedModels) {
        this.models = Collections.unmodifiableMap(models);
        this.tasks = Collections.unmodifiableMap(tasks);
        this.referencedModels = Map.copyOf(referencedModels);
    }

    /**
     * Discovers plugins.
     *
     * @param pluginDirs  folders whose {@code *.jar} files are searched too (only folders the user named)
     * @param context     what task providers may look at
     * @param excludeProviders  task provider names to leave out (e.g. {@code demo} when the user names task folders)
     */
    public static PluginRegistry discover(List<Path> pluginDirs, TaskDiscoveryContext context, List<String> excludeProviders) {
        return discover(pluginDirs, context, excludeProviders, ModelSources.NONE);
    }

    /**
     * Discovers plugins, and models from model providers.
     *
     * @param modelSources  {@code SCHEME:PATH} model references and models folders for the {@link ModelProvider}s
     */
    public static PluginRegistry discover(List<Path> pluginDirs, TaskDiscoveryContext context, List<String> excludeProviders,
                                          ModelSources modelSources) {
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(PluginRegistry.class.getClassLoader());
        for (Path dir : pluginDirs) {
            loaders.addAll(pluginLoaders(dir));
        }
        Map<String, ModelEntry> models = new TreeMap<>();
        Map<String, TaskEntry> tasks = new TreeMap<>();
        Map<String, ModelProvider> modelProviders = new TreeMap<>();
        java.util.Set<Class<?>> seen = new java.util.HashSet<>(); // a parent's services are visible through every child loader
        for (ClassLoader loader : loaders) {
            for (ModelPlugin plugin : load(ModelPlugin.class, loader)) {
                if (!seen.add(plugin.getClass())) {
                    continue;
                }
                addModel(models, new ModelEntry(plugin, Origins.of(plugin.getClass())));
            }
            for (ModelProvider provider : load(ModelProvider.class, loader)) {
                if (!seen.add(provider.getClass())) {
                    continue;
                }
                ModelProvider previous = modelProviders.putIfAbsent(provider.scheme(), provider);
                if (previous != null) {
                    throw new PluginException("Duplicate model scheme '" + provider.scheme() + "': " + previous.getClass().getName()
                            + " (" + Origins.of(previous.getClass()) + ") and " + provider.getClass().getName() + " ("
                            + Origins.of(provider.getClass()) + ")");
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
        Map<String, String> referenced = discoverFolderModels(modelProviders, modelSources, models);
        return new PluginRegistry(models, tasks, referenced);
    }

    private static void addModel(Map<String, ModelEntry> models, ModelEntry entry) {
        String id;
        try {
            id = entry.plugin().descriptor().id();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginException("Model plugin " + entry.plugin().getClass().getName() + " (" + entry.origin()
                    + ") cannot describe itself: descriptor() threw " + e
                    + (e instanceof LinkageError ? ". A class it needs is missing or in another version: put the jars it"
                            + " depends on in the same plugin sub-folder as its jar" : ""), e);
        }
        ModelEntry previous = models.putIfAbsent(id, entry);
        if (previous != null) {
            throw new PluginException("Duplicate model id '" + id + "': " + previous.plugin().getClass().getName()
                    + " (" + previous.origin() + ") and " + entry.plugin().getClass().getName() + " (" + entry.origin()
                    + "). Remove one of them from the class path, plugin folder or models folder.");
        }
    }

    /** Asks every provider for its models; returns each reference's model id. */
    private static Map<String, String> discoverFolderModels(Map<String, ModelProvider> providers, ModelSources sources,
                                                            Map<String, ModelEntry> models) {
        Map<String, List<Path>> pathsByScheme = new TreeMap<>();
        for (String reference : sources.references()) {
            String scheme = ModelSources.scheme(reference);
            if (!providers.containsKey(scheme)) {
                throw new ConfigurationException("Unknown model scheme '" + scheme + "' in '" + reference + "'; known schemes: "
                        + providers.keySet() + " (use SCHEME:PATH, e.g. onnx:./my-model, or a model id)");
            }
            pathsByScheme.computeIfAbsent(scheme, k -> new ArrayList<>()).add(ModelSources.path(reference));
        }
        Map<String, String> idByOrigin = new java.util.HashMap<>();
        for (ModelProvider provider : providers.values()) {
            List<Path> paths = pathsByScheme.getOrDefault(provider.scheme(), List.of());
            if (paths.isEmpty() && sources.modelsDirs().isEmpty()) {
                continue;
            }
            for (DiscoveredModel found : provider.models(new ModelDiscoveryContext(paths, sources.modelsDirs()))) {
                addModel(models, new ModelEntry(found.plugin(), found.origin(), found.error()));
                idByOrigin.put(provider.scheme() + ":" + found.origin(), found.plugin().descriptor().id());
            }
        }
        Map<String, String> referenced = new java.util.HashMap<>();
        for (String reference : sources.references()) {
            String key = ModelSources.scheme(reference) + ":" + ModelSources.path(reference);
            String id = idByOrigin.get(key);
            if (id == null) {
                throw new PluginException("Model provider '" + ModelSources.scheme(reference) + "' found no model at "
                        + ModelSources.path(reference) + " (from '" + reference + "')");
            }
            referenced.put(key, id);
        }
        return referenced;
    }

    private static <T> List<T> load(Class<T> type, ClassLoader loader) {
        List<T> out = new ArrayList<>();
        java.util.Iterator<ServiceLoader.Provider<T>> providers = ServiceLoader.load(type, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new PluginException("Cannot load a " + type.getSimpleName() + " plugin from " + where(loader) + ": "
                        + failure(e), e);
            }
            try {
                out.add(provider.get());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                throw new PluginException(type.getSimpleName() + " " + provider.type().getName() + " from " + where(loader)
                        + " cannot be created: " + failure(e), e);
            }
        }
        return out;
    }

    /** Where a plugin's classes were found: its jar(s), or the class path. */
    private static String where(ClassLoader loader) {
        if (loader instanceof PluginClassLoader plugin) {
            List<String> jars = new ArrayList<>();
            for (URL url : plugin.getURLs()) {
                try {
                    jars.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    jars.add(url.toString());
                }
            }
            return "plugin " + (jars.size() == 1 ? jars.get(0) : jars.toString());
        }
        return "the class path";
    }

    /** What went wrong, with the plugin's own exception rather than the wrappers the JDK puts around it. */
    static String failure(Throwable e) {
        Throwable t = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
        if (t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ExceptionInInitializerError && t.getCause() != null) {
            return "its static initialiser threw " + t.getCause();
        }
        if (t instanceof NoClassDefFoundError) {
            return t + ": a class it needs is missing, or failed to initialise earlier. Put the jars the plugin depends on"
                    + " in the same plugin sub-folder as its jar";
        }
        if (t instanceof LinkageError) {
            return t + ": a class it needs is missing or in another version. Put the jars the plugin depends on"
                    + " in the same plugin sub-folder as its jar";
        }
        if (t == e) {
            return e.getMessage() != null && e instanceof ServiceConfigurationError ? e.getMessage() : e.toString();
        }
        return "its constructor threw " + t;
    }

    /** One class loader per jar directly in the folder and per sub-folder (all its jars), sorted by name. */
    static List<ClassLoader> pluginLoaders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("Plugin folder " + dir + " does not exist or is not a folder");
        }
        List<ClassLoader> loaders = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                List<Path> jars = Files.isDirectory(entry) ? jarsIn(entry) : isJar(entry) ? List.of(entry) : List.of();
                if (jars.isEmpty()) {
                    continue;
                }
                jars.forEach(PluginRegistry::requireReadableJar);
                URL[] urls = new URL[jars.size()];
                for (int i = 0; i < urls.length; i++) {
                    urls[i] = jars.get(i).toUri().toURL();
                }
                loaders.add(new PluginClassLoader("plugin:" + entry.getFileName(), urls, PluginRegistry.class.getClassLoader()));
            }
        } catch (MalformedURLException e) {
            throw new ConfigurationException("Bad plugin jar path in " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list plugin folder " + dir + ": " + e, e);
        }
        return loaders;
    }

    /**
     * Opens a plugin jar as a zip archive. The JDK's class loader silently skips a jar it cannot
     * open, and the user would only learn later that a model is "unknown"; here a corrupt, truncated
     * or non-zip {@code .jar} is named at once.
     */
    private static void requireReadableJar(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            file.getManifest(); // reads the central directory and the manifest: a damaged archive fails here
        } catch (IOException | SecurityException e) {
            throw new PluginException("Plugin jar " + jar + " cannot be read as a jar (zip) file: " + e.getMessage()
                    + ". Replace it with a complete copy, or remove it from the plugin folder");
        }
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(PluginRegistry::isJar).sorted().toList();
        }
    }

    public Map<String, ModelEntry> models() {
        return models;
    }

    public Map<String, TaskEntry> tasks() {
        return tasks;
    }

    /** The model with this id, or named by a {@code SCHEME:PATH} reference given to discovery; an unknown id lists every available one. */
    public ModelEntry model(String id) {
        if (ModelSources.isReference(id)) {
            String resolved = referencedModels.get(ModelSources.scheme(id) + ":" + ModelSources.path(id));
            if (resolved == null) {
                throw new PluginException("Model reference '" + id + "' was not part of discovery; pass it with --models");
            }
            return models.get(resolved);
        }
        ModelEntry entry = models.get(id);
        if (entry == null) {
            throw new PluginException("Unknown model '" + id + "'. Available models: " + models.keySet()
                    + ". To add one, put its jar in a folder and pass --plugins FOLDER, or name an ONNX model folder"
                    + " with --models onnx:PATH (or put it in a folder passed as --models-dir).");
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
