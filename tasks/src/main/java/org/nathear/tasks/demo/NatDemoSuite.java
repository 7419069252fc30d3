package org.nathear.tasks.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.ConfigurationException;
import org.nathear.api.PluginException;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.tasks.hrtf.BinauralHead;
import org.nathear.tasks.localization.LocalizationTasks;
import org.nathear.tasks.spatial.scene.Mixing;
import org.nathear.tasks.spatial.scene.SpatialFormat;
import org.nathear.tasks.spatial.Spatializer;

/**
 * The Nat-HEAR half of the built-in demo suite: the binaural and first-order Ambisonics versions of
 * the mono demo tasks, rendered by the scene simulator ({@link Spatializer}: a room per clip,
 * reverberation, localized or diffuse noise at 5-40 dB SNR, the MIT KEMAR head for binaural), and
 * localization tasks made from some of them ({@link LocalizationTasks}).
 *
 * <p>Ids follow {@code nathear spatialize}: {@code demo-pitch-nat-binaural-v1-full},
 * {@code demo-textures-loc-foa-v1-full}. Results group them by channel layout and kind: the mono tasks
 * are HEAR, the spatial ones Nat-HEAR, the localization ones go to the DoA table.
 *
 * <p>Generated on first use into the demo suite's folder, like the mono tasks (whose folder is
 * generated first when missing): the spatial task and its localization task are rendered together
 * into a hidden temporary folder, stamped, and moved into place, under the suite's lock. Scenes
 * come from the suite seed, the same for both formats, so the binaural and FOA versions of a clip
 * share room, positions, noise and SNR. Same seed and version → the same bytes.
 */
public final class NatDemoSuite {
    /** Changes whenever the rendered scenes would change (with {@link Spatializer#RECIPE_VERSION}). */
    public static final String GENERATOR_VERSION = "nathear-nat-demo-suite/1";

    /** One spatial demo task: its mono source, format and whether its localization task is part of the suite. */
    record Spec(DemoTaskGenerator source, SpatialFormat format, boolean localization) {
        String sceneTaskId() {
            return Spatializer.derivedId(source.id(), DemoSuite.TASK_VERSION, "full", "nat-" + format.id());
        }

