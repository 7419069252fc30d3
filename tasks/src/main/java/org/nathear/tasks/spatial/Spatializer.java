package org.nathear.tasks.spatial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.api.Ids;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.api.util.Hashing;
import org.nathear.tasks.hear.HearFormat;
import org.nathear.tasks.hear.HearOpenedTask;
import org.nathear.tasks.hear.HearTaskFolder;
import org.nathear.tasks.hrtf.BinauralHead;
import org.nathear.tasks.hrtf.SofaFile;
import org.nathear.tasks.localization.LocalizationTasks;
import org.nathear.tasks.spatial.noise.FolderNoiseBank;
import org.nathear.tasks.spatial.noise.GeneratedNoiseBank;
import org.nathear.tasks.spatial.scene.ExternalRirSet;
import org.nathear.tasks.spatial.scene.Mixing;
import org.nathear.tasks.spatial.scene.RenderedScene;
import org.nathear.tasks.spatial.scene.SceneSampler;
import org.nathear.tasks.spatial.scene.SceneSeeds;
import org.nathear.tasks.spatial.scene.SceneSimulator;
import org.nathear.tasks.spatial.scene.SpatialFormat;

/**
 * Turns a mono HEAR task into its Nat-HEAR version: every clip rendered into its own scene
 * ({@link SceneSimulator}) in binaural or first-order Ambisonics format, written as a HEAR task
 * folder with the same labels and splits plus the scene parameters of every clip in
 * {@code scenes/<split>.json}.
 *
 * <ul>
 *   <li>Deterministic: clip {@code c} of split {@code s} gets the scene seed
 *       {@code SceneSeeds.derive(seed, s + "/" + c)}, whatever the order or number of threads.</li>
 *   <li>Scenes are rendered at the task's highest rate and resampled for its other rate folders,
 *       so every rate holds the same scene.</li>
 *   <li>Safe: the task is built in {@code .<id>.partial/} next to the target and moved into place
 *       only when complete; the target is never half-written. An interrupted run resumes from the
 *       partial folder when run again with the same options (a settings file there must match).</li>
 *   <li>Parallel over clips ({@code threads}); each clip's audio and scene record are written
 *       atomically.</li>
 * </ul>
 */
public final class Spatializer {
    /** Version of the simulation and mixing recipe; part of the resume fingerprint and the metadata. */
    public static final String RECIPE_VERSION = "nat-hear-sim/1";
    /** Clips shorter than this cannot be rendered meaningfully. */
    public static final double MIN_CLIP_SECONDS = 0.1;
    private static final String SETTINGS_FILE = ".spatialize-settings.json";
    private static final String PARTS = ".scene-parts";
    /** Folder of the per-split scene records. */
    public static final String SCENES_FOLDER = "scenes";

    /**
     * What to make.
     *
     * @param format        binaural or foa
     * @param seed          scene seed of the whole task
     * @param head          built-in head for binaural scenes (null: {@link BinauralHead#KEMAR}); ignored with a
     *                      SOFA file or external impulse responses
     * @param sofaFile      HRTF for binaural scenes, or null for the built-in head
     * @param rirFolder     external impulse responses ({@link ExternalRirSet}), or null to simulate rooms
     * @param noiseFolder   noise recordings ({@link FolderNoiseBank}), or null for generated textures
     * @param taskId        id of the new task, or null to derive {@code <name>-nat-<format>-<version>-<mode>}
     * @param localization  also write the localization task ({@link LocalizationTasks})
     * @param threads       clips rendered in parallel (at least 1)
     * @param sampler       scene ranges, or null for nathear's ({@link SceneSampler.Settings#nathear()})
     * @param mixing        how noise is drawn and scaled (null: {@link Mixing#NATHEAR})
     */
    public record Settings(SpatialFormat format, long seed, BinauralHead head, Path sofaFile, Path rirFolder, Path noiseFolder,
                           String taskId, boolean localization, int threads, SceneSampler.Settings sampler, Mixing mixing) {
        public Settings {
            sampler = sampler == null ? SceneSampler.Settings.nathear() : sampler;
            head = head == null ? BinauralHead.KEMAR : head;
            mixing = mixing == null ? Mixing.NATHEAR : mixing;
            if (format == null) {
                throw new ConfigurationException("Spatialize needs a format: binaural or foa");
            }
            if (threads < 1) {
                throw new ConfigurationException("Spatialize needs at least one thread; got " + threads);
            }
            if (sofaFile != null && format != SpatialFormat.BINAURAL) {
                throw new ConfigurationException("--sofa applies to the binaural format only; the format is " + format.id());
            }
            if (sofaFile != null && rirFolder != null) {
                throw new ConfigurationException("Give either an HRTF (--sofa) or external impulse responses (--rirs), not both: "
                        + "external binaural responses already contain the ears");
            }
        }

        /** The built-in KEMAR head and nathear's mixing. */
        public Settings(SpatialFormat format, long seed, Path sofaFile, Path rirFolder, Path noiseFolder, String taskId,
                        boolean localization, int threads, SceneSampler.Settings sampler) {
            this(format, seed, null, sofaFile, rirFolder, noiseFolder, taskId, localization, threads, sampler, null);
        }
    }

