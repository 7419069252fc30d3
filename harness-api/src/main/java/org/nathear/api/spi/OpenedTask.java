package org.nathear.api.spi;

import java.util.List;
import java.util.stream.Stream;
import org.nathear.api.AudioClip;
import org.nathear.api.ClipRef;
import org.nathear.api.LabelledClip;
import org.nathear.api.TaskDescriptor;

/**
 * An opened task: the clips and labels of every split (or fold), with audio at any sample rate.
 */
public interface OpenedTask extends AutoCloseable {

    /** The descriptor of the task that was opened. */
    TaskDescriptor descriptor();

    /** The clips of a split in a stable order (sorted by id). Never empty for a valid task. */
    List<ClipRef> clips(String split);

    /**
     * The audio of one clip at the requested rate, resampled when the task has no audio at that
     * rate, in the task's channel layout.
     */
    AudioClip audio(String split, String clipId, int sampleRateHz);

    /** The clips of a split with their audio, streamed lazily in {@link #clips(String)} order. */
    default Stream<LabelledClip> stream(String split, int sampleRateHz) {
        return clips(split).stream().map(c -> new LabelledClip(c.id(), c.label(), audio(split, c.id(), sampleRateHz)));
    }

    @Override
    default void close() {
    }
}