        String localizationTaskId() {
            return LocalizationTasks.derivedId(sceneTaskId());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Spec> SPECS = specs();

    private NatDemoSuite() {
    }

    /**
     * Every mono demo task in both formats; localization from the textures task (broadband, sustained
     * sources: the one whose direction a probe can learn from 280 clips) in both formats.
     */
    private static List<Spec> specs() {
        List<Spec> out = new ArrayList<>();
        for (DemoTaskGenerator g : DemoSuite.generators()) {
            for (SpatialFormat f : List.of(SpatialFormat.BINAURAL, SpatialFormat.FOA)) {
                out.add(new Spec(g, f, g instanceof TexturesTask));
            }
        }
        return List.copyOf(out);
    }

    /** Ids of the spatial scene tasks, then of the localization tasks, in suite order. */
    public static List<String> taskIds() {
        List<String> ids = new ArrayList<>();
        SPECS.forEach(s -> ids.add(s.sceneTaskId()));
        SPECS.stream().filter(Spec::localization).forEach(s -> ids.add(s.localizationTaskId()));
        return ids;
    }

    /** The descriptor of a spatial or localization demo task; needs no generated data. */
    public static TaskDescriptor descriptor(String taskId) {
        for (Spec s : SPECS) {
            TaskDescriptor mono = s.source().descriptor();
            if (s.sceneTaskId().equals(taskId)) {
                return new TaskDescriptor(taskId, mono.version(), mono.kind(), s.format().layout(), mono.metrics(),
                        mono.splitMode(), mono.splits(), mono.labelVocabulary(), mono.clipDurationSeconds(),
                        Spatializer.description(s.format(), mono.id()));
            }
            if (s.localization() && s.localizationTaskId().equals(taskId)) {
                return new TaskDescriptor(taskId, mono.version(), TaskKind.LOCALIZATION, s.format().layout(),
                        LocalizationTasks.metrics(s.format().layout()), mono.splitMode(), mono.splits(), List.of(),
                        mono.clipDurationSeconds(), LocalizationTasks.description(s.sceneTaskId()));
            }
        }
        throw new PluginException("Unknown Nat-HEAR demo task '" + taskId + "'; they are: " + taskIds());
    }

    /** Where {@link #ensureGenerated} puts a task. */
    public static Path taskFolder(Path dataDir, String taskId, long seed) {
        descriptor(taskId); // known id
        return DemoSuite.suiteFolder(dataDir, seed).resolve(taskId);
    }

    static List<Spec> specsList() {
        return SPECS;
    }

    private static Spec specOf(String taskId) {
        for (Spec s : SPECS) {
            if (s.sceneTaskId().equals(taskId) || (s.localization() && s.localizationTaskId().equals(taskId))) {
                return s;
            }
        }
        throw new PluginException("Unknown Nat-HEAR demo task '" + taskId + "'; they are: " + taskIds());
    }

    /**
     * The task's folder under {@code dataDir}, generated first (with its mono source and its sibling
     * scene or localization task) unless folders with matching stamps are already there.
     */
    public static Path ensureGenerated(Path dataDir, String taskId, long seed) {
        Spec spec = specOf(taskId);
        Path data = dataDir.toAbsolutePath().normalize();
        Path suite = DemoSuite.suiteFolder(data, seed);
        Path target = suite.resolve(taskId);
        if (complete(suite, spec, seed)) {
            return target;
        }
        // the mono source first, outside this lock (its generation takes the same lock)
        Path mono = DemoSuite.ensureGenerated(data, spec.source().id(), seed);
        synchronized (DemoSuite.LOCK) {
            try (FileChannel channel = FileChannel.open(suite.resolve(DemoSuite.LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    if (!complete(suite, spec, seed)) {
                        render(suite, mono, spec, seed);
                    }
                } finally {
                    lock.release();
                }
            } catch (IOException e) {
                throw new ConfigurationException("Cannot generate Nat-HEAR demo task " + taskId + " into " + target + ": " + e
                        + "; the data folder must be writable", e);
            }
        }
        return target;
    }

    /** Renders the spec's scene task (and localization task) into {@code suite}, replacing stale folders. */
    private static void render(Path suite, Path mono, Spec spec, long seed) throws IOException {
        List<String> ids = new ArrayList<>(List.of(spec.sceneTaskId()));
        if (spec.localization()) {
            ids.add(spec.localizationTaskId());
        }
        for (String id : ids) {
            DemoSuite.removeLeftovers(suite, id);
        }
        Path fresh = DemoSuite.newHiddenFolder(suite, spec.sceneTaskId() + ".tmp");
        try {
            Spatializer.Settings settings = settings(spec, seed);
            Spatializer.run(mono, fresh, settings, new Spatializer.Progress() {
                @Override
                public void clips(int done, int total) {
                }

                @Override
                public void message(String line) {
                }
            });
            for (String id : ids) {
                DemoSuite.writeJson(fresh.resolve(id).resolve(DemoSuite.STAMP_FILE), stamp(spec, id, seed));
            }
            // the localization task last: a stamped scene task without it is regenerated with it
            for (String id : ids) {
                Path target = suite.resolve(id);
                if (Files.exists(target)) {
                    Path stale = DemoSuite.newHiddenFolder(suite, id + ".stale");
                    Files.delete(stale);
                    DemoSuite.move(target, stale);
                    DemoSuite.move(fresh.resolve(id), target);
                    DemoSuite.deleteTree(stale);
                } else {
                    DemoSuite.move(fresh.resolve(id), target);
                }
            }
        } finally {
            DemoSuite.deleteTree(fresh);
        }
    }

    /** The spatializer settings of a spec: the suite seed, the KEMAR head, nathear's ranges and mixing. */
    static Spatializer.Settings settings(Spec spec, long seed) {
        return new Spatializer.Settings(spec.format(), seed, BinauralHead.KEMAR, null, null, null, spec.sceneTaskId(),
                spec.localization(), Math.max(1, Runtime.getRuntime().availableProcessors()), null, Mixing.NATHEAR);
    }

    private static boolean complete(Path suite, Spec spec, long seed) {
        return stampMatches(suite.resolve(spec.sceneTaskId()), stamp(spec, spec.sceneTaskId(), seed))
                && (!spec.localization()
                || stampMatches(suite.resolve(spec.localizationTaskId()), stamp(spec, spec.localizationTaskId(), seed)));
    }

    /** What generated a folder; every value a string, so that a re-read stamp compares equal. */
    private static ObjectNode stamp(Spec spec, String taskId, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("generator", GENERATOR_VERSION);
        m.put("mono_generator", DemoSuite.GENERATOR_VERSION);
        m.put("recipe", Spatializer.RECIPE_VERSION);
        m.put("head", spec.format() == SpatialFormat.BINAURAL ? BinauralHead.KEMAR.id() : "none");
        m.put("mixing", Mixing.NATHEAR.id());
        m.put("seed", Long.toString(seed));
        m.put("task", taskId);
        return JSON.valueToTree(m);
    }

    private static boolean stampMatches(Path folder, ObjectNode expected) {
        Path file = folder.resolve(DemoSuite.STAMP_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode found = JSON.readTree(file.toFile());
            if (found == null || found.size() != expected.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().asText().equals(found.path(e.getKey()).asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // unreadable or damaged stamp: regenerate
        }
    }
}
