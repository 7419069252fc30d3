package org.nathear.runner.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.nathear.api.DirectionTarget;
import org.nathear.api.HarnessException;
import org.nathear.api.Label;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.io.TempFiles;
import org.nathear.results.schema.MetricSummary;

/**
 * Writes what hear-eval-kit's prediction runner leaves in {@code embeddings/<model>/<task>/}, so
 * Python-side tooling (hear-leaderboard and scripts written for it) reads nathear's results as it
 * reads hear-eval-kit's:
 *
 * <ul>
 *   <li>{@code test.predicted-scores.json}: one entry per test split ({@code "test"} or
 *       {@code "fold00"…}) with {@code test_loss}, {@code test_score} (the primary metric),
 *       {@code test_<metric>} for every metric (event metrics also {@code test_<metric>_<sub>} for
 *       sed_eval's sub-scores), {@code validation_score}, {@code epoch}, {@code time_in_min};
 *       {@code aggregated_scores} ({@code <key>_mean}, {@code <key>_std}, pandas' sample standard
 *       deviation skipping NaN) when there is more than one split; {@code hparams}; {@code
 *       postprocessing} ([name, value] pairs, empty for scene tasks); {@code score_mode};
 *       {@code embedding_path}. NaN is written as the bare token {@code NaN}, as Python's
 *       {@code json} does.</li>
 *   <li>per test split, in place of hear-eval-kit's pickled tensors ({@code <split>.predictions.pkl}):
 *       {@code <split>.predictions.npy} (float64 rows × classes, activated scores in vocabulary
 *       order, exactly the values scored), for scene tasks {@code <split>.ranking-scores.npy} (float64,
 *       the probe's ranking scores — logits or log-probabilities — from which mAP, AUC and d′ are
 *       computed), {@code <split>.targets.npy} (float32 0/1), {@code <split>.rows.json} (the clip of every row,
 *       and for event tasks its timestamp in ms); event tasks also {@code <split>.predicted-events.json}
 *       and {@code <split>.target-events.json} in the HEAR label format
 *       ({@code {clip: [{"label", "start", "end"}]}}, ms).</li>
 *   <li>{@code labelvocabulary.csv}: column index → label.</li>
 * </ul>
 */
