package org.nathear.tasks.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;

/**
 * What a known task must look like: the facts hear-preprocess writes into its folder, so a folder
 * that claims the name but differs (another split mode, a missing fold, another vocabulary size)
 * is caught before it produces scores that would be compared with published ones.
 *
 * @param id                   the folder name (versioned task name), e.g. {@code esc50-v2.0.0-full}
 * @param abbreviation         the paper's column name, e.g. {@code ESC-50}
 * @param kind                 scene multiclass, scene multilabel or event
 * @param splitMode            trainvaltest, presplit_kfold or new_split_kfold
 * @param folds                number of folds for k-fold tasks, 0 for trainvaltest
 * @param metrics              hear-eval-kit's {@code evaluation} list, primary first
 * @param labelCount           rows of {@code labelvocabulary.csv}
 * @param clipDurationSeconds  {@code sample_duration}, or null for variable-length clips (FSD50K);
 *                             informational, not checked
 * @param description          one line
 */
public record CatalogueEntry(String id, String abbreviation, TaskKind kind, SplitMode splitMode, int folds,
                             List<Metric> metrics, int labelCount, Double clipDurationSeconds, String description) {
    public CatalogueEntry {
        metrics = List.copyOf(metrics);
        if (splitMode.isKFold() != (folds > 0)) {
            throw new IllegalArgumentException(id + ": k-fold tasks need a fold count, trainvaltest tasks none");
        }
    }

    /** The primary metric (first of {@link #metrics()}). */
    public Metric primaryMetric() {
        return metrics.get(0);
    }

    /** The split names hear-preprocess writes: train, valid, test or fold00 … fold{k−1}. */
    public List<String> expectedSplits() {
        if (!splitMode.isKFold()) {
            return List.of("train", "valid", "test");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            out.add(String.format(Locale.ROOT, "fold%02d", i));
        }
        return out;
    }

    /**
     * Every way {@code task} differs from this entry, as sentences saying what was found and what
     * was expected; empty when it matches.
     */
    public List<String> mismatches(TaskDescriptor task) {
        List<String> out = new ArrayList<>();
        if (task.kind() != kind) {
            out.add("kind is " + describe(task.kind()) + " but " + id + " is " + describe(kind));
        }
        if (task.splitMode() != splitMode) {
            out.add("split_mode is '" + task.splitMode().hearName() + "' but " + id + " uses '" + splitMode.hearName() + "'"
                    + (splitMode.isKFold() ? " with " + folds + " folds" : ""));
        } else if (!task.splits().equals(expectedSplits())) {
            List<String> missing = new ArrayList<>(expectedSplits());
            missing.removeAll(task.splits());
            List<String> extra = new ArrayList<>(task.splits());
            extra.removeAll(expectedSplits());
            out.add("splits are " + task.splits() + " but " + id + " has " + expectedSplits()
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; unexpected " + extra));
        }
        if (task.labelVocabulary().size() != labelCount) {
            out.add("labelvocabulary.csv has " + task.labelVocabulary().size() + " labels but " + id + " has " + labelCount);
        }
        if (task.primaryMetric() != primaryMetric()) {
            out.add("the primary metric (first of 'evaluation') is '" + task.primaryMetric().id() + "' but " + id
                    + " is scored by '" + primaryMetric().id() + "'");
        }
        return out;
    }

    /** Throws when {@code task} does not match, naming every difference and the folder. */
    public void requireMatch(TaskDescriptor task, String where) {
        List<String> problems = mismatches(task);
        if (!problems.isEmpty()) {
            throw new TaskFormatException(where + ": does not match the catalogue entry of " + id + " ("
                    + abbreviation + "): " + String.join("; ", problems)
                    + ". Use the folder hear-preprocess made for " + id + ", or rename the folder if it is another task.");
        }
    }

    private static String describe(TaskKind kind) {
        return switch (kind) {
            case SCENE_MULTICLASS -> "scene multiclass";
            case SCENE_MULTILABEL -> "scene multilabel";
            case EVENT -> "event (timestamp) multilabel";
            case LOCALIZATION -> "localization";
            case SELD -> "SELD";
        };
    }
}