    /** Progress callbacks (from several threads). */
    public interface Progress {
        void clips(int done, int total);

        void message(String line);
    }

    /** What was written. */
    public record Result(Path taskFolder, Path localizationFolder, int clips, int rendered, int resumed) {
    }

    private Spatializer() {
    }

    /** The id of the spatial version of a task folder: {@code real-sfx-v1-full} → {@code real-sfx-nat-foa-v1-full}. */
    public static String derivedId(String inputId, String version, String mode, String infix) {
        String suffix = "-" + version + (mode == null ? "" : "-" + mode);
        if (inputId.endsWith(suffix) && inputId.length() > suffix.length()) {
            return inputId.substring(0, inputId.length() - suffix.length()) + "-" + infix + suffix;
        }
        return inputId + "-" + infix;
    }

    /** The description written into the metadata of the spatial version of task {@code sourceTaskId}. */
    public static String description(SpatialFormat format, String sourceTaskId) {
        return "Nat-HEAR " + format.id() + " version of " + sourceTaskId
                + ": each clip in its own simulated scene (reverberation, noise at 5-40 dB SNR)";
    }

    /** Spatializes {@code inputTask} into {@code outputParent/<new id>/}. */
    public static Result run(Path inputTask, Path outputParent, Settings settings, Progress progress) {
        HearTaskFolder input = new HearTaskFolder(inputTask);
        HearOpenedTask opened = input.open();
        TaskDescriptor td = opened.descriptor();
        if (td.layout() != ChannelLayout.MONO) {
            throw new ConfigurationException("Task " + td.id() + " is already " + td.layout() + "; spatialize takes mono tasks");
        }
        if (td.kind() == TaskKind.LOCALIZATION) {
            throw new ConfigurationException("Task " + td.id() + " is a localization task; spatialize takes scene or event tasks");
        }
        if (td.clipDurationSeconds() != null && td.clipDurationSeconds() < MIN_CLIP_SECONDS) {
            throw new ConfigurationException("Task " + td.id() + " has clips of " + td.clipDurationSeconds() + " s; a scene needs "
                    + "at least " + MIN_CLIP_SECONDS + " s of audio");
        }
        ObjectNode metadata = readObject(input.folder().resolve(HearFormat.METADATA_FILE));
        String version = metadata.path("version").asText(td.version());
        String mode = metadata.hasNonNull("mode") ? metadata.get("mode").asText() : null;
        String id = settings.taskId() != null ? settings.taskId()
                : derivedId(td.id(), version, mode, "nat-" + settings.format().id());
        Ids.requireTaskId(id);
        Path parent = outputParent.toAbsolutePath().normalize();
        Path target = parent.resolve(id);
        if (Files.exists(target)) {
            throw new ConfigurationException("Output task folder " + target + " already exists; remove it or choose another "
                    + "--out or --task-id");
        }
        int renderRate = opened.availableRatesHz().get(opened.availableRatesHz().size() - 1);
        SceneSimulator renderer = renderer(settings, renderRate);
        Path partial = TaskFiles.partialFolder(target);
        Map<String, Object> fingerprint = fingerprint(input, settings, renderer);
        boolean resuming = prepare(partial, fingerprint, progress);

        List<Job> jobs = new ArrayList<>();
        for (String split : td.splits()) {
            for (ClipRef ref : opened.clips(split)) {
                jobs.add(new Job(split, ref.id()));
            }
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger resumed = new AtomicInteger();
        List<Integer> rates = opened.availableRatesHz();
        progress.message(String.format(java.util.Locale.ROOT, "spatialize %s -> %s: %d clips, %s, rendered at %d Hz%s",
                td.id(), id, jobs.size(), renderer.receiver().description(), renderRate,
                resuming ? " (resuming " + partial + ")" : ""));
        ForkJoinPool pool = new ForkJoinPool(settings.threads());
        try {
            pool.submit(() -> jobs.parallelStream().forEach(job -> {
                if (isDone(partial, job, rates)) {
                    resumed.incrementAndGet();
                } else {
                    render(opened, renderer, settings.seed(), renderRate, rates, partial, job);
                }
                progress.clips(done.incrementAndGet(), jobs.size());
            })).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HarnessException h) {
                throw h;
            }
            throw new ConfigurationException("Spatializing " + td.id() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("Spatializing " + td.id() + " was interrupted; run it again to resume", e);
        } finally {
            pool.shutdown();
        }
        finish(input, td, metadata, id, settings, renderer, partial, jobs);
        TaskFiles.moveFolder(partial, target);
        progress.message("wrote " + target);
        Path localization = null;
        if (settings.localization()) {
            localization = LocalizationTasks.fromSceneTask(target, parent, null);
            progress.message("wrote " + localization);
        }
        return new Result(target, localization, jobs.size(), jobs.size() - resumed.get(), resumed.get());
    }

    private record Job(String split, String clipId) {
    }

    static SceneSimulator renderer(Settings settings, int rateHz) {
        SceneSimulator.Builder b = SceneSimulator.builder().setFormat(settings.format()).setSampleRateHz(rateHz)
                .optSamplerSettings(settings.sampler()).optMixing(settings.mixing());
        if (settings.sofaFile() != null) {
            b.optHrtf(SofaFile.read(settings.sofaFile()));
        } else if (settings.format() == SpatialFormat.BINAURAL && settings.rirFolder() == null) {
            b.optHrtf(settings.head().atSampleRate(rateHz));
        }
        if (settings.rirFolder() != null) {
            b.optExternalImpulseResponses(ExternalRirSet.open(settings.rirFolder()));
        }
        if (settings.noiseFolder() != null) {
            b.optNoise(new FolderNoiseBank(settings.noiseFolder()));
        }
        return b.build();
    }

    private static Map<String, Object> fingerprint(HearTaskFolder input, Settings settings, SceneSimulator renderer) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("recipe", RECIPE_VERSION);
        f.put("input", input.folder().toString());
        f.put("format", settings.format().id());
        f.put("seed", Long.toString(settings.seed()));
        f.put("receiver", renderer.receiver().description());
        f.put("sofa", settings.sofaFile() == null ? "none" : settings.sofaFile().toAbsolutePath().normalize() + " sha256="
                + sha256(settings.sofaFile()));
        f.put("rirs", settings.rirFolder() == null ? "simulated" : settings.rirFolder().toAbsolutePath().normalize().toString());
        f.put("sampler", settings.sampler().toString());
        f.put("noise", settings.noiseFolder() == null ? "generated" : settings.noiseFolder().toAbsolutePath().normalize().toString());
        f.put("mixing", settings.mixing().id());
        return f;
    }

