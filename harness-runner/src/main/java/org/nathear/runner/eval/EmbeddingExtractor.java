package org.nathear.runner.eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.nathear.api.AudioClip;
import org.nathear.api.ClipRef;
import org.nathear.api.Label;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOutputRules;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.OpenedTask;
import org.nathear.runner.cache.EmbeddingCache.CachedEmbedding;
import org.nathear.api.util.Hashing;
import org.nathear.runner.cache.EmbeddingCache;
import org.nathear.runner.cache.EmbeddingMatrix;
import org.nathear.runner.cache.SharedAudioStore;
import org.nathear.runner.cache.SourceManifest;
import org.nathear.runner.cache.WorkFolder;

/**
 * Gets the embeddings of every split of a task from a frozen model, batch by batch through three
 * stages: {@link AudioSource} (the clips' source hashes, and their audio at the model's rate —
 * decoded, or read back from the run's {@link SharedAudioStore} when another model at that rate
 * already decoded it — through the channel adapter), {@link CachedEmbedder} (keys, cache lookup,
 * the model on the misses only, opened lazily so a fully cached cell never loads weights, output
 * checked with {@link ModelOutputRules}, cache write) and {@link SplitMatrixWriter} (the split's
 * memory-mapped {@link EmbeddingMatrix}). This class orchestrates them and holds what a run shares
 * across cells: the tasks' source manifests and data hashes, the work folder and the shared audio.
 *
 * <p>{@link #extractSceneRows} and {@link #extractTimestamps} write the embeddings into a
 * memory-mapped {@link EmbeddingMatrix} (one row per clip, or per frame), so a split never sits on
 * the heap; {@link #extractScene} keeps the older heap form for small tasks and other callers.
 */
public final class EmbeddingExtractor implements AutoCloseable {
    /**
     * Version of the harness-side audio path (WAV reader, resampler, channel adapter); part of every
     * cache key. Clips are keyed by the hash of their stored file, so any change to what that path
     * makes of a file must bump this version, or a warm cache would serve embeddings of the old audio.
     */
    public static final String FRONT_END_VERSION = "2";
    /** Audio samples (all channels) decoded at once for timestamp extraction: about 6 min at 44.1 kHz. */
    static final long TIMESTAMP_BATCH_SAMPLES = 1L << 24;

    private final Path cacheDir;
    private final Path workDir;
    private final int batchSize;
    private final Progress progress;
    private final Map<String, SourceManifest> manifests = new HashMap<>();
    private final Map<String, TaskData> taskData = new HashMap<>();
    private final Set<String> written = new HashSet<>();
    private WorkFolder workFolder;
    private SharedAudioStore sharedAudio;
    private final java.util.concurrent.atomic.AtomicLong decodedInRun = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong sharedInRun = new java.util.concurrent.atomic.AtomicLong();

    /** Counters of one extraction. */
    public static final class Stats {
        public int embedded;
        public int fromCache;
        /** Clips whose audio was decoded (a fully cached split of a task with stored files decodes none). */
        public int decoded;
        /** Clips whose audio came from the run's shared store (decoded earlier in the run by another model at the same rate). */
        public int sharedAudio;
        public double seconds;
        /** Wall time inside the model's embedding calls (opening it excluded), seconds. */
        public double modelSeconds;
        /** Duration of the audio that went through the model, seconds. */
        public double audioSecondsEmbedded;
        /** The opened model when it was called for this extraction, else null (a fully cached cell never opens it). */
        public OpenedModel model;
    }

    /** An embedded split whose matrix lives in a work file until it is closed. */
    public interface Split extends AutoCloseable {
        /** Closes the matrix (its work file is deleted). */
        @Override
        void close();
    }

    /** The scene embeddings of one split, one matrix row per clip, in task order. */
    public record SplitRows(String split, List<String> clipIds, List<Label> labels, EmbeddingMatrix features) implements Split {
        public SplitRows {
            clipIds = List.copyOf(clipIds);
            labels = List.copyOf(labels);
        }

        @Override
        public void close() {
            features.close();
        }

        public int size() {
            return clipIds.size();
        }
    }

