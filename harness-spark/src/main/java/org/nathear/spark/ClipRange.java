package org.nathear.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nathear.api.AudioClip;
import org.nathear.api.ClipRef;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedTask;

/**
 * A view of an opened task in which one split holds only clips {@code from … to−1} of its clip
 * order: what one extraction unit of the Spark job embeds. The ranges of a split's units cover it
 * without overlap and start at multiples of the clips per model call, so every model call sees the
 * same clips as in a local run.
 */
final class ClipRange implements OpenedTask {
    private final OpenedTask task;
    private final String split;
    private final int from;
    private final int to;

    ClipRange(OpenedTask task, String split, int from, int to) {
        this.task = task;
        this.split = split;
        this.from = from;
        this.to = to;
    }

    @Override
    public TaskDescriptor descriptor() {
        return task.descriptor();
    }

    @Override
    public List<ClipRef> clips(String name) {
        List<ClipRef> all = task.clips(name);
        if (!name.equals(split)) {
            return all;
        }
        if (to > all.size()) {
            throw new IllegalStateException("task '" + task.descriptor().id() + "' split " + split + " has " + all.size()
                    + " clips on this executor but the driver planned clips " + from + ".." + (to - 1)
                    + "; the task folder differs between nodes");
        }
        return all.subList(from, to);
    }

    @Override
    public AudioClip audio(String name, String clipId, int sampleRateHz) {
        return task.audio(name, clipId, sampleRateHz);
    }

    /**
     * The clip's stored file, as the task says: the runner keys a clip's cache entry by it when there is
     * one, so a unit must pass it on or its entries would be keyed by decoded audio, and neither
     * {@code nathear run} nor the job's own cell stage would find them.
     */
    @Override
    public Optional<Path> audioSource(String name, String clipId, int sampleRateHz) {
        return task.audioSource(name, clipId, sampleRateHz);
    }

    @Override
    public List<Path> storedFiles(String name, String clipId) {
        return task.storedFiles(name, clipId);
    }

    @Override
    public void close() {
        task.close();
    }
}
