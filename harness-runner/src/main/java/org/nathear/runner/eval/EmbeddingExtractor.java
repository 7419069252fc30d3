package org.nathear.runner.eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.OpenedTask;
import org.nathear.runner.cache.EmbeddingCache;
import org.nathear.runner.cache.EmbeddingMatrix;
import org.nathear.runner.util.Hashing;

/**
 * Gets the embeddings of every split of a task from a frozen model: audio at the model's rate,
 * channels adapted, looked up in the content-addressed cache, and only cache misses sent through
 * the model (opened lazily, so a fully cached cell never loads weights). Model output is checked
 * (count, size, finite values; for timestamp embeddings also the timestamps, as hear-validator does)
 * and a violation names the model, the call, the clip and the offending values.
 *
 * <p>{@link #extractSceneRows} and {@link #extractTimestamps} write the embeddings into a
 * memory-mapped {@link EmbeddingMatrix} (one row per clip, or per frame), so a split never sits on
 * the heap; {@link #extractScene} keeps the older heap form for small tasks and other callers.
 */
public final class EmbeddingExtractor {
    /** Version of the harness-side audio path (resampler, channel adapter); part of every cache key. */
    public static final String FRONT_END_VERSION = "1";
    /** hear-validator's limit on the deviation of any hop from the mean hop. */
    public static final double MAX_HOP_DEVIATION_MILLIS = 1.0;
    /** Audio samples (all channels) decoded at once for timestamp extraction: about 6 min at 44.1 kHz. */
    static final long TIMESTAMP_BATCH_SAMPLES = 1L << 24;

    private final Path cacheDir;
    private final Path workDir;
    private final int batchSize;
    private final Progress progress;

    /** Counters of one extraction. */
    public static final class Stats {
        public int embedded;
        public int fromCache;
        public double seconds;
    }