    /**
     * The timestamp embeddings of one split: every clip's frames one after the other in one matrix.
     *
     * @param firstFrame       clip {@code i} owns rows {@code firstFrame[i] … firstFrame[i+1]−1} (length clips + 1)
     * @param timestampsMillis per row, the frame's centre time in its clip
     * @param durationsMillis  per clip, the duration of the audio the model saw
     */
    public record SplitFrames(String split, List<String> clipIds, List<Label> labels, EmbeddingMatrix frames,
                              int[] firstFrame, double[] timestampsMillis, double[] durationsMillis) implements Split {
        @Override
        public void close() {
            frames.close();
        }

        public SplitFrames {
            clipIds = List.copyOf(clipIds);
            labels = List.copyOf(labels);
            firstFrame = firstFrame.clone();
            timestampsMillis = timestampsMillis.clone();
            durationsMillis = durationsMillis.clone();
            if (firstFrame.length != clipIds.size() + 1 || firstFrame[clipIds.size()] != frames.size()
                    || timestampsMillis.length != frames.size()) {
                throw new IllegalArgumentException("frame offsets, timestamps and rows disagree");
            }
        }

        public int clips() {
            return clipIds.size();
        }

        /** The timestamps of clip {@code i}. */
        public double[] timestampsOf(int clip) {
            return Arrays.copyOfRange(timestampsMillis, firstFrame[clip], firstFrame[clip + 1]);
        }
    }

    /**
     * An extractor with its own private work folder (see {@link WorkFolder}), created on first use
     * under {@code <cache>/.work} or, without a cache, the system temporary folder, and removed by
     * {@link #close}.
     *
     * @param cacheDir the cache root, or {@code null} to disable caching
     */
    public EmbeddingExtractor(Path cacheDir, int batchSize, Progress progress) {
        this(cacheDir, null, batchSize, progress);
    }

