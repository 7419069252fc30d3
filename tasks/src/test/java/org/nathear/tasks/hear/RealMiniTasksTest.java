package org.nathear.tasks.hear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.api.audio.Resampler;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;

class RealMiniTasksTest {

    @Test
    void providerFindsTheSixRealTasksSortedByName() {
        Path dir = RealMiniTasks.tasksDir();
        List<TaskPlugin> tasks = new HearFolderTaskProvider().tasks(new TaskDiscoveryContext(List.of(dir), dir));
        assertEquals(List.of("real-digits-v1-full", "real-drums-v1-full", "real-events-v1-full", "real-langid-v1-full",
                "real-pitch-v1-full", "real-sfx-v1-full"), tasks.stream().map(t -> t.descriptor().id()).toList());
    }

    @Test
    void realTasksHaveTheDocumentedClipCountsAndShapes() {
        Map<String, Integer> expectedClips = new LinkedHashMap<>();
        expectedClips.put("real-sfx-v1-full", 93);
        expectedClips.put("real-digits-v1-full", 245);
        expectedClips.put("real-langid-v1-full", 240);
        expectedClips.put("real-drums-v1-full", 179);
        expectedClips.put("real-pitch-v1-full", 192);
        expectedClips.put("real-events-v1-full", 24);
        for (Map.Entry<String, Integer> e : expectedClips.entrySet()) {
            try (HearOpenedTask task = RealMiniTasks.task(e.getKey()).open()) {
                TaskDescriptor d = task.descriptor();
                int total = d.splits().stream().mapToInt(s -> task.clips(s).size()).sum();
                assertEquals(e.getValue(), total, e.getKey() + " clips");
                assertEquals(ChannelLayout.MONO, d.layout(), e.getKey());
                assertEquals(1, task.availableRatesHz().size(), e.getKey() + " has one rate folder");
            }
        }
    }

    @Test
    void pitchTaskUsesMidiNumbersAsItsVocabularyInChromaOrder() {
        TaskDescriptor d = RealMiniTasks.task("real-pitch-v1-full").descriptor();
        assertEquals(List.of(Metric.PITCH_ACC, Metric.CHROMA_ACC), d.metrics());
        assertEquals(24, d.labelVocabulary().size());
        for (int i = 0; i < 24; i++) {
            assertEquals(String.valueOf(48 + i), d.labelVocabulary().get(i));
        }
    }

    @Test
    void kFoldTaskListsItsFiveFolds() {
        TaskDescriptor d = RealMiniTasks.task("real-sfx-v1-full").descriptor();
        assertEquals(SplitMode.NEW_SPLIT_KFOLD, d.splitMode());
        assertEquals(List.of("fold00", "fold01", "fold02", "fold03", "fold04"), d.splits());
        assertEquals(5.0, d.clipDurationSeconds());
    }

    @Test
    void eventTaskLabelsParseAsTimedEventsInsideTheClip() {
        try (HearOpenedTask task = RealMiniTasks.task("real-events-v1-full").open()) {
            TaskDescriptor d = task.descriptor();
            assertEquals(TaskKind.EVENT, d.kind());
            assertEquals(Metric.EVENT_ONSET_200MS_FMS, d.primaryMetric());
            int events = 0;
            for (String split : d.splits()) {
                for (ClipRef clip : task.clips(split)) {
                    Label.EventLabels labels = (Label.EventLabels) clip.label();
                    assertTrue(labels.events().size() >= 5 && labels.events().size() <= 9, clip.id() + " has 5-9 events");
                    for (Label.Event ev : labels.events()) {
                        assertTrue(ev.endMillis() > ev.startMillis() && ev.endMillis() <= 20_000, clip.id() + " " + ev);
                    }
                    events += labels.events().size();
                }
            }
            assertEquals(88 + 34 + 40, events, "events over train/valid/test per the data README");
        }
    }

    @Test
    void resamples32kHzAudioTo16kHzOnTheFly() {
        try (HearOpenedTask task = RealMiniTasks.task("real-drums-v1-full").open()) {
            ClipRef first = task.clips("fold00").get(0);
            AudioClip native32 = task.audio("fold00", first.id(), 32000);
            AudioClip at16 = task.audio("fold00", first.id(), 16000);
            assertEquals(32000, native32.frameCount());
            assertEquals(16000, at16.frameCount());
            assertEquals(Resampler.resample(native32, 16000), at16, "read from 32000/ and resampled");
            assertTrue(rms(at16.channel(0)) > 0.1 * rms(native32.channel(0)), "the hit survives resampling");
        }
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }
}
