package org.nathear.runner.eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.nathear.api.AudioClip;
import org.nathear.api.ClipRef;
import org.nathear.api.HarnessException;
import org.nathear.api.Label;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.OpenedTask;
import org.nathear.runner.cache.EmbeddingCache;
import org.nathear.runner.util.Hashing;

/**
 * Gets the scene embeddings of every split of a task from a frozen model: audio at the model's
 * rate, channels adapted, looked up in the content-addressed cache, and only cache misses sent
 * through the model (opened lazily, so a fully cached cell never loads weights). Model output is
 * checked (count, size, finite values) and a violation names the model, the call and the problem.
 */
public final class EmbeddingExtractor {
    /** Version of the harness-side audio path (resampler, channel adapter); part of every cache key. */
    public static final String FRONT_END_VERSION = "1";

    private final Path cacheDir;
    private final int batchSize;
    private final Progress progress;

    /** Counters of one extraction. */
    public static final class Stats {
        public int embedded;
        public int fromCache;
        public double seconds;
    }

    /** @param cacheDir the cache root, or {@code null} to disable caching */
    public EmbeddingExtractor(Path cacheDir, int batchSize, Progress progress) {
        this.cacheDir = cacheDir;
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

    /**
     * Extracts one split.
     *
     * @param dataDigest  updated with (split, clip id, label, audio hash) of every clip, for the task data hash
     */
    public SplitEmbeddings extractScene(OpenedTask task, String split, Supplier<OpenedModel> model,
                                        ModelDescriptor descriptor, ChannelAdapter adapter, String modelKey,
                                        MessageDigest dataDigest, Stats stats) {
        long start = System.nanoTime();
        TaskDescriptor td = task.descriptor();
        List<ClipRef> refs = task.clips(split);
        String splitKey = Hashing.sha256(modelKey + "\ntask=" + td.id() + "\ntaskVersion=" + td.version() + "\nsplit=" + split);
        EmbeddingCache cache = cacheDir == null ? null
                : EmbeddingCache.open(cacheDir.resolve(descriptor.id()).resolve(td.id())
                        .resolve(split + "-" + splitKey.substring(0, 16) + ".emb"));
        float[][] features = new float[refs.size()][];
        List<Label> labels = new ArrayList<>(refs.size());
        List<String> ids = new ArrayList<>(refs.size());
        Progress.Step step = progress.start(String.format(Locale.ROOT, "  [%s | %s] %s:", descriptor.id(), td.id(), split),
                refs.size());
        int cachedHere = 0;
        for (int from = 0; from < refs.size(); from += batchSize) {
            int to = Math.min(refs.size(), from + batchSize);
            int base = from;
            // decode, resample and adapt in parallel; the model is called from this thread only
            AudioClip[] audio = new AudioClip[to - from];
            String[] audioHash = new String[to - from];
            IntStream.range(from, to).parallel().forEach(i -> {
                AudioClip clip = adapter.apply(task.audio(split, refs.get(i).id(), descriptor.sampleRateHz()));
                audio[i - base] = clip;
                audioHash[i - base] = Hashing.audio(clip);
            });
            List<Integer> missing = new ArrayList<>();
            String[] clipKeys = new String[to - from];
            for (int i = from; i < to; i++) {
                ClipRef ref = refs.get(i);
                ids.add(ref.id());
                labels.add(ref.label());
                dataDigest.update((split + "\t" + ref.id() + "\t" + ref.label() + "\t" + audioHash[i - from] + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                clipKeys[i - from] = Hashing.sha256(splitKey + "\n" + audioHash[i - from]);
                EmbeddingCache.CachedEmbedding hit = cache == null ? null : cache.get(clipKeys[i - from]);
                if (hit != null && hit.frames().length == 1 && hit.frames()[0].length == descriptor.sceneEmbeddingSize()) {
                    features[i] = hit.frames()[0];
                    cachedHere++;
                } else {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                List<AudioClip> batch = new ArrayList<>(missing.size());
                for (int i : missing) {
                    batch.add(audio[i - from]);
                }
                float[][] out = callScene(model.get(), descriptor, batch, td.id(), split, refs.get(missing.get(0)).id());
                for (int k = 0; k < missing.size(); k++) {
                    int i = missing.get(k);
                    features[i] = out[k];
                    if (cache != null) {
                        cache.put(clipKeys[i - from], new EmbeddingCache.CachedEmbedding(new float[][] {out[k]},
                                new double[] {Double.NaN}));
                    }
                }
            }
            step.advance(to - from);
        }
        if (cache != null) {
            cache.save();
        }
        stats.fromCache += cachedHere;
        stats.embedded += refs.size() - cachedHere;
        stats.seconds += (System.nanoTime() - start) / 1e9;
        step.finish(cachedHere == refs.size() ? "all from cache" : cachedHere > 0 ? cachedHere + " from cache" : "");
        return new SplitEmbeddings(split, ids, labels, features);
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
}