    /**
     * @param cacheDir the cache root, or {@code null} to disable caching
     * @param workDir  where the memory-mapped embedding matrices of a cell live while it is evaluated,
     *                 or null for a private work folder of this extractor
     */
    public EmbeddingExtractor(Path cacheDir, Path workDir, int batchSize, Progress progress) {
        this.cacheDir = cacheDir;
        this.workDir = workDir;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** Where work files go: the given folder, or this extractor's private work folder (created now). */
    private synchronized Path workDir() {
        if (workDir != null) {
            return workDir;
        }
        if (workFolder == null) {
            workFolder = WorkFolder.create(cacheDir != null ? cacheDir.resolve(".work") : WorkFolder.systemTemp());
        }
        return workFolder.path();
    }

    /** The source manifest of a task, shared by every model of this run. */
    public synchronized SourceManifest manifest(String taskId) {
        return manifests.computeIfAbsent(taskId,
                id -> cacheDir == null ? SourceManifest.inMemory() : SourceManifest.open(cacheDir, id));
    }

    /**
     * The task's data hash: over its source files and labels ({@link TaskData}), the same for every
     * model, computed once per run and written to {@code <runDir>/task-data/} when {@code runDir} is
     * given. For a task plugin without stored files it falls back to {@code audioDigest} (the audio
     * each model saw, so it then differs between models with different rates or channel rules).
     */
    public String dataHash(OpenedTask task, MessageDigest audioDigest, Path runDir) {
        TaskData data = taskData(task);
        if (data == null) {
            return Hashing.hex(audioDigest.digest());
        }
        if (runDir != null) {
            synchronized (this) {
                if (written.add(runDir.toAbsolutePath() + "\u0000" + data.taskId())) {
                    data.write(runDir);
                }
            }
        }
        return data.hash();
    }

    /** The task's {@link TaskData}, computed once per run; null for a task without stored files. */
    public TaskData taskData(OpenedTask task) {
        String id = task.descriptor().id();
        synchronized (this) {
            if (taskData.containsKey(id)) {
                return taskData.get(id);
            }
        }
        SourceManifest manifest = manifest(id);
        TaskData data = TaskData.of(task, manifest);
        manifest.save();
        synchronized (this) {
            taskData.put(id, data);
        }
        return data;
    }

    /**
     * Announces that {@code cells} cells of this run will read task {@code taskId}'s audio at
     * {@code sampleRateHz}: from now on, audio of that (task, rate) decoded while another announced
     * cell still needs it is kept in the run's {@link SharedAudioStore}. Without an announcement
     * nothing is stored (each cell decodes its own audio).
     */
    public synchronized void shareAudio(String taskId, int sampleRateHz, int cells) {
        if (sharedAudio == null) {
            sharedAudio = new SharedAudioStore(workDir().resolve("shared-audio"));
        }
        sharedAudio.expectUses(SharedAudioStore.group(taskId, sampleRateHz), cells);
    }

    /** One announced cell is done with task {@code taskId}'s audio at {@code sampleRateHz} (see {@link #shareAudio}). */
    public synchronized void audioUsed(String taskId, int sampleRateHz) {
        if (sharedAudio != null) {
            sharedAudio.used(SharedAudioStore.group(taskId, sampleRateHz));
        }
    }

    /**
     * What this extractor's audio stage did so far, e.g. {@code "audio: 120 clip(s) decoded, 80 read
     * back from the run's shared store"}.
     */
    public String audioSummary() {
        return "audio: " + decodedInRun.get() + " clip(s) decoded and resampled by the tasks, " + sharedInRun.get()
                + " read back from the run's shared store";
    }

    /** The run's shared audio store, or null when nothing was announced. */
    synchronized SharedAudioStore sharedAudio() {
        return sharedAudio;
    }

    /** Saves the source manifests, deletes the shared audio and removes the private work folder. */
    @Override
    public synchronized void close() {
        for (SourceManifest m : manifests.values()) {
            m.save();
        }
        if (sharedAudio != null) {
            sharedAudio.clear();
            sharedAudio = null;
        }
        if (workFolder != null) {
            workFolder.close();
            workFolder = null;
        }
    }

    /**
     * The key for everything that decides a model's output apart from the audio.
     */
    public static String modelKey(ModelDescriptor model, String weightsSha256, String optionsCanonical,
                                  ChannelAdapter adapter, String embeddingKind) {
        return Hashing.sha256(String.join("\n", "model=" + model.id(), "version=" + model.version(),
                "weights=" + weightsSha256, "options=" + optionsCanonical, "channels=" + adapter.rule(),
                "rate=" + model.sampleRateHz(), "frontEnd=" + FRONT_END_VERSION, "kind=" + embeddingKind));
    }

    /** The cache file of one (model, task, split) below {@code cacheDir}: where extraction looks its clips up and adds them. */
    public static Path cacheFile(Path cacheDir, ModelDescriptor model, TaskDescriptor task, String split, String modelKey) {
        String splitKey = Hashing.sha256(modelKey + "\ntask=" + task.id() + "\ntaskVersion=" + task.version() + "\nsplit=" + split);
        return cacheDir.resolve(model.id()).resolve(task.id()).resolve(split + "-" + splitKey.substring(0, 16) + ".emb");
    }

    /**
     * Clips per model call: {@code batchSize}, fewer for timestamp embeddings of long clips. Calls
     * start at multiples of this in a split's clip order.
     */
    public static int clipsPerCall(TaskDescriptor task, ModelDescriptor model, boolean timestamps, int batchSize) {
        if (timestamps && task.clipDurationSeconds() != null) {
            long perClip = Math.max(1, Math.round(task.clipDurationSeconds() * model.sampleRateHz()));
            return (int) Math.max(1, Math.min(batchSize, TIMESTAMP_BATCH_SAMPLES / perClip));
        }
        return batchSize;
    }

    /** Receives each clip's embedding in task order. */
    @FunctionalInterface
    private interface ClipSink {
        void accept(int index, ClipRef clip, CachedEmbedding embedding);
    }

    /**
     * Extracts one split onto the heap.
     *
     * @param dataDigest  updated with (split, clip id, label, audio hash) of every clip, for the task data hash
     */
    public SplitEmbeddings extractScene(OpenedTask task, String split, Supplier<OpenedModel> model,
                                        ModelDescriptor descriptor, ChannelAdapter adapter, String modelKey,
                                        MessageDigest dataDigest, Stats stats) {
        List<ClipRef> refs = task.clips(split);
        float[][] features = new float[refs.size()][];
        List<Label> labels = new ArrayList<>(refs.size());
        List<String> ids = new ArrayList<>(refs.size());
        extract(task, split, model, descriptor, adapter, modelKey, dataDigest, stats, false, (i, ref, e) -> {
            ids.add(ref.id());
            labels.add(ref.label());
            features[i] = e.frames()[0];
        });
        return new SplitEmbeddings(split, ids, labels, features);
    }

    /** Extracts one split's scene embeddings into a memory-mapped matrix (the caller closes it). */
    public SplitRows extractSceneRows(OpenedTask task, String split, Supplier<OpenedModel> model,
                                      ModelDescriptor descriptor, ChannelAdapter adapter, String modelKey,
                                      MessageDigest dataDigest, Stats stats) {
        try (SplitMatrixWriter<SplitRows> writer = SplitMatrixWriter.sceneRows(workDir(), split, descriptor.sceneEmbeddingSize())) {
            extract(task, split, model, descriptor, adapter, modelKey, dataDigest, stats, false, (i, ref, e) -> writer.accept(ref, e));
            return writer.finish();
        }
    }

    /** Extracts one split's timestamp embeddings into a memory-mapped matrix of frames (the caller closes it). */
    public SplitFrames extractTimestamps(OpenedTask task, String split, Supplier<OpenedModel> model,
                                         ModelDescriptor descriptor, ChannelAdapter adapter, String modelKey,
                                         MessageDigest dataDigest, Stats stats) {
        try (SplitMatrixWriter<SplitFrames> writer = SplitMatrixWriter.timestampFrames(workDir(), split,
                descriptor.timestampEmbeddingSize())) {
            extract(task, split, model, descriptor, adapter, modelKey, dataDigest, stats, true, (i, ref, e) -> writer.accept(ref, e));
            return writer.finish();
        }
    }

    /**
     * The stages for one split, batch by batch: {@link AudioSource} (source hashes; audio, decoded or
     * from the run's shared store, channel-adapted) → {@link CachedEmbedder} (keys, cache lookup,
     * guarded model call on the misses, output rules, cache write) → the sink (a split matrix).
     */
    private void extract(OpenedTask task, String split, Supplier<OpenedModel> model, ModelDescriptor descriptor,
                         ChannelAdapter adapter, String modelKey, MessageDigest dataDigest, Stats stats,
                         boolean timestamps, ClipSink sink) {
        long start = System.nanoTime();
        TaskDescriptor td = task.descriptor();
        List<ClipRef> refs = task.clips(split);
        Progress.Step step = progress.start(String.format(Locale.ROOT, "  [%s | %s] %s%s:", descriptor.id(), td.id(), split,
                timestamps ? " (timestamps)" : ""), refs.size());
        int batch = clipsPerCall(td, descriptor, timestamps, batchSize);
        SourceManifest manifest = manifest(td.id());
        AudioSource source = new AudioSource(task, split, descriptor.sampleRateHz(), adapter, manifest, sharedAudio());
        int cachedHere = 0;
        try (CachedEmbedder embedder = new CachedEmbedder(cacheDir, td, split, descriptor, modelKey, timestamps, progress)) {
            for (int from = 0; from < refs.size(); from += batch) {
                int to = Math.min(refs.size(), from + batch);
                int n = to - from;
                int base = from;
                // 1. keys from the clips' stored files (a stat per file on a warm manifest; no audio is read)
                String[] sourceHashes = new String[n];
                String[] clipKeys = new String[n];
                IntStream.range(0, n).parallel().forEach(k -> {
                    sourceHashes[k] = source.sourceHash(refs.get(base + k).id());
                    if (sourceHashes[k] != null) {
                        clipKeys[k] = embedder.keyFromSource(sourceHashes[k]);
                    }
                });
                // 2. a task without stored files: decode to key the clip by its audio
                AudioClip[] audio = new AudioClip[n];
                List<Integer> unkeyed = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    if (clipKeys[k] == null) {
                        unkeyed.add(k);
                    }
                }
                source.load(refs, base, unkeyed, sourceHashes, audio);
                for (int k : unkeyed) {
                    String audioHash = Hashing.audio(audio[k]);
                    ClipRef ref = refs.get(base + k);
                    dataDigest.update((split + "\t" + ref.id() + "\t" + ref.label() + "\t" + audioHash + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    clipKeys[k] = embedder.keyFromAudio(audioHash);
                }
                // 3. the cache; damaged entries are recomputed
                CachedEmbedding[] embeddings = new CachedEmbedding[n];
                List<Integer> missing = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    embeddings[k] = embedder.cached(clipKeys[k], refs.get(base + k).id());
                    if (embeddings[k] != null) {
                        cachedHere++;
                    } else {
                        missing.add(k);
                    }
                }
                // 4. the model, on the misses only
                if (!missing.isEmpty()) {
                    List<Integer> toLoad = new ArrayList<>();
                    for (int k : missing) {
                        if (audio[k] == null) {
                            toLoad.add(k);
                        }
                    }
                    source.load(refs, base, toLoad, sourceHashes, audio);
                    List<AudioClip> clips = new ArrayList<>(missing.size());
                    List<String> names = new ArrayList<>(missing.size());
                    for (int k : missing) {
                        clips.add(audio[k]);
                        names.add(refs.get(base + k).id());
                    }
                    OpenedModel opened = model.get();
                    stats.model = opened;
                    long called = System.nanoTime();
                    List<CachedEmbedding> computed = embedder.compute(() -> opened, clips, names);
                    stats.modelSeconds += (System.nanoTime() - called) / 1e9;
                    for (int m = 0; m < missing.size(); m++) {
                        int k = missing.get(m);
                        embeddings[k] = computed.get(m);
                        stats.audioSecondsEmbedded += embeddings[k].durationMillis() / 1000;
                        embedder.store(clipKeys[k], embeddings[k]);
                    }
                }
                for (int k = 0; k < n; k++) {
                    sink.accept(base + k, refs.get(base + k), embeddings[k]);
                }
                step.advance(n);
            }
            embedder.save();
            manifest.save();
        }
        stats.fromCache += cachedHere;
        stats.embedded += refs.size() - cachedHere;
        stats.decoded += source.decoded();
        stats.sharedAudio += source.fromShared();
        decodedInRun.addAndGet(source.decoded());
        sharedInRun.addAndGet(source.fromShared());
        stats.seconds += (System.nanoTime() - start) / 1e9;
        step.finish(cachedHere == refs.size() ? "all from cache" : cachedHere > 0 ? cachedHere + " from cache" : "");
    }
}
