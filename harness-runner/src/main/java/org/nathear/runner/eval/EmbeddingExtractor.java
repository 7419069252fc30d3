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
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.nathear.api.AudioClip;
import org.nathear.api.ClipRef;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.HarnessException;
import org.nathear.api.Label;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOutputRules;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.OpenedTask;
import org.nathear.runner.cache.EmbeddingCache;
import org.nathear.runner.cache.EmbeddingMatrix;
import org.nathear.runner.cache.SourceManifest;
import org.nathear.runner.cache.WorkFolder;
import org.nathear.runner.util.Hashing;

/**
 * Gets the embeddings of every split of a task from a frozen model: audio at the model's rate,
 * channels adapted, looked up in the content-addressed cache, and only cache misses sent through
 * the model (opened lazily, so a fully cached cell never loads weights). Model output is checked
 * with {@link ModelOutputRules} and a violation names the model, the call, the clips and the
 * offending values.
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
    private final java.util.concurrent.atomic.AtomicInteger decodedHere = new java.util.concurrent.atomic.AtomicInteger();

    /** Counters of one extraction. */
    public static final class Stats {
        public int embedded;
        public int fromCache;
        /** Clips whose audio was decoded (a fully cached split of a task with stored files decodes none). */
        public int decoded;
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

    /** Saves the source manifests and removes the private work folder. */
    @Override
    public synchronized void close() {
        for (SourceManifest m : manifests.values()) {
            m.save();
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
    private interface ClipSink {
        void accept(int index, ClipRef clip, float[][] frames, double[] timesMillis, double durationMillis);
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
        extract(task, split, model, descriptor, adapter, modelKey, dataDigest, stats, false, (i, ref, frames, t, d) -> {
            ids.add(ref.id());
            labels.add(ref.label());
            features[i] = frames[0];
        });
        return new SplitEmbeddings(split, ids, labels, features);
    }

    /** Extracts one split's scene embeddings into a memory-mapped matrix (the caller closes it). */
    public SplitRows extractSceneRows(OpenedTask task, String split, Supplier<OpenedModel> model,
                                      ModelDescriptor descriptor, ChannelAdapter adapter, String modelKey,
                                      MessageDigest dataDigest, Stats stats) {
        List<Label> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (EmbeddingMatrix.Writer writer = EmbeddingMatrix.createTemporary(workDir(), "scene-" + split + "-",
                descriptor.sceneEmbeddingSize())) {
            extract(task, split, model, descriptor, adapter, modelKey, dataDigest, stats, false, (i, ref, frames, t, d) -> {
                ids.add(ref.id());
                labels.add(ref.label());
                writer.append(frames[0]);
            });
            return new SplitRows(split, ids, labels, writer.finish());
        }
    }

    /** Extracts one split's timestamp embeddings into a memory-mapped matrix of frames (the caller closes it). */
    public SplitFrames extractTimestamps(OpenedTask task, String split, Supplier<OpenedModel> model,
                                         ModelDescriptor descriptor, ChannelAdapter adapter, String modelKey,
                                         MessageDigest dataDigest, Stats stats) {
        List<Label> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Integer> first = new ArrayList<>();
        DoubleList times = new DoubleList();
        DoubleList durations = new DoubleList();
        try (EmbeddingMatrix.Writer writer = EmbeddingMatrix.createTemporary(workDir(), "frames-" + split + "-",
                descriptor.timestampEmbeddingSize())) {
            extract(task, split, model, descriptor, adapter, modelKey, dataDigest, stats, true, (i, ref, frames, t, d) -> {
                ids.add(ref.id());
                labels.add(ref.label());
                first.add(writer.rows());
                for (float[] frame : frames) {
                    writer.append(frame);
                }
                times.addAll(t);
                durations.add(d);
            });
            first.add(writer.rows());
            return new SplitFrames(split, ids, labels, writer.finish(), first.stream().mapToInt(Integer::intValue).toArray(),
                    times.toArray(), durations.toArray());
        }
    }

    private void extract(OpenedTask task, String split, Supplier<OpenedModel> model, ModelDescriptor descriptor,
                         ChannelAdapter adapter, String modelKey, MessageDigest dataDigest, Stats stats,
                         boolean timestamps, ClipSink sink) {
        long start = System.nanoTime();
        TaskDescriptor td = task.descriptor();
        List<ClipRef> refs = task.clips(split);
        String splitKey = Hashing.sha256(modelKey + "\ntask=" + td.id() + "\ntaskVersion=" + td.version() + "\nsplit=" + split);
        EmbeddingCache cache = cacheDir == null ? null : EmbeddingCache.open(cacheFile(cacheDir, descriptor, td, split, modelKey));
        Progress.Step step = progress.start(String.format(Locale.ROOT, "  [%s | %s] %s%s:", descriptor.id(), td.id(), split,
                timestamps ? " (timestamps)" : ""), refs.size());
        int batch = clipsPerCall(td, descriptor, timestamps, batchSize);
        int expectedDim = timestamps ? descriptor.timestampEmbeddingSize() : descriptor.sceneEmbeddingSize();
        int rate = descriptor.sampleRateHz();
        SourceManifest manifest = manifest(td.id());
        int cachedHere = 0;
        decodedHere.set(0);
        try {
            for (int from = 0; from < refs.size(); from += batch) {
                int to = Math.min(refs.size(), from + batch);
                int n = to - from;
                int base = from;
                // 1. keys from the clips' stored files (a stat per file on a warm manifest; no audio is read)
                String[] clipKeys = new String[n];
                IntStream.range(0, n).parallel().forEach(k -> {
                    Optional<Path> source = task.audioSource(split, refs.get(base + k).id(), rate);
                    if (source.isPresent()) {
                        clipKeys[k] = Hashing.sha256(splitKey + "\nsource=" + manifest.hash(source.get()));
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
                decode(task, split, refs, base, adapter, rate, audio, unkeyed);
                for (int k : unkeyed) {
                    String audioHash = Hashing.audio(audio[k]);
                    ClipRef ref = refs.get(base + k);
                    dataDigest.update((split + "\t" + ref.id() + "\t" + ref.label() + "\t" + audioHash + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    clipKeys[k] = Hashing.sha256(splitKey + "\naudio=" + audioHash);
                }
                // 3. the cache; damaged entries are recomputed
                float[][][] frames = new float[n][][];
                double[][] times = new double[n][];
                double[] durations = new double[n];
                List<Integer> missing = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    EmbeddingCache.Lookup hit = cache == null ? new EmbeddingCache.Lookup(null, null) : cache.lookup(clipKeys[k]);
                    if (hit.damage() != null) {
                        progress.line("  warning: embedding cache " + cache.file() + ": the entry of clip '" + refs.get(base + k).id()
                                + "' (split " + split + ") is damaged: " + hit.damage() + "; recomputing it");
                    }
                    if (hit.hit() && validCached(hit.entry(), timestamps, expectedDim)) {
                        frames[k] = hit.entry().frames();
                        times[k] = hit.entry().timesMillis();
                        durations[k] = hit.entry().durationMillis();
                        cachedHere++;
                    } else {
                        missing.add(k);
                    }
                }
                // 4. the model, on the misses only
                if (!missing.isEmpty()) {
                    List<Integer> toDecode = new ArrayList<>();
                    for (int k : missing) {
                        if (audio[k] == null) {
                            toDecode.add(k);
                        }
                    }
                    decode(task, split, refs, base, adapter, rate, audio, toDecode);
                    List<AudioClip> clips = new ArrayList<>(missing.size());
                    List<String> names = new ArrayList<>(missing.size());
                    for (int k : missing) {
                        clips.add(audio[k]);
                        names.add(refs.get(base + k).id());
                        durations[k] = audio[k].frameCount() * 1000.0 / audio[k].sampleRateHz();
                    }
                    OpenedModel opened = model.get();
                    stats.model = opened;
                    for (int k : missing) {
                        stats.audioSecondsEmbedded += durations[k] / 1000;
                    }
                    long called = System.nanoTime();
                    if (timestamps) {
                        List<FrameEmbeddings> out = callTimestamps(opened, descriptor, clips, names, td.id(), split);
                        for (int m = 0; m < missing.size(); m++) {
                            int k = missing.get(m);
                            frames[k] = out.get(m).embeddings();
                            times[k] = out.get(m).timestampsMillis();
                        }
                    } else {
                        float[][] out = callScene(opened, descriptor, clips, td.id(), split, names);
                        for (int m = 0; m < missing.size(); m++) {
                            int k = missing.get(m);
                            frames[k] = new float[][] {out[m]};
                            times[k] = new double[] {Double.NaN};
                        }
                    }
                    stats.modelSeconds += (System.nanoTime() - called) / 1e9;
                    if (cache != null) {
                        for (int k : missing) {
                            cache.put(clipKeys[k], new EmbeddingCache.CachedEmbedding(frames[k], times[k], durations[k]));
                        }
                    }
                }
                for (int k = 0; k < n; k++) {
                    sink.accept(base + k, refs.get(base + k), frames[k], times[k], durations[k]);
                }
                step.advance(n);
            }
            if (cache != null) {
                cache.save();
            }
            manifest.save();
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
        stats.fromCache += cachedHere;
        stats.embedded += refs.size() - cachedHere;
        stats.decoded += decodedHere.get();
        stats.seconds += (System.nanoTime() - start) / 1e9;
        step.finish(cachedHere == refs.size() ? "all from cache" : cachedHere > 0 ? cachedHere + " from cache" : "");
    }

    /** Decodes, resamples and adapts the listed clips of a batch in parallel (the model is called from one thread only). */
    private void decode(OpenedTask task, String split, List<ClipRef> refs, int base, ChannelAdapter adapter, int rate,
                        AudioClip[] audio, List<Integer> which) {
        which.parallelStream().forEach(k -> audio[k] = adapter.apply(task.audio(split, refs.get(base + k).id(), rate)));
        decodedHere.addAndGet(which.size());
    }

    private static boolean validCached(EmbeddingCache.CachedEmbedding hit, boolean timestamps, int dim) {
        if (timestamps) {
            return hit.frames().length >= 1 && hit.frames()[0].length == dim;
        }
        return hit.frames().length == 1 && hit.frames()[0].length == dim;
    }

    private static float[][] callScene(OpenedModel model, ModelDescriptor d, List<AudioClip> batch, String taskId,
                                       String split, List<String> clipIds) {
        String where = "model '" + d.id() + "' sceneEmbeddings() on " + batch.size() + " clip(s) of task '" + taskId
                + "' split " + split + " (first clip " + clipIds.get(0) + ")";
        float[][] out;
        try {
            out = model.sceneEmbeddings(batch);
        } catch (HarnessException e) {
            throw new ModelException(where + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw new ModelException(where + " threw " + e, e);
        }
        requireValid(ModelOutputRules.scene(out, batch.size(), d), where, clipIds);
        return out;
    }

    private static List<FrameEmbeddings> callTimestamps(OpenedModel model, ModelDescriptor d, List<AudioClip> batch,
                                                        List<String> clipIds, String taskId, String split) {
        String where = "model '" + d.id() + "' timestampEmbeddings() on " + batch.size() + " clip(s) of task '" + taskId
                + "' split " + split + " (first clip " + clipIds.get(0) + ")";
        List<FrameEmbeddings> out;
        try {
            out = model.timestampEmbeddings(batch);
        } catch (HarnessException e) {
            throw new ModelException(where + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw new ModelException(where + " threw " + e, e);
        }
        requireValid(ModelOutputRules.timestamps(out, batch, d), where, clipIds);
        return out;
    }

    /**
     * Fails with the problems {@link ModelOutputRules} found (the one rule set, also applied by the
     * model guard, {@code validate-model} and the contract kit), naming the clips of the call.
     */
    private static void requireValid(List<String> problems, String where, List<String> clipIds) {
        if (!problems.isEmpty()) {
            List<String> shown = clipIds.subList(0, Math.min(8, clipIds.size()));
            throw new ModelException(where + " returned " + String.join("; ", problems) + " (clips of the call, from 0: "
                    + String.join(", ", shown) + (clipIds.size() > shown.size() ? ", …" : "") + ")");
        }
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(double[] vs) {
            for (double v : vs) {
                add(v);
            }
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
