package org.nathear.tasks.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.PluginException;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.hear.HearFormat;

/**
 * nathear's built-in demo suite: small tasks synthesised deterministically from a seed and written
 * in the HEAR folder format, so they run through exactly the same reader as downloaded tasks.
 *
 * <p>Tasks ({@link #taskIds()}), all 16 kHz mono, 1 s clips:
 * <ul>
 *   <li>{@code demo-pitch-v1-full}: 24 pitches × 12 timbre families = 288 clips, trainvaltest by family;</li>
 *   <li>{@code demo-textures-v1-full}: 7 textures × 40 = 280 clips, 5 folds;</li>
 *   <li>{@code demo-strokes-v1-full}: 6 percussive strokes × 45 = 270 clips, 5 folds;</li>
 *   <li>{@code demo-mixtures-v1-full}: 240 multilabel mixtures of 1-3 of 6 sources, trainvaltest.</li>
 * </ul>
 *
 * <p>{@link #ensureGenerated} writes a task on first use into
 * {@code <dataDir>/demo-suite-v1/<task id>/}: it generates into a hidden temporary folder next to
 * it and renames that into place, so a killed generation never leaves a half-written task. A stamp
 * file ({@value #STAMP_FILE}) records the generator version, seed and task; a folder whose stamp
 * does not match is regenerated. Generation is serialised by a lock file, so concurrent runs (in
 * one JVM or several) generate once and then share the folder.
 */
public final class DemoSuite {
    /** The version of every demo task (part of its id). */
    public static final String TASK_VERSION = "v1";
    /** Changes whenever the generated audio or labels would change. */
    public static final String GENERATOR_VERSION = "nathear-demo-suite/1";
    /** The seed of the suite that {@code nathear run} uses by default. */
    public static final long DEFAULT_SEED = 20250607L;
    /** The folder under the data dir that holds the default-seed suite. */
    public static final String FOLDER_NAME = "demo-suite-" + TASK_VERSION;
    /** Written last into a generated task folder; says what generated it. */
    public static final String STAMP_FILE = "nathear-demo-stamp.json";
    /** Sample rate of every demo clip. */
    public static final int SAMPLE_RATE_HZ = Dsp.RATE_HZ;

    private static final List<DemoTaskGenerator> GENERATORS =
            List.of(new PitchTask(), new TexturesTask(), new StrokesTask(), new MixturesTask());
    /** Serialises generation within this JVM; the lock file {@link #LOCK_FILE} does so across processes. */
    static final Object LOCK = new Object();
    /** The lock file in the suite folder. */
    static final String LOCK_FILE = ".generation.lock";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        PRETTY = JSON.writer(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
    }

    private DemoSuite() {
    }

    /** Ids of the demo tasks, in suite order. */
    public static List<String> taskIds() {
        return GENERATORS.stream().map(DemoTaskGenerator::id).toList();
    }

    /** The descriptor of a demo task; needs no generated data. */
    public static TaskDescriptor descriptor(String taskId) {
        return generator(taskId).descriptor();
    }

    /** The folder of the suite for a seed: {@code demo-suite-v1} for the default seed, else with the seed appended. */
    public static Path suiteFolder(Path dataDir, long seed) {
        return dataDir.resolve(seed == DEFAULT_SEED ? FOLDER_NAME : FOLDER_NAME + "-seed" + Long.toUnsignedString(seed));
    }

    /** Where {@link #ensureGenerated} puts a task. */
    public static Path taskFolder(Path dataDir, String taskId, long seed) {
        return suiteFolder(dataDir, seed).resolve(generator(taskId).id());
    }

