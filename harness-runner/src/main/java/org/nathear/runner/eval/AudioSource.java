package org.nathear.runner.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.nathear.api.AudioClip;
import org.nathear.api.ClipRef;
import org.nathear.api.spi.OpenedTask;
import org.nathear.runner.cache.SharedAudioStore;
import org.nathear.runner.cache.SourceManifest;

/**
 * First stage of extraction: a split's task audio at the model's rate, through the channel adapter.
 * A clip with a stored file is known by that file's hash (from the task's {@link SourceManifest}:
 * a {@code stat} on a warm manifest, no audio read), which keys both the embedding cache and the
 * run's {@link SharedAudioStore}: a clip another model of the run already decoded and resampled at
 * this rate is read back from the store instead of decoded again. The adapter is applied after the
 * store (it depends on the model's accepted layouts; the stored audio is in the task's layout).
 */
final class AudioSource {
    private final OpenedTask task;
    private final String split;
    private final int rate;
    private final ChannelAdapter adapter;
    private final SourceManifest manifest;
    private final SharedAudioStore shared;
    private final String group;
    private final AtomicInteger decoded = new AtomicInteger();
    private final AtomicInteger fromShared = new AtomicInteger();

    /**
     * @param shared the run's store of resampled audio, or null for none
     */
    AudioSource(OpenedTask task, String split, int sampleRateHz, ChannelAdapter adapter, SourceManifest manifest,
                SharedAudioStore shared) {
        this.task = task;
        this.split = split;
        this.rate = sampleRateHz;
        this.adapter = adapter;
        this.manifest = manifest;
        this.shared = shared;
        this.group = SharedAudioStore.group(task.descriptor().id(), sampleRateHz);
    }

    /** The hash of the clip's stored file at this rate, or null for a task that does not read files. */
    String sourceHash(String clipId) {
        Optional<Path> source = task.audioSource(split, clipId, rate);
        return source.map(manifest::hash).orElse(null);
    }

    /**
     * Loads the listed clips of a batch (in parallel; the model is called from one thread only) into
     * {@code audio[k]}, adapted to the model's layout.
     *
     * @param refs          the split's clips; batch entry {@code k} is {@code refs.get(base + k)}
     * @param sourceHashes  per batch entry, its {@link #sourceHash} or null
     */
    void load(List<ClipRef> refs, int base, List<Integer> which, String[] sourceHashes, AudioClip[] audio) {
        which.parallelStream().forEach(k -> audio[k] = adapter.apply(taskAudio(refs.get(base + k).id(), sourceHashes[k])));
    }

    private AudioClip taskAudio(String clipId, String sourceHash) {
        String key = null;
        if (shared != null && sourceHash != null) {
            key = SharedAudioStore.key(sourceHash, rate, task.descriptor().layout(), EmbeddingExtractor.FRONT_END_VERSION);
            Optional<AudioClip> stored = shared.get(group, key);
            if (stored.isPresent()) {
                fromShared.incrementAndGet();
                return stored.get();
            }
        }
        AudioClip clip = task.audio(split, clipId, rate);
        decoded.incrementAndGet();
        if (key != null && shared.worthStoring(group)) {
            shared.put(group, key, clip);
        }
        return clip;
    }

    /** Clips decoded (and resampled) by the task so far. */
    int decoded() {
        return decoded.get();
    }

    /** Clips read back from the run's shared store so far. */
    int fromShared() {
        return fromShared.get();
    }
}
