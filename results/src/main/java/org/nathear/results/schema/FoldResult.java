package org.nathear.results.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation rotation: trained on {@code trainSplits}, selected on {@code validSplit}, scored on
 * {@code testSplit}.
 */
public record FoldResult(String testSplit, String validSplit, List<String> trainSplits, Map<String, Double> testScores,
                         double validScore, Map<String, String> hyperparameters, int trainExamples, int testExamples) {
    public FoldResult {
        trainSplits = List.copyOf(trainSplits);
        testScores = new TreeMap<>(testScores);
        hyperparameters = new TreeMap<>(hyperparameters);
    }
}