    /** Creates the partial folder, or checks that an existing one was made with the same settings. */
    private static boolean prepare(Path partial, Map<String, Object> fingerprint, Progress progress) {
        Path file = partial.resolve(SETTINGS_FILE);
        if (Files.isDirectory(partial)) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("Folder " + partial + " exists but is not a partial spatialize output (no "
                        + SETTINGS_FILE + "); delete it");
            }
            JsonNode existing = readObject(file);
            JsonNode wanted = TaskFiles.JSON.valueToTree(fingerprint);
            if (!existing.equals(wanted)) {
                throw new ConfigurationException("An interrupted spatialize run with other settings left " + partial
                        + "; rerun with the same options to resume it, or delete it. Its settings: " + existing
                        + "; these: " + wanted);
            }
            return true;
        }
        TaskFiles.writeJson(file, fingerprint);
        return false;
    }

    private static boolean isDone(Path partial, Job job, List<Integer> rates) {
        if (!Files.isRegularFile(partPath(partial, job))) {
            return false;
        }
        for (int rate : rates) {
            if (!Files.isRegularFile(partial.resolve(Integer.toString(rate)).resolve(job.split()).resolve(job.clipId()))) {
                return false;
            }
        }
        return true;
    }

    private static Path partPath(Path partial, Job job) {
        return partial.resolve(PARTS).resolve(job.split()).resolve(job.clipId() + ".json");
    }

    private static void render(HearOpenedTask task, SceneSimulator renderer, long seed, int renderRate, List<Integer> rates,
                               Path partial, Job job) {
        AudioClip dry = task.audio(job.split(), job.clipId(), renderRate);
        if (dry.durationSeconds() < MIN_CLIP_SECONDS) {
            throw new TaskFormatException("Task " + task.descriptor().id() + " clip " + job.split() + "/" + job.clipId() + " is "
                    + dry.durationSeconds() + " s long; a scene needs at least " + MIN_CLIP_SECONDS + " s of audio");
        }
        long clipSeed = SceneSeeds.derive(seed, job.split() + "/" + job.clipId());
        RenderedScene scene;
        try {
            scene = renderer.render(dry.channel(0), clipSeed);
        } catch (HarnessException e) {
            throw new ConfigurationException("Rendering clip " + job.split() + "/" + job.clipId() + " failed: " + e.getMessage(), e);
        }
        for (int rate : rates) {
            AudioClip out = Resampler.resample(scene.audio(), rate);
            WavFiles.write(partial.resolve(Integer.toString(rate)).resolve(job.split()).resolve(job.clipId()), out,
                    WavEncoding.PCM_16);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("scene", scene.parameters());
        record.put("mix", scene.mix());
        TaskFiles.writeJson(partPath(partial, job), record);
    }

    /** Metadata, vocabulary, split files and the consolidated scene records. */
    private static void finish(HearTaskFolder input, TaskDescriptor td, ObjectNode metadata, String id, Settings settings,
                               SceneSimulator renderer, Path partial, List<Job> jobs) {
        Map<String, Map<String, JsonNode>> scenes = new LinkedHashMap<>();
        for (Job job : jobs) {
            scenes.computeIfAbsent(job.split(), s -> new LinkedHashMap<>()).put(job.clipId(), readObject(partPath(partial, job)));
        }
        for (Map.Entry<String, Map<String, JsonNode>> e : scenes.entrySet()) {
            TaskFiles.writeJson(partial.resolve(SCENES_FOLDER).resolve(e.getKey() + ".json"), e.getValue());
        }
        ObjectNode meta = metadata.deepCopy();
        meta.put("task_name", id);
        meta.put(HearFormat.CHANNEL_LAYOUT_KEY, settings.format().id());
        meta.put(HearFormat.DESCRIPTION_KEY, description(settings.format(), td.id()));
        ObjectNode nat = meta.putObject("nat_hear");
        nat.put("source_task", td.id());
        nat.put("recipe", RECIPE_VERSION);
        nat.put("format", settings.format().id());
        nat.put("seed", settings.seed());
        nat.put("receiver", renderer.receiver().description());
        nat.put("mixing", settings.mixing().id());
        nat.put("impulse_responses", settings.rirFolder() == null ? "simulated" : "external");
        nat.put("noise", settings.noiseFolder() == null ? new GeneratedNoiseBank().description() : "folder");
        nat.put("scene_records", SCENES_FOLDER + "/<split>.json");
        TaskFiles.writeJson(partial.resolve(HearFormat.METADATA_FILE), meta);
        copy(input.folder().resolve(HearFormat.VOCABULARY_FILE), partial.resolve(HearFormat.VOCABULARY_FILE));
        for (String split : td.splits()) {
            copy(input.folder().resolve(HearFormat.splitFileName(split)), partial.resolve(HearFormat.splitFileName(split)));
        }
        TaskFiles.deleteTree(partial.resolve(PARTS));
        try {
            Files.deleteIfExists(partial.resolve(SETTINGS_FILE));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot delete " + partial.resolve(SETTINGS_FILE) + ": " + e, e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            TaskFiles.writeString(to, Files.readString(from));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot copy " + from + ": " + e, e);
        }
    }

    static ObjectNode readObject(Path file) {
        try {
            JsonNode node = TaskFiles.JSON.readTree(file.toFile());
            if (!(node instanceof ObjectNode o)) {
                throw new TaskFormatException(file + ": expected a JSON object");
            }
            return o;
        } catch (IOException e) {
            throw new TaskFormatException(file + ": cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) {
        try {
            return Hashing.sha256(file);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e, e);
        }
    }
}
