package org.nathear.runner.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.nathear.api.AudioClip;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOutputRules;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedModel;
import org.nathear.runner.cache.EmbeddingCache;
import org.nathear.runner.cache.EmbeddingCache.CachedEmbedding;
import org.nathear.api.util.Hashing;

/**
 * Second stage of extraction: the guarded, cached embedder of one (model, task, split). It keys each
 * clip (model key, task, split, and the clip's source-file hash or audio hash), looks it up in the
 * content-addressed {@link EmbeddingCache} (a damaged entry is reported and recomputed), sends only
 * the misses through the model, checks the output against {@link ModelOutputRules} (a violation
 * names the model, the call, the clips and the offending values) and adds what it computed to the
 * cache. Without a cache directory every clip is a miss.
 */
final class CachedEmbedder implements AutoCloseable {
    private final TaskDescriptor task;
    private final String split;
    private final ModelDescriptor model;
    private final boolean timestamps;
    private final String splitKey;
    private final EmbeddingCache cache;
    private final Progress progress;

    /**
     * @param cacheDir the cache root, or null for no cache
     */
    CachedEmbedder(Path cacheDir, TaskDescriptor task, String split, ModelDescriptor model, String modelKey, boolean timestamps,
                   Progress progress) {
        this.task = task;
        this.split = split;
        this.model = model;
        this.timestamps = timestamps;
        this.progress = progress;
        this.splitKey = Hashing.sha256(modelKey + "\ntask=" + task.id() + "\ntaskVersion=" + task.version() + "\nsplit=" + split);
        this.cache = cacheDir == null ? null
                : EmbeddingCache.open(EmbeddingExtractor.cacheFile(cacheDir, model, task, split, modelKey));
    }

    /** A clip's key from the hash of its stored file. */
    String keyFromSource(String sourceHash) {
        return Hashing.sha256(splitKey + "\nsource=" + sourceHash);
    }

    /** A clip's key from the hash of its decoded audio (a task without stored files). */
    String keyFromAudio(String audioHash) {
        return Hashing.sha256(splitKey + "\naudio=" + audioHash);
    }

    /** The cached embedding of a clip, or null when it is absent, damaged (reported) or of the wrong shape. */
    CachedEmbedding cached(String key, String clipId) {
        if (cache == null) {
            return null;
        }
        EmbeddingCache.Lookup hit = cache.lookup(key);
        if (hit.damage() != null) {
            progress.line("  warning: embedding cache " + cache.file() + ": the entry of clip '" + clipId
                    + "' (split " + split + ") is damaged: " + hit.damage() + "; recomputing it");
        }
        return hit.hit() && validShape(hit.entry()) ? hit.entry() : null;
    }

    /** One model call on the clips (in order), its output checked; each result carries the duration of its audio. */
    List<CachedEmbedding> compute(Supplier<OpenedModel> opened, List<AudioClip> clips, List<String> clipIds) {
        List<CachedEmbedding> out = new ArrayList<>(clips.size());
        if (timestamps) {
            List<FrameEmbeddings> frames = callTimestamps(opened.get(), clips, clipIds);
            for (int m = 0; m < clips.size(); m++) {
                out.add(new CachedEmbedding(frames.get(m).embeddings(), frames.get(m).timestampsMillis(), durationMillis(clips.get(m))));
            }
        } else {
            float[][] rows = callScene(opened.get(), clips, clipIds);
            for (int m = 0; m < clips.size(); m++) {
                out.add(new CachedEmbedding(new float[][] {rows[m]}, new double[] {Double.NaN}, durationMillis(clips.get(m))));
            }
        }
        return out;
    }

    /** Adds a computed embedding to the cache (kept in memory until {@link #save}). */
    void store(String key, CachedEmbedding embedding) {
        if (cache != null) {
            cache.put(key, embedding);
        }
    }

    /** Writes the cache file. */
    void save() {
        if (cache != null) {
            cache.save();
        }
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }

    private static double durationMillis(AudioClip clip) {
        return clip.frameCount() * 1000.0 / clip.sampleRateHz();
    }

    private boolean validShape(CachedEmbedding hit) {
        int dim = timestamps ? model.timestampEmbeddingSize() : model.sceneEmbeddingSize();
        if (timestamps) {
            return hit.frames().length >= 1 && hit.frames()[0].length == dim;
        }
        return hit.frames().length == 1 && hit.frames()[0].length == dim;
    }

    private String where(String method, int clips, List<String> clipIds) {
        return "model '" + model.id() + "' " + method + "() on " + clips + " clip(s) of task '" + task.id()
                + "' split " + split + " (first clip " + clipIds.get(0) + ")";
    }

    private float[][] callScene(OpenedModel opened, List<AudioClip> batch, List<String> clipIds) {
        String where = where("sceneEmbeddings", batch.size(), clipIds);
        float[][] out = call(where, () -> opened.sceneEmbeddings(batch));
        requireValid(ModelOutputRules.scene(out, batch.size(), model), where, clipIds);
        return out;
    }

    private List<FrameEmbeddings> callTimestamps(OpenedModel opened, List<AudioClip> batch, List<String> clipIds) {
        String where = where("timestampEmbeddings", batch.size(), clipIds);
        List<FrameEmbeddings> out = call(where, () -> opened.timestampEmbeddings(batch));
        requireValid(ModelOutputRules.timestamps(out, batch, model), where, clipIds);
        return out;
    }

    /** One model call; whatever it throws becomes a {@link ModelException} naming {@code where}. */
    private static <T> T call(String where, java.util.function.Supplier<T> modelCall) {
        try {
            return modelCall.get();
        } catch (HarnessException e) {
            throw new ModelException(where + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw new ModelException(where + " threw " + e, e);
        }
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
}
