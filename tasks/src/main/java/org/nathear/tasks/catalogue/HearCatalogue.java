package org.nathear.tasks.catalogue;

import java.util.List;
import java.util.Optional;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskKind;

/**
 * The HEAR tasks of the GRAM paper (Appendix C, Table 4; the column order of its Tables 1 and 5),
 * as hear-preprocess 2021.1.1 builds them. Facts from hear-preprocess's task configurations and
 * hearbenchmark.com (see {@code reference/hear-eval-kit-protocol.md} §4–5).
 */
public final class HearCatalogue {
    /** The suite name for {@code nathear run --suite}. */
    public static final String SUITE = "hear";

    private static final List<Metric> CLASSIFICATION = List.of(Metric.TOP1_ACC, Metric.MAP, Metric.D_PRIME, Metric.AUCROC);

    private static final List<CatalogueEntry> PAPER = List.of(
            new CatalogueEntry("dcase2016_task2-hear2021-full", "DCASE", TaskKind.EVENT, SplitMode.TRAIN_VALID_TEST, 0,
                    List.of(Metric.EVENT_ONSET_200MS_FMS, Metric.SEGMENT_1S_ER), 11, 120.0,
                    "DCASE 2016 task 2: office sound event detection in synthetic 2-minute mixtures"),
            new CatalogueEntry("fsd50k-v1.0-full", "FSD50K", TaskKind.SCENE_MULTILABEL, SplitMode.TRAIN_VALID_TEST, 0,
                    List.of(Metric.MAP, Metric.D_PRIME, Metric.AUCROC, Metric.TOP1_ACC), 200, null,
                    "FSD50K: multilabel tagging, 200 AudioSet classes, clips of 0.3–30 s"),
            new CatalogueEntry("libricount-v1.0.0-hear2021-full", "LC", TaskKind.SCENE_MULTICLASS, SplitMode.NEW_SPLIT_KFOLD, 5,
                    CLASSIFICATION, 11, 5.0, "LibriCount: number of speakers (0–10) in a simulated cocktail party"),
            new CatalogueEntry("esc50-v2.0.0-full", "ESC-50", TaskKind.SCENE_MULTICLASS, SplitMode.PRESPLIT_KFOLD, 5,
                    CLASSIFICATION, 50, 5.0, "ESC-50: environmental sound classification, 50 classes"),
            new CatalogueEntry("tfds_crema_d-1.0.0-full", "CD", TaskKind.SCENE_MULTICLASS, SplitMode.NEW_SPLIT_KFOLD, 5,
                    CLASSIFICATION, 6, 5.0, "CREMA-D: emotion recognition from speech, 6 emotions"),
            new CatalogueEntry("vox_lingua_top10-hear2021-full", "VL", TaskKind.SCENE_MULTICLASS, SplitMode.NEW_SPLIT_KFOLD, 5,
                    CLASSIFICATION, 10, 18.64, "VoxLingua107 top 10: spoken language identification"),
            new CatalogueEntry("speech_commands-v0.0.2-5h", "SC-5", TaskKind.SCENE_MULTICLASS, SplitMode.TRAIN_VALID_TEST, 0,
                    List.of(Metric.TOP1_ACC), 12, 1.0, "Speech Commands v2, 5 h training subset: keyword spotting, 12 classes"),
            new CatalogueEntry("nsynth_pitch-v2.2.3-5h", "NS", TaskKind.SCENE_MULTICLASS, SplitMode.TRAIN_VALID_TEST, 0,
                    List.of(Metric.PITCH_ACC, Metric.CHROMA_ACC), 88, 4.0, "NSynth pitch, 5 h training subset: 88 MIDI pitches 21–108"),
            new CatalogueEntry("beijing_opera-v1.0-hear2021-full", "BO", TaskKind.SCENE_MULTICLASS, SplitMode.NEW_SPLIT_KFOLD, 5,
                    CLASSIFICATION, 4, 4.77, "Beijing Opera percussion: 4 instruments"),
            new CatalogueEntry("mridangam_stroke-v1.5-full", "Mri-S", TaskKind.SCENE_MULTICLASS, SplitMode.NEW_SPLIT_KFOLD, 5,
                    CLASSIFICATION, 10, 0.81, "Mridangam stroke classification, 10 strokes"),
            new CatalogueEntry("mridangam_tonic-v1.5-full", "Mri-T", TaskKind.SCENE_MULTICLASS, SplitMode.NEW_SPLIT_KFOLD, 5,
                    CLASSIFICATION, 6, 0.81, "Mridangam tonic classification, 6 tonics"));

    private HearCatalogue() {
    }

    /** The paper's 11 HEAR tasks in its column order. */
    public static List<CatalogueEntry> paperSuite() {
        return PAPER;
    }

    /** The entry for a task id, if the catalogue knows it. */
    public static Optional<CatalogueEntry> find(String taskId) {
        return PAPER.stream().filter(e -> e.id().equals(taskId)).findFirst();
    }
}
