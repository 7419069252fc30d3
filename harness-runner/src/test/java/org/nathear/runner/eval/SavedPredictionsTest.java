package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.RunResult;
import org.nathear.api.DirectionTarget;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

/** The files a scene cell writes reproduce its scores: mAP and top-1 recomputed from them match results.json. */
class SavedPredictionsTest {
    @TempDir
    Path dir;

    @Test
    void mapAndAccuracyRecomputedFromTheSavedFilesMatchTheResultsTo1e9() throws Exception {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, false));
        RunResult run = engine.run(RunConfiguration.builder().runId("p")
                .models(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")))
                .tasks(List.of(new TaskEntry(new TestPlugins.ToneTask(ChannelLayout.MONO), "test", "test")))
                .seed(7L).probe(new LinearProbe()).resultFile(dir.resolve("results.json")).batchSize(4).build());
        CellResult cell = run.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        Path hear = dir.resolve("hear").resolve(cell.modelId()).resolve(cell.taskId());
        List<Double> mapPerFold = cell.metrics().get("mAP").perFold();
        List<Double> top1PerFold = cell.metrics().get("top1_acc").perFold();
        for (int f = 0; f < cell.folds().size(); f++) {
            String split = cell.folds().get(f).testSplit();
            double[][] ranking = readNpy(hear.resolve(split + ".ranking-scores.npy"));
            double[][] predictions = readNpy(hear.resolve(split + ".predictions.npy"));
            double[][] targets = readNpy(hear.resolve(split + ".targets.npy"));
            assertEquals(mapPerFold.get(f), meanAveragePrecision(ranking, targets), 1e-9, "mAP of " + split);
            assertEquals(top1PerFold.get(f), top1(predictions, targets), 1e-9, "top-1 of " + split);
        }
    }

    /** A localization task: 0.5 s tones whose frequency follows the azimuth, so a band-energy model can localise them. */
    static final class DirectionToneTask implements org.nathear.api.spi.TaskPlugin {
        @Override
        public org.nathear.api.TaskDescriptor descriptor() {
            return new org.nathear.api.TaskDescriptor("test-directions", "1", org.nathear.api.TaskKind.LOCALIZATION,
                    ChannelLayout.MONO, List.of(org.nathear.api.Metric.DOA_ERROR_MEAN_DEG, org.nathear.api.Metric.DOA_ERROR_MEDIAN_DEG,
                    org.nathear.api.Metric.DOA_ACC_20DEG), org.nathear.api.SplitMode.NEW_SPLIT_KFOLD,
                    List.of("fold00", "fold01", "fold02"), List.of(), 0.5, "tones whose pitch follows the azimuth");
        }

        @Override
        public org.nathear.api.spi.OpenedTask open() {
            org.nathear.api.TaskDescriptor d = descriptor();
            return new org.nathear.api.spi.OpenedTask() {
                @Override
                public org.nathear.api.TaskDescriptor descriptor() {
                    return d;
                }

                @Override
                public List<org.nathear.api.ClipRef> clips(String split) {
                    List<org.nathear.api.ClipRef> out = new java.util.ArrayList<>();
                    for (int i = 0; i < 12; i++) {
                        out.add(new org.nathear.api.ClipRef(split + "-" + String.format(java.util.Locale.ROOT, "%02d", i) + ".wav",
                                org.nathear.api.Label.DirectionLabel.fromDegrees(azimuth(split, i), 0)));
                    }
                    return out;
                }

                @Override
                public org.nathear.api.AudioClip audio(String split, String clipId, int rate) {
                    int i = Integer.parseInt(clipId.substring(split.length() + 1, split.length() + 3));
                    double f = 200 + 20 * azimuth(split, i);
                    float[] s = new float[rate / 2];
                    for (int n = 0; n < s.length; n++) {
                        s[n] = (float) (0.3 * Math.sin(2 * Math.PI * f * n / rate));
                    }
                    return new org.nathear.api.AudioClip(new float[][] {s}, rate, ChannelLayout.MONO);
                }
            };
        }

        static double azimuth(String split, int i) {
            return (i * 30 + split.hashCode() % 7 + 360) % 360 / 2.0;
        }
    }

    @Test
    void theDoaErrorRecomputedFromTheSavedDirectionsMatchesTheResultsTo1e9() throws Exception {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, false));
        RunResult run = engine.run(RunConfiguration.builder().runId("l")
                .models(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")))
                .tasks(List.of(new TaskEntry(new DirectionToneTask(), "test", "test")))
                .seed(7L).probe(new LinearProbe()).resultFile(dir.resolve("results.json")).batchSize(4).build());
        CellResult cell = run.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        assertEquals("linear-regression", cell.probe().name());
        Path hear = dir.resolve("hear").resolve(cell.modelId()).resolve(cell.taskId());
        List<Double> meanPerFold = cell.metrics().get("doa_error_mean_deg").perFold();
        long clips = 0;
        for (int f = 0; f < cell.folds().size(); f++) {
            String split = cell.folds().get(f).testSplit();
            double[][] predicted = readNpy(hear.resolve(split + ".predicted-directions.npy"));
            double[][] truth = readNpy(hear.resolve(split + ".target-directions.npy"));
            double sum = 0;
            for (int i = 0; i < predicted.length; i++) {
                double dot = 0;
                for (int d = 0; d < 3; d++) {
                    dot += predicted[i][d] * truth[i][d];
                }
                sum += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
            }
            assertEquals(meanPerFold.get(f), sum / predicted.length, 1e-9, "mean DoA error of " + split);
            clips += predicted.length;
        }
        assertEquals(clips, cell.distributions().get(org.nathear.results.schema.Histogram.DOA_ERROR_DEG).total(),
                "every test clip's error is in the histogram");
        assertTrue(cell.primaryInterval() != null && cell.primaryInterval().low() <= cell.primaryScore()
                && cell.primaryScore() <= cell.primaryInterval().high(), String.valueOf(cell.primaryInterval()));
    }

    /**
     * With the [azimuth, elevation] target ({@code --doa-target az-el}): the probe regresses the
     * angles, the cell records the target, and the DoA, azimuth and elevation errors recomputed from
     * the saved unit vectors and from the saved angles match results.json.
     */
    @Test
    void azimuthAndElevationErrorsOfTheAzElTargetAreRecomputedFromTheSavedFilesTo1e9() throws Exception {
        RunEngine engine = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, false));
        RunResult run = engine.run(RunConfiguration.builder().runId("a")
                .models(List.of(new ModelEntry(new TestPlugins.BandEnergyModel(), "test")))
                .tasks(List.of(new TaskEntry(new DirectionToneTask(), "test", "test"))).seed(7L).probe(new LinearProbe())
                .resultFile(dir.resolve("results.json")).batchSize(4).doaTarget(DirectionTarget.AZIMUTH_ELEVATION).build());
        CellResult cell = run.cells().get(0);
        assertEquals(CellStatus.SUCCEEDED, cell.status(), cell.message());
        assertEquals("linear-regression-azel", cell.probe().name());
        assertEquals("az-el", run.settings().doaTarget());
        assertEquals(java.util.Set.of("doa_error_mean_deg", "doa_error_median_deg", "doa_acc_20deg", "azimuth_error_mean_deg",
                "elevation_error_mean_deg"), cell.metrics().keySet());
        assertEquals("doa_error_mean_deg", cell.primaryMetric(), "the great-circle error stays the primary score");
        Path hear = dir.resolve("hear").resolve(cell.modelId()).resolve(cell.taskId());
        for (int f = 0; f < cell.folds().size(); f++) {
            assertEquals("az-el", cell.folds().get(f).hyperparameters().get("target"));
            String split = cell.folds().get(f).testSplit();
            double[][] predicted = readNpy(hear.resolve(split + ".predicted-directions.npy"));
            double[][] truth = readNpy(hear.resolve(split + ".target-directions.npy"));
            double[][] predictedAngles = readNpy(hear.resolve(split + ".predicted-azimuth-elevation.npy"));
            double[][] trueAngles = readNpy(hear.resolve(split + ".target-azimuth-elevation.npy"));
            double doa = 0;
            double azimuth = 0;
            double azimuthFromAngles = 0;
            double elevationFromAngles = 0;
            for (int i = 0; i < predicted.length; i++) {
                double dot = 0;
                for (int d = 0; d < 3; d++) {
                    dot += predicted[i][d] * truth[i][d];
                }
                doa += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
                double a = Math.abs(Math.toDegrees(Math.atan2(predicted[i][1], predicted[i][0]) - Math.atan2(truth[i][1], truth[i][0])));
                azimuth += Math.min(a, 360 - a);
                double b = Math.abs(predictedAngles[i][0] - trueAngles[i][0]) % 360;
                azimuthFromAngles += Math.min(b, 360 - b);
                elevationFromAngles += Math.abs(predictedAngles[i][1] - trueAngles[i][1]);
            }
            int n = predicted.length;
            assertEquals(cell.metrics().get("doa_error_mean_deg").perFold().get(f), doa / n, 1e-9, "DoA error of " + split);
            assertEquals(cell.metrics().get("azimuth_error_mean_deg").perFold().get(f), azimuth / n, 1e-9, "azimuth error of " + split);
            assertEquals(cell.metrics().get("azimuth_error_mean_deg").perFold().get(f), azimuthFromAngles / n, 1e-9,
                    "azimuth error of " + split + " from the saved angles");
            assertEquals(cell.metrics().get("elevation_error_mean_deg").perFold().get(f), elevationFromAngles / n, 1e-9,
                    "elevation error of " + split + " from the saved angles");
        }
    }

    /** Mean over classes with a positive of the average precision (ties broken pessimistically are not expected here). */
    static double meanAveragePrecision(double[][] scores, double[][] targets) {
        int classes = targets[0].length;
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            int cls = c;
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b][cls], scores[a][cls]));
            int positives = 0;
            for (double[] t : targets) {
                positives += t[cls] > 0.5 ? 1 : 0;
            }
            if (positives == 0) {
                continue;
            }
            int hits = 0;
            double ap = 0;
            for (int k = 0; k < order.length; k++) {
                if (targets[order[k]][cls] > 0.5) {
                    hits++;
                    ap += hits / (double) (k + 1);
                }
            }
            sum += ap / positives;
            counted++;
        }
        return sum / counted;
    }

    static double top1(double[][] predictions, double[][] targets) {
        int right = 0;
        for (int i = 0; i < predictions.length; i++) {
            int best = 0;
            for (int c = 1; c < predictions[i].length; c++) {
                if (predictions[i][c] > predictions[i][best]) {
                    best = c;
                }
            }
            right += targets[i][best] > 0.5 ? 1 : 0;
        }
        return right / (double) predictions.length;
    }

    /** Reads a 2-D little-endian float32 or float64 .npy file (format 1.0). */
    static double[][] readNpy(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xFF) | ((bytes[9] & 0xFF) << 8);
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        boolean f8 = header.contains("'<f8'");
        assertTrue(f8 || header.contains("'<f4'"), header);
        String shape = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(')'));
        String[] dims = shape.split(",");
        int rows = Integer.parseInt(dims[0].trim());
        int cols = Integer.parseInt(dims[1].trim());
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = f8 ? data.getDouble() : data.getFloat();
            }
        }
        return out;
    }
}
