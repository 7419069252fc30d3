package org.nathear.runner.eval;

import java.util.List;
import org.nathear.api.Label;

/**
 * The embeddings of one split: clip ids and labels in task order, one row per clip (scene tasks).
 */
public record SplitEmbeddings(String split, List<String> clipIds, List<Label> labels, float[][] features) {
    public SplitEmbeddings {
        clipIds = List.copyOf(clipIds);
        labels = List.copyOf(labels);
        if (clipIds.size() != labels.size() || features.length != clipIds.size()) {
            throw new IllegalArgumentException("clip ids, labels and features must have the same length");
        }
    }

    public int size() {
        return clipIds.size();
    }
}