    /**
     * The task's folder under {@code dataDir}, generated first unless a folder with a matching
     * stamp is already there.
     */
    public static Path ensureGenerated(Path dataDir, String taskId, long seed) {
        DemoTaskGenerator g = generator(taskId);
        Path suite = suiteFolder(dataDir.toAbsolutePath().normalize(), seed);
        Path target = suite.resolve(g.id());
        if (stampMatches(target, g, seed)) {
            return target;
        }
        synchronized (LOCK) {
            try {
                Files.createDirectories(suite);
                try (FileChannel channel = FileChannel.open(suite.resolve(LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock(); // across processes; LOCK covers threads of this JVM
                    try {
                        if (stampMatches(target, g, seed)) {
                            return target; // another process finished it while we waited
                        }
                        removeLeftovers(suite, g.id());
                        Path fresh = newHiddenFolder(suite, g.id() + ".tmp");
                        try {
                            write(g, seed, fresh);
                            if (Files.exists(target)) {
                                Path stale = newHiddenFolder(suite, g.id() + ".stale");
                                Files.delete(stale);
                                move(target, stale);
                                move(fresh, target);
                                deleteTree(stale);
                            } else {
                                move(fresh, target);
                            }
                        } finally {
                            deleteTree(fresh);
                        }
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new ConfigurationException("Cannot generate demo task " + g.id() + " into " + target + ": " + e
                        + "; the data folder must be writable", e);
            }
        }
        return target;
    }

    /**
     * Generates a task into {@code folder}, which must not exist yet (written next to it first,
     * then renamed into place).
     */
    public static void generate(String taskId, long seed, Path folder) {
        DemoTaskGenerator g = generator(taskId);
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new ConfigurationException("Cannot generate demo task " + taskId + " into " + target
                    + ": it already exists; choose a new folder");
        }
        try {
            Files.createDirectories(target.getParent());
            Path fresh = newHiddenFolder(target.getParent(), target.getFileName() + ".tmp");
            try {
                write(g, seed, fresh);
                move(fresh, target);
            } finally {
                deleteTree(fresh);
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot generate demo task " + taskId + " into " + target + ": " + e, e);
        }
    }

    static DemoTaskGenerator generator(String taskId) {
        for (DemoTaskGenerator g : GENERATORS) {
            if (g.id().equals(taskId)) {
                return g;
            }
        }
        throw new PluginException("Unknown demo task '" + taskId + "'; demo tasks: " + taskIds());
    }

    static List<DemoTaskGenerator> generators() {
        return GENERATORS;
    }

    /** An opaque, stable clip file name: 12 hex digits of SHA-1 over task, seed and clip index. */
    static String clipId(DemoTaskGenerator g, long seed, int index) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((g.taskName() + "/" + seed + "/" + index).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6) + ".wav";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    private static void write(DemoTaskGenerator g, long seed, Path dir) throws IOException {
        List<DemoTaskGenerator.ClipPlan> plan = g.plan(seed);
        TaskDescriptor d = g.descriptor();
        writeJson(dir.resolve(HearFormat.METADATA_FILE), metadata(g, d, seed));

        StringBuilder csv = new StringBuilder("idx,label\n");
        for (int i = 0; i < d.labelVocabulary().size(); i++) {
            csv.append(i).append(',').append(d.labelVocabulary().get(i)).append('\n');
        }
        Files.writeString(dir.resolve(HearFormat.VOCABULARY_FILE), csv, StandardCharsets.UTF_8);

        Map<String, TreeMap<String, List<String>>> bySplit = new LinkedHashMap<>();
        d.splits().forEach(s -> bySplit.put(s, new TreeMap<>()));
        List<String> ids = new ArrayList<>();
        for (DemoTaskGenerator.ClipPlan clip : plan) {
            String id = clipId(g, seed, clip.index());
            ids.add(id);
            if (bySplit.get(clip.split()).put(id, clip.labels()) != null) {
                throw new IllegalStateException("demo clip id collision: " + id);
            }
            Files.createDirectories(dir.resolve(Integer.toString(SAMPLE_RATE_HZ)).resolve(clip.split()));
        }
        for (Map.Entry<String, TreeMap<String, List<String>>> e : bySplit.entrySet()) {
            writeJson(dir.resolve(HearFormat.splitFileName(e.getKey())), JSON.valueToTree(e.getValue()));
        }
        plan.parallelStream().forEach(clip -> {
            double[] x = g.render(clip, seed);
            float[][] samples = new float[1][x.length];
            for (int i = 0; i < x.length; i++) {
                samples[0][i] = (float) x[i];
            }
            Path file = dir.resolve(Integer.toString(SAMPLE_RATE_HZ)).resolve(clip.split()).resolve(ids.get(clip.index()));
            try {
                Files.write(file, WavFiles.encode(samples, SAMPLE_RATE_HZ, WavEncoding.PCM_16));
            } catch (IOException ex) {
                throw new ConfigurationException("Cannot write demo clip " + file + ": " + ex, ex);
            }
        });
        writeJson(dir.resolve(STAMP_FILE), stamp(g, seed));
    }

    private static ObjectNode metadata(DemoTaskGenerator g, TaskDescriptor d, long seed) {
        ObjectNode m = JSON.createObjectNode();
        m.put("task_name", g.taskName());
        m.put("version", TASK_VERSION);
        m.put("embedding_type", d.kind().usesTimestampEmbeddings() ? "event" : "scene");
        m.put("prediction_type", d.kind() == org.nathear.api.TaskKind.SCENE_MULTICLASS ? "multiclass" : "multilabel");
        m.put("split_mode", d.splitMode().hearName());
        if (d.splitMode().isKFold()) {
            m.put("nfolds", d.splits().size());
        }
        ArrayNode splits = m.putArray("splits");
        d.splits().forEach(splits::add);
        m.put("sample_duration", d.clipDurationSeconds());
        ArrayNode evaluation = m.putArray("evaluation");
        d.metrics().forEach(metric -> evaluation.add(metric.id()));
        m.put("mode", "full");
        m.put("default_mode", "full");
        m.put(HearFormat.DESCRIPTION_KEY, d.description());
        m.put("generator", GENERATOR_VERSION);
        m.put("seed", seed);
        return m;
    }

    private static ObjectNode stamp(DemoTaskGenerator g, long seed) {
        ObjectNode s = JSON.createObjectNode();
        s.put("generator", GENERATOR_VERSION);
        s.put("seed", seed);
        s.put("task", g.id());
        return s;
    }

    private static boolean stampMatches(Path folder, DemoTaskGenerator g, long seed) {
        Path file = folder.resolve(STAMP_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode found = JSON.readTree(file.toFile());
            // compare field by field: a number read back may be an int node where a long was written
            return GENERATOR_VERSION.equals(found.path("generator").asText())
                    && found.path("seed").isIntegralNumber() && found.path("seed").longValue() == seed
                    && g.id().equals(found.path("task").asText())
                    && found.size() == 3;
        } catch (IOException e) {
            return false; // unreadable or damaged stamp: regenerate
        }
    }

    static void writeJson(Path file, JsonNode node) throws IOException {
        Files.writeString(file, PRETTY.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * A new, empty folder {@code .<stem>-<pid>-<n>} inside {@code parent}, with the default
     * permissions (unlike {@link Files#createTempDirectory}, which makes it private to the owner).
     */
    static Path newHiddenFolder(Path parent, String stem) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int n = 0; ; n++) {
            Path candidate = parent.resolve("." + stem + "-" + pid + "-" + n);
            try {
                return Files.createDirectory(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken by an earlier, still-present attempt: try the next number
            }
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Removes temporary and stale folders left by generations that were killed. Call under the lock. */
    static void removeLeftovers(Path suite, String taskId) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> children = Files.list(suite)) {
            children.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("." + taskId + ".tmp-") || name.startsWith("." + taskId + ".stale-");
            }).forEach(leftovers::add);
        }
        for (Path p : leftovers) {
            deleteTree(p);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
