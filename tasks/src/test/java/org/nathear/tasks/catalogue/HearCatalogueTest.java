package org.nathear.tasks.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nathear.api.ChannelLayout;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;

class HearCatalogueTest {

    /** A descriptor as a faithful hear-preprocess folder of this entry would give. */
    static TaskDescriptor faithful(CatalogueEntry e) {
        List<String> vocabulary = IntStream.range(0, e.labelCount()).mapToObj(i -> "c" + i).toList();
        return new TaskDescriptor(e.id(), "v", e.kind(), ChannelLayout.MONO, e.metrics(), e.splitMode(), e.expectedSplits(),
                vocabulary, e.clipDurationSeconds(), "");
    }

    @Test
    void theSuiteHoldsThePapersElevenTasksInItsColumnOrder() {
        assertEquals(List.of("DCASE", "FSD50K", "LC", "ESC-50", "CD", "VL", "SC-5", "NS", "BO", "Mri-S", "Mri-T"),
                HearCatalogue.paperSuite().stream().map(CatalogueEntry::abbreviation).toList());
        assertEquals(List.of("dcase2016_task2-hear2021-full", "fsd50k-v1.0-full", "libricount-v1.0.0-hear2021-full",
                "esc50-v2.0.0-full", "tfds_crema_d-1.0.0-full", "vox_lingua_top10-hear2021-full", "speech_commands-v0.0.2-5h",
                "nsynth_pitch-v2.2.3-5h", "beijing_opera-v1.0-hear2021-full", "mridangam_stroke-v1.5-full",
                "mridangam_tonic-v1.5-full"), HearCatalogue.paperSuite().stream().map(CatalogueEntry::id).toList());
    }

    @Test
    void entriesCarryHearsPrimaryMetricsKindsAndVariableLengthForFsd50k() {
        CatalogueEntry dcase = HearCatalogue.find("dcase2016_task2-hear2021-full").orElseThrow();
        assertEquals(TaskKind.EVENT, dcase.kind());
        assertEquals(Metric.EVENT_ONSET_200MS_FMS, dcase.primaryMetric());
        assertEquals(List.of("train", "valid", "test"), dcase.expectedSplits());
        CatalogueEntry fsd = HearCatalogue.find("fsd50k-v1.0-full").orElseThrow();
        assertEquals(TaskKind.SCENE_MULTILABEL, fsd.kind());
        assertEquals(Metric.MAP, fsd.primaryMetric());
        assertEquals(null, fsd.clipDurationSeconds());
        assertEquals(200, fsd.labelCount());
        assertEquals(Metric.PITCH_ACC, HearCatalogue.find("nsynth_pitch-v2.2.3-5h").orElseThrow().primaryMetric());
        CatalogueEntry esc = HearCatalogue.find("esc50-v2.0.0-full").orElseThrow();
        assertEquals(SplitMode.PRESPLIT_KFOLD, esc.splitMode());
        assertEquals(List.of("fold00", "fold01", "fold02", "fold03", "fold04"), esc.expectedSplits());
        assertTrue(HearCatalogue.find("real-pitch-v1-full").isEmpty());
    }

    @Test
    void aFaithfulFolderMatchesEveryEntry() {
        for (CatalogueEntry e : HearCatalogue.paperSuite()) {
            assertEquals(List.of(), e.mismatches(faithful(e)), e.id());
        }
    }

    private static final CatalogueEntry ESC50 = HearCatalogue.find("esc50-v2.0.0-full").orElseThrow();

    /** ESC-50 as the catalogue describes it, then one thing changed. */
    private static TaskDescriptor esc50With(SplitMode splitMode, List<String> splits, List<String> vocabulary) {
        TaskDescriptor ok = faithful(ESC50);
        return new TaskDescriptor(ok.id(), "v", ok.kind(), ChannelLayout.MONO, ok.metrics(), splitMode == null ? ok.splitMode() : splitMode,
                splits == null ? ok.splits() : splits, vocabulary == null ? ok.labelVocabulary() : vocabulary, 5.0, "");
    }

    private static List<String> esc50VocabularyLessOne() {
        List<String> vocabulary = new ArrayList<>(faithful(ESC50).labelVocabulary());
        vocabulary.remove(0);
        return vocabulary;
    }

    @Test
    void aWrongSplitModeIsNamedWithWhatWasExpected() {
        assertEquals(List.of("split_mode is 'new_split_kfold' but esc50-v2.0.0-full uses 'presplit_kfold' with 5 folds"),
                ESC50.mismatches(esc50With(SplitMode.NEW_SPLIT_KFOLD, null, null)));
    }

    @Test
    void aMissingFoldIsNamedWithWhatWasExpected() {
        TaskDescriptor fourFolds = esc50With(null, List.of("fold00", "fold01", "fold02", "fold03"), null);
        assertEquals(List.of("splits are [fold00, fold01, fold02, fold03] but esc50-v2.0.0-full has "
                + "[fold00, fold01, fold02, fold03, fold04]; missing [fold04]"), ESC50.mismatches(fourFolds));
    }

    @Test
    void anotherLabelCountIsNamedWithWhatWasExpected() {
        assertEquals(List.of("labelvocabulary.csv has 49 labels but esc50-v2.0.0-full has 50"),
                ESC50.mismatches(esc50With(null, null, esc50VocabularyLessOne())));
    }

    @Test
    void requireMatchNamesTheFolderAndTheCatalogueEntry() {
        TaskDescriptor fewer = esc50With(null, null, esc50VocabularyLessOne());
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> ESC50.requireMatch(fewer, "/data/esc50-v2.0.0-full"));
        assertTrue(e.getMessage().startsWith("/data/esc50-v2.0.0-full: does not match the catalogue entry of esc50-v2.0.0-full"),
                e.getMessage());
    }

    @Test
    void aSceneFolderNamedLikeTheEventTaskIsRejectedForItsKindAndMetric() {
        CatalogueEntry dcase = HearCatalogue.find("dcase2016_task2-hear2021-full").orElseThrow();
        TaskDescriptor scene = new TaskDescriptor(dcase.id(), "v", TaskKind.SCENE_MULTILABEL, ChannelLayout.MONO,
                List.of(Metric.MAP), SplitMode.TRAIN_VALID_TEST, List.of("train", "valid", "test"),
                IntStream.range(0, 11).mapToObj(i -> "c" + i).toList(), 120.0, "");
        List<String> problems = dcase.mismatches(scene);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("scene multilabel") && problems.get(0).contains("event"), problems.get(0));
        assertTrue(problems.get(1).contains("'mAP'") && problems.get(1).contains("'event_onset_200ms_fms'"), problems.get(1));
    }
}