    /** The scene embeddings of one split, one matrix row per clip, in task order. */
    public record SplitRows(String split, List<String> clipIds, List<Label> labels, EmbeddingMatrix features) {
        public SplitRows {
            clipIds = List.copyOf(clipIds);
            labels = List.copyOf(labels);
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
                              int[] firstFrame, double[] timestampsMillis, double[] durationsMillis) {
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

    /** @param cacheDir the cache root, or {@code null} to disable caching */
    public EmbeddingExtractor(Path cacheDir, int batchSize, Progress progress) {
        this(cacheDir, cacheDir != null ? cacheDir.resolve(".work")
                : Path.of(System.getProperty("java.io.tmpdir"), "nathear-work"), batchSize, progress);
    }

    /**
     * @param cacheDir the cache root, or {@code null} to disable caching
     * @param workDir  where the memory-mapped embedding matrices of a cell live while it is evaluated
     */
    public EmbeddingExtractor(Path cacheDir, Path workDir, int batchSize, Progress progress) {
        this.cacheDir = cacheDir;
        this.workDir = workDir;
        this.batchSize = batchSize;
        this.progress = progress;
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
        try (EmbeddingMatrix.Writer writer = EmbeddingMatrix.createTemporary(workDir, "scene-" + split + "-",
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
        try (EmbeddingMatrix.Writer writer = EmbeddingMatrix.createTemporary(workDir, "frames-" + split + "-",
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
        int cachedHere = 0;
        try {
            for (int from = 0; from < refs.size(); from += batch) {
                int to = Math.min(refs.size(), from + batch);
                int base = from;
                // decode, resample and adapt in parallel; the model is called from this thread only
                AudioClip[] audio = new AudioClip[to - from];
                String[] audioHash = new String[to - from];
                IntStream.range(from, to).parallel().forEach(i -> {
                    AudioClip clip = adapter.apply(task.audio(split, refs.get(i).id(), descriptor.sampleRateHz()));
                    audio[i - base] = clip;
                    audioHash[i - base] = Hashing.audio(clip);
                });
                float[][][] frames = new float[to - from][][];
                double[][] times = new double[to - from][];
                List<Integer> missing = new ArrayList<>();
                String[] clipKeys = new String[to - from];
                for (int i = from; i < to; i++) {
                    ClipRef ref = refs.get(i);
                    dataDigest.update((split + "\t" + ref.id() + "\t" + ref.label() + "\t" + audioHash[i - from] + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    clipKeys[i - from] = Hashing.sha256(splitKey + "\n" + audioHash[i - from]);
                    EmbeddingCache.CachedEmbedding hit = cache == null ? null : cache.get(clipKeys[i - from]);
                    if (hit != null && validCached(hit, timestamps, expectedDim)) {
                        frames[i - from] = hit.frames();
                        times[i - from] = hit.timesMillis();
                        cachedHere++;
                    } else {
                        missing.add(i);
                    }
                }
                if (!missing.isEmpty()) {
                    List<AudioClip> clips = new ArrayList<>(missing.size());
                    List<String> names = new ArrayList<>(missing.size());
                    for (int i : missing) {
                        clips.add(audio[i - from]);
                        names.add(refs.get(i).id());
                    }
                    if (timestamps) {
                        List<FrameEmbeddings> out = callTimestamps(model.get(), descriptor, clips, names, td.id(), split);
                        for (int k = 0; k < missing.size(); k++) {
                            int i = missing.get(k);
                            frames[i - from] = out.get(k).embeddings();
                            times[i - from] = out.get(k).timestampsMillis();
                        }
                    } else {
                        float[][] out = callScene(model.get(), descriptor, clips, td.id(), split, names.get(0));
                        for (int k = 0; k < missing.size(); k++) {
                            int i = missing.get(k);
                            frames[i - from] = new float[][] {out[k]};
                            times[i - from] = new double[] {Double.NaN};
                        }
                    }
                    if (cache != null) {
                        for (int i : missing) {
                            cache.put(clipKeys[i - from], new EmbeddingCache.CachedEmbedding(frames[i - from], times[i - from]));
                        }
                    }
                }
                for (int i = from; i < to; i++) {
                    AudioClip clip = audio[i - from];
                    sink.accept(i, refs.get(i), frames[i - from], times[i - from],
                            clip.frameCount() * 1000.0 / clip.sampleRateHz());
                }
                step.advance(to - from);
            }
            if (cache != null) {
                cache.save();
            }
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
        stats.fromCache += cachedHere;
        stats.embedded += refs.size() - cachedHere;
        stats.seconds += (System.nanoTime() - start) / 1e9;
        step.finish(cachedHere == refs.size() ? "all from cache" : cachedHere > 0 ? cachedHere + " from cache" : "");
    }

    private static boolean validCached(EmbeddingCache.CachedEmbedding hit, boolean timestamps, int dim) {
        if (timestamps) {
            return hit.frames().length >= 1 && hit.frames()[0].length == dim;
        }
        return hit.frames().length == 1 && hit.frames()[0].length == dim;
    }

    private static float[][] callScene(OpenedModel model, ModelDescriptor d, List<AudioClip> batch, String taskId,
                                       String split, String firstClip) {
        String where = "model '" + d.id() + "' sceneEmbeddings() on " + batch.size() + " clip(s) of task '" + taskId
                + "' split " + split + " (first clip " + firstClip + ")";
        float[][] out;
        try {
            out = model.sceneEmbeddings(batch);
        } catch (HarnessException e) {
            throw new ModelException(where + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw new ModelException(where + " threw " + e, e);
        }
        if (out == null || out.length != batch.size()) {
            throw new ModelException(where + " returned " + (out == null ? "null" : out.length + " embeddings")
                    + "; expected " + batch.size());
        }
        for (int k = 0; k < out.length; k++) {
            if (out[k] == null || out[k].length != d.sceneEmbeddingSize()) {
                throw new ModelException(where + " returned an embedding of size "
                        + (out[k] == null ? "null" : out[k].length) + " for clip " + k + "; the descriptor declares "
                        + d.sceneEmbeddingSize());
            }
            for (float v : out[k]) {
                if (!Float.isFinite(v)) {
                    throw new ModelException(where + " returned a non-finite value (" + v + ") for clip " + k);
                }
            }
        }
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
        if (out == null || out.size() != batch.size()) {
            throw new ModelException(where + " returned " + (out == null ? "null" : out.size() + " results")
                    + "; expected " + batch.size());
        }
        for (int k = 0; k < out.size(); k++) {
            AudioClip clip = batch.get(k);
            checkTimestamps(out.get(k), d, "model '" + d.id() + "' timestampEmbeddings() for clip '" + clipIds.get(k)
                    + "' of task '" + taskId + "' split " + split, clip.frameCount() * 1000.0 / clip.sampleRateHz());
        }
        return out;
    }

    /**
     * The checks hear-validator makes on timestamp embeddings, as errors: at least one frame, the
     * declared size, finite values, finite timestamps within the audio ({@code 0 ≤ t ≤ duration}),
     * strictly increasing, and a regular hop: no step deviates from the mean hop by more than
     * {@value #MAX_HOP_DEVIATION_MILLIS} ms.
     *
     * @param where           the call and clip, for messages
     * @param durationMillis  length of the audio the model saw
     */
    static void checkTimestamps(FrameEmbeddings result, ModelDescriptor d, String where, double durationMillis) {
        if (result == null) {
            throw new ModelException(where + " returned null; expected frames with timestamps");
        }
        float[][] frames = result.embeddings();
        double[] t = result.timestampsMillis();
        if (frames.length == 0) {
            throw new ModelException(where + " returned no frames for " + format(durationMillis) + " ms of audio; expected at least one");
        }
        for (int f = 0; f < frames.length; f++) {
            if (frames[f] == null || frames[f].length != d.timestampEmbeddingSize()) {
                throw new ModelException(where + " returned a frame of size " + (frames[f] == null ? "null" : frames[f].length)
                        + " at frame " + f + "; the descriptor declares " + d.timestampEmbeddingSize());
            }
            for (float v : frames[f]) {
                if (!Float.isFinite(v)) {
                    throw new ModelException(where + " returned a non-finite value (" + v + ") in frame " + f);
                }
            }
        }
        for (int f = 0; f < t.length; f++) {
            if (!Double.isFinite(t[f]) || t[f] < 0) {
                throw new ModelException(where + " returned timestamp " + t[f] + " ms at frame " + f
                        + "; expected finite times within the clip (0 to " + format(durationMillis) + " ms)");
            }
            if (f > 0 && !(t[f] > t[f - 1])) {
                throw new ModelException(where + " returned timestamps that do not increase: frame " + f + " is at "
                        + format(t[f]) + " ms after " + format(t[f - 1]) + " ms at frame " + (f - 1) + "; " + excerpt(t, f));
            }
        }
        double last = t[t.length - 1];
        if (last > durationMillis + 1e-6) {
            throw new ModelException(where + " returned timestamps past the end of the audio: the last frame (" + (t.length - 1)
                    + ") is at " + format(last) + " ms but the clip lasts " + format(durationMillis) + " ms; "
                    + excerpt(t, t.length - 1));
        }
        if (t.length > 2) {
            double mean = (t[t.length - 1] - t[0]) / (t.length - 1);
            for (int f = 1; f < t.length; f++) {
                double hop = t[f] - t[f - 1];
                if (Math.abs(hop - mean) > MAX_HOP_DEVIATION_MILLIS) {
                    throw new ModelException(where + " returned irregular timestamps: frame " + f + " is " + format(hop)
                            + " ms after frame " + (f - 1) + " but the mean hop is " + format(mean) + " ms (at most "
                            + format(MAX_HOP_DEVIATION_MILLIS) + " ms deviation allowed, as hear-validator); " + excerpt(t, f));
                }
            }
        }
    }

    private static String excerpt(double[] t, int at) {
        int from = Math.max(0, at - 3);
        int to = Math.min(t.length, at + 3);
        StringBuilder sb = new StringBuilder("timestamps[" + from + ".." + (to - 1) + "] = [");
        for (int i = from; i < to; i++) {
            sb.append(i > from ? ", " : "").append(format(t[i]));
        }
        return sb.append("] ms").toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
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
