package org.nathear.tasks.hear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.HarnessException;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;

class HearTaskFolderTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path root;

    private TinyTaskFolder tiny() {
        return TinyTaskFolder.multiclass(root, "tiny-v1-full");
    }

    private static void assertMessageContains(HarnessException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain '" + part + "': " + e.getMessage());
        }
    }

    private TaskFormatException openFails(TinyTaskFolder t) {
        return assertThrows(TaskFormatException.class, () -> t.task().open());
    }

    // ---- reading valid folders ----

    @Test
    void readsTheDescriptorFromMetadataAndVocabulary() {
        TaskDescriptor d = tiny().task().descriptor();
        assertEquals("tiny-v1-full", d.id());
        assertEquals("v1", d.version());
        assertEquals(TaskKind.SCENE_MULTICLASS, d.kind());
        assertEquals(ChannelLayout.MONO, d.layout());
        assertEquals(List.of(Metric.TOP1_ACC, Metric.MAP), d.metrics());
        assertEquals(SplitMode.TRAIN_VALID_TEST, d.splitMode());
        assertEquals(List.of("train", "valid", "test"), d.splits());
        assertEquals(List.of("a", "b", "c"), d.labelVocabulary());
        assertEquals(TinyTaskFolder.SECONDS, d.clipDurationSeconds());
    }

    @Test
    void listsClipsOfEachSplitSortedByIdWithTheirLabels() {
        try (HearOpenedTask task = tiny().task().open()) {
            List<ClipRef> train = task.clips("train");
            assertEquals(List.of("t1.wav", "t2.wav"), train.stream().map(ClipRef::id).toList());
            assertEquals(new Label.SingleLabel("a"), train.get(0).label());
            assertEquals(new Label.SingleLabel("b"), train.get(1).label());
        }
    }

    @Test
    void describesTheTaskWithoutReadingAnyAudio() {
        TinyTaskFolder t = tiny();
        t.delete("16000");
        assertEquals("tiny-v1-full", t.task().descriptor().id());
        assertMessageContains(openFails(t), "no sample-rate folder");
    }

    @Test
    void readsAudioAtItsOwnRateUnchanged() {
        TinyTaskFolder t = tiny();
        try (HearOpenedTask task = t.task().open()) {
            AudioClip clip = task.audio("valid", "v1.wav", 16000);
            assertEquals(16000, clip.sampleRateHz());
            assertEquals(1600, clip.frameCount());
            assertEquals(t.folder.resolve("16000/valid/v1.wav"), task.audioFile("valid", "v1.wav", 16000));
        }
    }

    @Test
    void resamplesWhenTheRequestedRateHasNoFolder() {
        try (HearOpenedTask task = tiny().task().open()) {
            AudioClip clip = task.audio("train", "t1.wav", 22050);
            assertEquals(22050, clip.sampleRateHz());
            assertEquals(TinyTaskFolder.SECONDS, clip.durationSeconds(), 1e-3);
        }
    }

    @Test
    void readsFromTheLowestRateFolderAtOrAboveTheRequestedRateElseTheHighest() {
        TinyTaskFolder t = tiny();
        t.writeAllAudio(32000, 1);
        t.writeAllAudio(48000, 1);
        try (HearOpenedTask task = t.task().open()) {
            assertEquals(List.of(16000, 32000, 48000), task.availableRatesHz());
            assertEquals(16000, task.sourceRateHz(16000));
            assertEquals(32000, task.sourceRateHz(22050));
            assertEquals(48000, task.sourceRateHz(44100));
            assertEquals(48000, task.sourceRateHz(96000));
            assertEquals(16000, task.sourceRateHz(8000));
            assertEquals(44100, task.audio("test", "s1.wav", 44100).sampleRateHz());
        }
    }

    @Test
    void mapsSceneMultilabelTasksToTheirKind() {
        TinyTaskFolder t = tiny();
        t.setMetadata("prediction_type", NODES.textNode("multilabel"));
        t.writeSplit("train", "{\"t1.wav\": [\"a\", \"c\"], \"t2.wav\": []}");
        try (HearOpenedTask task = t.task().open()) {
            assertEquals(TaskKind.SCENE_MULTILABEL, task.descriptor().kind());
            assertEquals(new Label.MultiLabel(List.of("a", "c")), task.clips("train").get(0).label());
            assertEquals(new Label.MultiLabel(List.of()), task.clips("train").get(1).label());
        }
    }

    @Test
    void mapsEventTasksToTheirKind() {
        TinyTaskFolder t = tiny();
        t.setMetadata("prediction_type", NODES.textNode("multilabel"));
        t.setMetadata("embedding_type", NODES.textNode("event"));
        t.writeSplit("train", "{\"t1.wav\": [{\"label\": \"b\", \"start\": 10.5, \"end\": 80}], "
                + "\"t2.wav\": [{\"label\": \"a\", \"start\": 0, \"end\": 0}]}");
        t.writeSplit("valid", "{\"v1.wav\": [{\"label\": \"c\", \"start\": 5, \"end\": 6}]}");
        t.writeSplit("test", "{\"s1.wav\": [{\"label\": \"c\", \"start\": 5, \"end\": 6}]}");
        try (HearOpenedTask task = t.task().open()) {
            assertEquals(TaskKind.EVENT, task.descriptor().kind());
            assertEquals(new Label.EventLabels(List.of(new Label.Event("b", 10.5, 80))), task.clips("train").get(0).label());
        }
    }

    @Test
    void readsNumericLabelsAsPythonStrPrintsThem() {
        TinyTaskFolder t = tiny();
        t.writeText(HearFormat.VOCABULARY_FILE, "idx,label\n0,60\n1,61.5\n2,True\n");
        t.writeSplit("train", "{\"t1.wav\": [60], \"t2.wav\": [61.5]}");
        t.writeSplit("valid", "{\"v1.wav\": [true], \"v2.wav\": [\"60\"]}");
        t.writeSplit("test", "{\"s1.wav\": [60], \"s2.wav\": [60]}");
        try (HearOpenedTask task = t.task().open()) {
            assertEquals(List.of("60", "61.5"), task.clips("train").stream().map(c -> c.label().classNames().get(0)).toList());
            assertEquals(List.of("True", "60"), task.clips("valid").stream().map(c -> c.label().classNames().get(0)).toList());
        }
    }

    @Test
    void derivesSplitsFromTheSplitModeWhenMetadataOmitsThem() {
        TinyTaskFolder t = tiny();
        t.setMetadata("splits", null);
        assertEquals(List.of("train", "valid", "test"), t.task().descriptor().splits());

        TinyTaskFolder k = TinyTaskFolder.multiclass(root, "folds-v1-full");
        k.setMetadata("split_mode", NODES.textNode("new_split_kfold"));
        k.setMetadata("splits", null);
        k.setMetadata("nfolds", NODES.numberNode(3));
        assertEquals(List.of("fold00", "fold01", "fold02"), k.task().descriptor().splits());
    }

    @Test
    void takesANullSampleDurationAsClipsOfVaryingLength() {
        TinyTaskFolder t = tiny();
        t.setMetadata("sample_duration", NODES.nullNode());
        assertNull(t.task().descriptor().clipDurationSeconds());
    }

    @Test
    void takesTheLayoutFromTheChannelLayoutExtension() {
        TinyTaskFolder t = tiny();
        t.setMetadata(HearFormat.CHANNEL_LAYOUT_KEY, NODES.textNode("binaural"));
        t.writeAllAudio(16000, 2);
        try (HearOpenedTask task = t.task().open()) {
            assertEquals(ChannelLayout.BINAURAL, task.descriptor().layout());
            AudioClip clip = task.audio("test", "s2.wav", 22050);
            assertEquals(ChannelLayout.BINAURAL, clip.layout());
            assertEquals(2, clip.channelCount());
        }
    }

    @Test
    void usesTheDescriptionExtensionWhenPresent() {
        TinyTaskFolder t = tiny();
        t.setMetadata(HearFormat.DESCRIPTION_KEY, NODES.textNode("three tiny classes"));
        assertEquals("three tiny classes", t.task().descriptor().description());
    }

    // ---- metadata errors ----

    @ParameterizedTest
    @ValueSource(strings = {"task_name", "version", "embedding_type", "prediction_type", "split_mode", "evaluation",
        "sample_duration"})
    void rejectsMetadataWithoutARequiredField(String field) {
        TinyTaskFolder t = tiny();
        t.setMetadata(field, null);
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> t.task().descriptor());
        assertMessageContains(e, HearFormat.METADATA_FILE, "'" + field + "'", "missing");
    }

    static Stream<Arguments> invalidMetadataValues() {
        return Stream.of(
                Arguments.of("embedding_type", NODES.textNode("frame"), List.of("'embedding_type'", "'frame'", "scene or event")),
                Arguments.of("prediction_type", NODES.textNode("regression"),
                        List.of("'prediction_type'", "'regression'", "multiclass or multilabel")),
                Arguments.of("sample_duration", NODES.numberNode(-1.0), List.of("'sample_duration'", "-1.0")),
                Arguments.of("evaluation", NODES.arrayNode(), List.of("'evaluation'", "non-empty list")),
                Arguments.of("task_name", NODES.numberNode(3), List.of("'task_name'", "non-empty string", "the number 3")),
                Arguments.of(HearFormat.CHANNEL_LAYOUT_KEY, NODES.textNode("surround"),
                        List.of("'channel_layout'", "surround", "mono", "binaural", "foa")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidMetadataValues")
    void rejectsAnInvalidValueOfAMetadataField(String field, JsonNode value, List<String> messageParts) {
        TinyTaskFolder t = tiny();
        t.setMetadata(field, value);
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                messageParts.toArray(String[]::new));
    }

    @Test
    void rejectsAnUnknownSplitMode() {
        TinyTaskFolder t = tiny();
        t.setMetadata("split_mode", NODES.textNode("random"));
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                HearFormat.METADATA_FILE, "'split_mode'", "'random'", "trainvaltest, presplit_kfold, new_split_kfold");
    }

    @Test
    void rejectsTrainValTestSplitsWithoutValid() {
        TinyTaskFolder t = tiny();
        t.setMetadata("splits", t.array("train", "test"));
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                "'splits'", "train, valid and test", "[train, test]");
    }

    @Test
    void rejectsAKFoldTaskWithNeitherSplitsNorFoldCount() {
        TinyTaskFolder t = tiny();
        t.setMetadata("split_mode", NODES.textNode("presplit_kfold"));
        t.setMetadata("splits", null);
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                "neither 'splits' nor 'nfolds'");
    }

    @Test
    void rejectsAFoldCountThatDisagreesWithTheListedFolds() {
        TinyTaskFolder t = tiny();
        t.setMetadata("split_mode", NODES.textNode("presplit_kfold"));
        t.setMetadata("splits", t.array("fold00", "fold01", "fold02"));
        t.setMetadata("nfolds", NODES.numberNode(5));
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                "'nfolds' is 5", "3 folds");
    }

    @Test
    void rejectsAFoldNameWithAPathSeparator() {
        TinyTaskFolder t = tiny();
        t.setMetadata("split_mode", NODES.textNode("presplit_kfold"));
        t.setMetadata("splits", t.array("fold00", "../fold01", "fold02"));
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                "'../fold01'", "path separator");
    }

    @Test
    void rejectsAnUnknownMetricName() {
        TinyTaskFolder t = tiny();
        t.setMetadata("evaluation", t.array("top1_acc", "accuracy"));
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                HearFormat.METADATA_FILE, "'evaluation'", "'accuracy'", "top1_acc", "mAP");
    }

    @Test
    void rejectsUnparseableJsonNamingFileAndPosition() {
        TinyTaskFolder t = tiny();
        t.writeText(HearFormat.METADATA_FILE, "{\"task_name\": \"tiny\",\n \"version\": }");
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                HearFormat.METADATA_FILE, "not valid JSON", "line 2");
        TinyTaskFolder u = TinyTaskFolder.multiclass(root, "other-v1-full");
        u.writeSplit("valid", "{\"v1.wav\": [\"c\"]");
        assertMessageContains(openFails(u), "valid.json", "not valid JSON");
    }

    @Test
    void rejectsAFolderNameThatIsNotATaskId() {
        TinyTaskFolder t = TinyTaskFolder.multiclass(root, "Tiny Task");
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                "'Tiny Task'", "task id", "rename");
    }

    // ---- vocabulary errors ----

    @Test
    void rejectsAVocabularyWithABadHeader() {
        TinyTaskFolder t = tiny();
        t.writeText(HearFormat.VOCABULARY_FILE, "index,name\n0,a\n1,b\n2,c\n");
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                HearFormat.VOCABULARY_FILE, "line 1", "'index,name'", "'idx,label'");
    }

    @Test
    void rejectsAVocabularyWithAGapInItsIndices() {
        TinyTaskFolder t = tiny();
        t.writeText(HearFormat.VOCABULARY_FILE, "idx,label\n0,a\n2,b\n3,c\n");
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                HearFormat.VOCABULARY_FILE, "idx 1 is missing", "0..2");
    }

    @Test
    void rejectsAVocabularyWithDuplicates() {
        TinyTaskFolder t = tiny();
        t.writeText(HearFormat.VOCABULARY_FILE, "idx,label\n0,a\n1,b\n1,c\n");
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                HearFormat.VOCABULARY_FILE, "line 4", "idx 1 appears twice");
        t.writeText(HearFormat.VOCABULARY_FILE, "idx,label\n0,a\n1,b\n2,a\n");
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                HearFormat.VOCABULARY_FILE, "label 'a' appears twice");
        t.writeText(HearFormat.VOCABULARY_FILE, "idx,label\n0,a\nx,b\n");
        assertMessageContains(assertThrows(TaskFormatException.class, () -> t.task().descriptor()),
                "line 3", "'x' is not an integer");
    }

    @Test
    void readsQuotedVocabularyLabels() {
        TinyTaskFolder t = tiny();
        t.writeText(HearFormat.VOCABULARY_FILE, "idx,label\r\n0,a\r\n1,\"b, \"\"big\"\"\"\r\n2,c\r\n");
        assertEquals(List.of("a", "b, \"big\"", "c"), t.task().descriptor().labelVocabulary());
    }

    // ---- split file errors ----

    @Test
    void rejectsALabelOutsideTheVocabularyNamingClipAndLabel() {
        TinyTaskFolder t = tiny();
        t.writeSplit("test", "{\"s1.wav\": [\"b\"], \"s2.wav\": [\"zebra\"]}");
        assertMessageContains(openFails(t), "test.json", "'s2.wav'", "'zebra'", "not in labelvocabulary.csv", "a, b, c");
    }

    @Test
    void rejectsAMulticlassClipWithoutExactlyOneLabel() {
        TinyTaskFolder t = tiny();
        t.writeSplit("train", "{\"t1.wav\": [\"a\", \"b\"], \"t2.wav\": [\"b\"]}");
        assertMessageContains(openFails(t), "train.json", "'t1.wav'", "2 labels", "exactly one");
        t.writeSplit("train", "{\"t1.wav\": [], \"t2.wav\": [\"b\"]}");
        assertMessageContains(openFails(t), "'t1.wav'", "0 labels");
    }

    @Test
    void rejectsASplitNamingMissingAudioListingTheFirstFewWithCounts() {
        TinyTaskFolder t = tiny();
        List<String> ids = new ArrayList<>();
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 9; i++) {
            String id = "m" + i + ".wav";
            ids.add(id);
            json.append(i == 0 ? "" : ",").append('"').append(id).append("\": [\"a\"]");
        }
        t.writeSplit("train", json.append('}').toString());
        t.writeAudio(16000, 1, "train", ids.subList(0, 2));
        TaskFormatException e = openFails(t);
        assertMessageContains(e, "train.json", "7 of 9 clip(s) have no audio file", "16000/train",
                "m2.wav, m3.wav, m4.wav, m5.wav, m6.wav", "(2 more)");
    }

    @Test
    void rejectsAudioMissingFromOneOfSeveralRateFolders() {
        TinyTaskFolder t = tiny();
        t.writeAudio(48000, 1, "train", "t1.wav", "t2.wav");
        t.writeAudio(48000, 1, "valid", "v1.wav");
        t.writeAudio(48000, 1, "test", "s1.wav", "s2.wav");
        assertMessageContains(openFails(t), "valid.json", "1 of 2", "48000/valid", "v2.wav");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.wav", "/etc/passwd", "a/b.wav", "a\\\\b.wav", "..", "C:x.wav", " x.wav"})
    void rejectsClipIdsThatEscapeTheTaskFolder(String clipId) {
        TinyTaskFolder t = tiny();
        t.writeSplit("train", "{\"t1.wav\": [\"a\"], \"" + clipId + "\": [\"b\"]}");
        String shown = clipId.replace("\\\\", "\\");
        assertMessageContains(openFails(t), "train.json", "clip id '" + shown + "'", "cannot name an audio file");
    }

    @Test
    void rejectsAnEmptySplit() {
        TinyTaskFolder t = tiny();
        t.writeSplit("valid", "{}");
        assertMessageContains(openFails(t), "valid.json", "split 'valid' has no clips");
    }

    @Test
    void rejectsAMissingSplitFile() {
        TinyTaskFolder t = tiny();
        t.delete("test.json");
        assertMessageContains(openFails(t), "test.json", "split file is missing", "[train, valid, test]");
    }

    @Test
    void rejectsAFolderWithoutAnyRateFolder() {
        TinyTaskFolder t = tiny();
        t.delete("16000");
        assertMessageContains(openFails(t), t.folder.toString(), "no sample-rate folder", "16000/<split>/<clip>.wav");
    }

    @Test
    void rejectsARateFolderWithoutOneOfTheSplits() {
        TinyTaskFolder t = tiny();
        t.delete("16000/test");
        assertMessageContains(openFails(t), "16000/test", "folder is missing");
    }

    @Test
    void rejectsAnEventThatEndsBeforeItStarts() {
        TinyTaskFolder t = tiny();
        t.setMetadata("embedding_type", NODES.textNode("event"));
        t.setMetadata("prediction_type", NODES.textNode("multilabel"));
        t.writeSplit("train", "{\"t1.wav\": [{\"label\": \"a\", \"start\": 1, \"end\": 2}]}");
        t.writeSplit("test", "{\"s1.wav\": [{\"label\": \"b\", \"start\": 1, \"end\": 2}]}");
        t.writeSplit("valid", "{\"v1.wav\": [{\"label\": \"a\", \"start\": 1, \"end\": 2}, "
                + "{\"label\": \"c\", \"start\": 900, \"end\": 450}]}");
        assertMessageContains(openFails(t), "valid.json", "'v1.wav' event 1", "'c'", "end 450.0 ms is before start 900.0 ms");
        t.writeSplit("valid", "{\"v1.wav\": [{\"label\": \"a\", \"start\": 1}]}");
        assertMessageContains(openFails(t), "'v1.wav' event 0", "'end'", "milliseconds");
    }

    @Test
    void rejectsAClipListedInTwoSplits() {
        TinyTaskFolder t = tiny();
        t.writeSplit("test", "{\"s1.wav\": [\"b\"], \"t1.wav\": [\"c\"]}");
        t.writeAudio(16000, 1, "test", "t1.wav");
        assertMessageContains(openFails(t), "test.json", "'t1.wav'", "also in train.json");
    }

    @Test
    void rejectsAClipListedTwiceInOneSplitFile() {
        TinyTaskFolder t = tiny();
        t.writeSplit("test", "{\"s1.wav\": [\"b\"], \"s1.wav\": [\"c\"]}");
        assertMessageContains(openFails(t), "test.json", "not valid JSON", "s1.wav");
    }

    @Test
    void rejectsAudioWhoseChannelCountDiffersFromTheLayout() {
        TinyTaskFolder t = tiny();
        t.writeAudio(16000, 2, "train", "t1.wav");
        try (HearOpenedTask task = t.task().open()) {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> task.audio("train", "t1.wav", 16000));
            assertMessageContains(e, "16000/train/t1.wav", "2 channel(s)", "MONO", "channel_layout");
        }
    }

    @Test
    void rejectsAudioWhoseRateDiffersFromItsFolder() {
        TinyTaskFolder t = tiny();
        t.writeWav("16000/train/t1.wav", 22050, 1);
        try (HearOpenedTask task = t.task().open()) {
            assertMessageContains(assertThrows(AudioFormatException.class, () -> task.audio("train", "t1.wav", 16000)),
                    "t1.wav", "says 22050 Hz", "rate folder 16000/");
        }
    }

    @Test
    void rejectsRequestsForUnknownSplitsAndClips() {
        try (HearOpenedTask task = tiny().task().open()) {
            assertMessageContains(assertThrows(TaskFormatException.class, () -> task.clips("fold00")),
                    "no split 'fold00'", "[train, valid, test]");
            assertMessageContains(assertThrows(TaskFormatException.class, () -> task.audio("train", "v1.wav", 16000)),
                    "no clip 'v1.wav' in split 'train'");
        }
    }

    @Test
    void streamsLabelledClipsInIdOrder() {
        try (HearOpenedTask task = tiny().task().open()) {
            String ids = task.stream("test", 16000).map(c -> c.id() + "=" + c.label().classNames().get(0))
                    .collect(Collectors.joining(","));
            assertEquals("s1.wav=b,s2.wav=c", ids);
        }
    }
}
