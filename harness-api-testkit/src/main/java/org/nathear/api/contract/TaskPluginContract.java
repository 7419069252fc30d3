package org.nathear.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.ClipRef;
import org.nathear.api.Ids;
import org.nathear.api.Label;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.spi.TaskPlugin;

/**
 * The conformance kit every task plugin's tests implement: {@code class MyTaskTest implements
 * TaskPluginContract { public TaskPlugin createTask() { ... } }}.
 *
 * <p>It checks that every split has clips, that labels have the kind's type and use only the
 * vocabulary, that clip ids are unique across splits, and that audio comes at the requested rate in
 * the declared layout.
 */
public interface TaskPluginContract {

    /** The task under test. */
    TaskPlugin createTask();

    /** A rate the kit asks audio at besides the task's own (exercises resampling). */
    default int contractSampleRateHz() {
        return 22050;
    }

    @Test
    default void descriptorIsValid() {
        TaskDescriptor d = createTask().descriptor();
        assertTrue(Ids.TASK_ID.matcher(d.id()).matches(), "task id " + d.id());
        assertFalse(d.metrics().isEmpty(), "a primary metric");
    }

    @Test
    default void everySplitHasClipsWithLabelsOfTheTaskKind() {
        TaskPlugin plugin = createTask();
        TaskDescriptor d = plugin.descriptor();
        Set<String> vocabulary = new HashSet<>(d.labelVocabulary());
        Set<String> ids = new HashSet<>();
        try (OpenedTask task = plugin.open()) {
            for (String split : d.splits()) {
                List<ClipRef> clips = task.clips(split);
                assertFalse(clips.isEmpty(), "split " + split + " has no clips");
                for (ClipRef clip : clips) {
                    assertTrue(ids.add(clip.id()), "clip id " + clip.id() + " appears twice");
                    Label label = clip.label();
                    assertTrue(d.kind().labelType().isInstance(label),
                            "clip " + clip.id() + " label " + label + " is not a " + d.kind().labelType().getSimpleName());
                    for (String name : label.classNames()) {
                        assertTrue(vocabulary.contains(name), "label '" + name + "' of " + clip.id() + " is not in the vocabulary");
                    }
                }
            }
        }
    }

    @Test
    default void audioComesAtTheRequestedRateInTheDeclaredLayout() {
        TaskPlugin plugin = createTask();
        TaskDescriptor d = plugin.descriptor();
        try (OpenedTask task = plugin.open()) {
            String split = d.splits().get(0);
            ClipRef first = task.clips(split).get(0);
            AudioClip audio = task.audio(split, first.id(), contractSampleRateHz());
            assertEquals(contractSampleRateHz(), audio.sampleRateHz(), "sample rate");
            assertEquals(d.layout(), audio.layout(), "channel layout");
            assertTrue(audio.frameCount() > 0, "audio has samples");
            if (d.clipDurationSeconds() != null) {
                assertEquals(d.clipDurationSeconds(), audio.durationSeconds(), 0.01, "declared clip duration");
            }
            for (float[] channel : audio.samples()) {
                for (float v : channel) {
                    assertTrue(Float.isFinite(v), "audio samples must be finite");
                }
            }
        }
    }
}