final class HearCompatibility {
    static final String SCORES_FILE = "test.predicted-scores.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private HearCompatibility() {
    }

    /** What one test split produced. */
    record Fold(String testSplit, Map<String, Double> testScores, double testLoss, double validationScore, double epoch,
                double timeInMinutes, Rows rows) {
    }

    /**
     * Row-level predictions of one test split.
     *
     * @param clipOfRow        the clip of every row
     * @param timestampOfRow   for event tasks the frame time of every row (ms), else null
     * @param predictedEvents  for event tasks, per clip, else null
     * @param targetEvents     for event tasks, per clip, else null
     */
    record Rows(List<String> clipOfRow, double[] timestampOfRow, double[][] predictions, boolean[][] targets,
                Map<String, List<Label.Event>> predictedEvents, Map<String, List<Label.Event>> targetEvents,
                double[][] rankingScores) {
        /** Without ranking scores (event tasks: every metric is computed from {@code predictions}). */
        Rows(List<String> clipOfRow, double[] timestampOfRow, double[][] predictions, boolean[][] targets,
             Map<String, List<Label.Event>> predictedEvents, Map<String, List<Label.Event>> targetEvents) {
            this(clipOfRow, timestampOfRow, predictions, targets, predictedEvents, targetEvents, null);
        }
    }

    static void write(Path dir, TaskDescriptor task, List<Fold> folds, Map<String, String> hparams,
                      List<List<Object>> postprocessing, String embeddingPath) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, List<Double>> numeric = new LinkedHashMap<>();
        for (Fold fold : folds) {
            Map<String, Object> entry = new LinkedHashMap<>();
            put(entry, numeric, "test_loss", fold.testLoss());
            put(entry, numeric, "test_score", fold.testScores().get(task.primaryMetric().id()));
            fold.testScores().forEach((k, v) -> put(entry, numeric, "test_" + k, v));
            put(entry, numeric, "validation_score", fold.validationScore());
            put(entry, numeric, "epoch", fold.epoch());
            put(entry, numeric, "time_in_min", fold.timeInMinutes());
            doc.put(fold.testSplit(), entry);
        }
        if (folds.size() > 1) {
            Map<String, Object> aggregated = new LinkedHashMap<>();
            numeric.forEach((k, values) -> {
                MetricSummary s = MetricSummary.of(values);
                aggregated.put(k + "_mean", s.mean());
                aggregated.put(k + "_std", s.std());
            });
            doc.put("aggregated_scores", aggregated);
        }
        doc.put("hparams", new LinkedHashMap<>(hparams));
        doc.put("postprocessing", postprocessing);
        doc.put("score_mode", task.primaryMetric().higherIsBetter() ? "max" : "min");
        doc.put("embedding_path", embeddingPath);
        try {
            Files.createDirectories(dir);
            writeJson(dir.resolve(SCORES_FILE), doc);
            StringBuilder vocabulary = new StringBuilder("idx,label\n");
            for (int i = 0; i < task.labelVocabulary().size(); i++) {
                vocabulary.append(i).append(',').append(csv(task.labelVocabulary().get(i))).append('\n');
            }
            writeText(dir.resolve("labelvocabulary.csv"), vocabulary.toString());
            for (Fold fold : folds) {
                Rows rows = fold.rows();
                if (rows == null) {
                    continue; // localization: directions are written by writeDirections
                }
                int classes = task.labelVocabulary().size();
                Npy.writeFloat64(dir.resolve(fold.testSplit() + ".predictions.npy"), rows.predictions().length, classes,
                        (r, c) -> rows.predictions()[r][c]);
                if (rows.rankingScores() != null) {
                    Npy.writeFloat64(dir.resolve(fold.testSplit() + ".ranking-scores.npy"), rows.rankingScores().length,
                            classes, (r, c) -> rows.rankingScores()[r][c]);
                }
                Npy.writeFloat32(dir.resolve(fold.testSplit() + ".targets.npy"), rows.targets().length, classes,
                        (r, c) -> rows.targets()[r][c] ? 1 : 0);
                Map<String, Object> rowDoc = new LinkedHashMap<>();
                rowDoc.put("clips", rows.clipOfRow());
                if (rows.timestampOfRow() != null) {
                    rowDoc.put("timestamps_ms", rows.timestampOfRow());
                }
                writeJson(dir.resolve(fold.testSplit() + ".rows.json"), rowDoc);
                if (rows.predictedEvents() != null) {
                    writeJson(dir.resolve(fold.testSplit() + ".predicted-events.json"), eventsJson(rows.predictedEvents()));
                    writeJson(dir.resolve(fold.testSplit() + ".target-events.json"), eventsJson(rows.targetEvents()));
                }
            }
        } catch (IOException e) {
            throw new HarnessException("Cannot write hear-eval-kit compatible results to " + dir + ": " + e, e);
        }
    }

    /**
     * The predicted and true direction of every test clip of a localization split:
     * {@code <split>.predicted-directions.npy} and {@code <split>.target-directions.npy} (float64,
     * rows × [x, y, z] unit vectors, exactly the values scored) and {@code <split>.rows.json} (the clip
     * of every row).
     */
    static void writeDirections(Path dir, String split, List<String> clips, double[][] predicted, double[][] truth) {
        Npy.writeFloat64(dir.resolve(split + ".predicted-directions.npy"), predicted.length, 3, (r, c) -> predicted[r][c]);
        Npy.writeFloat64(dir.resolve(split + ".target-directions.npy"), truth.length, 3, (r, c) -> truth[r][c]);
        Map<String, Object> rowDoc = new LinkedHashMap<>();
        rowDoc.put("clips", clips);
        try {
            writeJson(dir.resolve(split + ".rows.json"), rowDoc);
        } catch (IOException e) {
            throw new HarnessException("Cannot write hear-eval-kit compatible results to " + dir + ": " + e, e);
        }
    }

    /**
     * The [azimuth, elevation] of every predicted and true direction of a localization split, in
     * degrees (azimuth {@code atan2(y, x)} in (−180, 180], elevation {@code atan2(z, √(x² + y²))}):
     * {@code <split>.predicted-azimuth-elevation.npy} and {@code <split>.target-azimuth-elevation.npy},
     * float64 rows × 2, written for cells with the [azimuth, elevation] target. A prediction with no
     * direction is written as NaN.
     */
    static void writeAzimuthElevation(Path dir, String split, double[][] predicted, double[][] truth) {
        double[][] p = azimuthElevationDegrees(predicted);
        double[][] t = azimuthElevationDegrees(truth);
        Npy.writeFloat64(dir.resolve(split + ".predicted-azimuth-elevation.npy"), p.length, 2, (r, c) -> p[r][c]);
        Npy.writeFloat64(dir.resolve(split + ".target-azimuth-elevation.npy"), t.length, 2, (r, c) -> t[r][c]);
    }

    private static double[][] azimuthElevationDegrees(double[][] directions) {
        double[][] out = new double[directions.length][];
        for (int i = 0; i < directions.length; i++) {
            double[] d = directions[i];
            double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            out[i] = !(n > 0) || !Double.isFinite(n) ? new double[] {Double.NaN, Double.NaN}
                    : new double[] {DirectionTarget.azimuthDegrees(d), DirectionTarget.elevationDegrees(d)};
        }
        return out;
    }

    private static void put(Map<String, Object> entry, Map<String, List<Double>> numeric, String key, Double value) {
        double v = value == null ? Double.NaN : value;
        entry.put(key, v);
        numeric.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }

    private static Map<String, List<Map<String, Object>>> eventsJson(Map<String, List<Label.Event>> events) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        events.forEach((clip, list) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Label.Event e : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", e.name());
                m.put("start", e.startMillis());
                m.put("end", e.endMillis());
                rows.add(m);
            }
            out.put(clip, rows);
        });
        return out;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void writeJson(Path file, Object doc) throws IOException {
        writeText(file, JSON.writeValueAsString(doc) + "\n");
    }

    private static void writeText(Path file, String text) throws IOException {
        TempFiles.writeString(file, text);
    }

    /** Mean cross-entropy (multiclass) or binary cross-entropy over rows and classes, from probabilities. */
    static double loss(double[][] p, boolean[][] targets, boolean multiclass) {
        if (p.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        double eps = 1e-12;
        for (int i = 0; i < p.length; i++) {
            if (multiclass) {
                int target = 0;
                for (int c = 0; c < targets[i].length; c++) {
                    if (targets[i][c]) {
                        target = c;
                        break;
                    }
                }
                sum -= Math.log(Math.max(eps, p[i][target]));
            } else {
                for (int c = 0; c < targets[i].length; c++) {
                    sum -= targets[i][c] ? Math.log(Math.max(eps, p[i][c])) : Math.log(Math.max(eps, 1 - p[i][c]));
                }
            }
        }
        return multiclass ? sum / p.length : sum / ((double) p.length * p[0].length);
    }
}
