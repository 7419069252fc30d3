package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.runner.metrics.DoaMetrics;

/**
 * Localization probes behind {@link DirectionProbe}: features that carry the direction
 * (a noisy random projection of the unit vector) must be regressed to a small angular error.
 */
class DirectionProbesTest {
    private static final MlpSettings SMALL = new MlpSettings(64, 0.1, 64, 90, 3, 5, List.of(3.2e-3, 1e-3), List.of(1));

    private record Problem(FeatureRows rows, double[][] directions) {
    }

    private static Problem problem(int n, long seed) {
        SplittableRandom mixing = new SplittableRandom(99); // the same projection for every split
        double[][] projection = new double[3][16];
        for (double[] p : projection) {
            for (int j = 0; j < p.length; j++) {
                p[j] = mixing.nextGaussian();
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][16];
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            double az = r.nextDouble(-Math.PI, Math.PI);
            double el = r.nextDouble(-0.6, 0.6);
            d[i] = new double[] {Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)};
            for (int j = 0; j < 16; j++) {
                double v = 0.05 * r.nextGaussian();
                for (int k = 0; k < 3; k++) {
                    v += d[i][k] * projection[k][j];
                }
                x[i][j] = (float) v;
            }
        }
        return new Problem(FeatureRows.of(x), d);
    }

    private static double meanError(DirectionProbe.Predictor p, Problem test) {
        double[][] predicted = p.predict(test.rows());
        for (double[] v : predicted) {
            assertEquals(1.0, Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), 1e-9, "unit vectors");
        }
        return DoaMetrics.score(org.nathear.api.Metric.DOA_ERROR_MEAN_DEG, predicted, test.directions());
    }

    @Test
    void probeNamesMapToTheLocalizationProbes() {
        assertInstanceOf(DirectionRegressionProbe.class, DirectionProbes.forProbe("linear"));
        assertEquals("linear-regression", DirectionProbes.forProbe("linear").name());
        assertEquals("mlp-regression", DirectionProbes.forProbe("mlp").name());
        assertEquals("mlp-regression", DirectionProbes.forProbe("mlp-hear").name());
        assertEquals(MlpSettings.hear(), ((MlpDirectionProbe) DirectionProbes.forProbe("mlp-hear")).settings());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DirectionProbes.forProbe("svm"));
        assertTrue(e.getMessage().contains("svm") && e.getMessage().contains("mlp-regression"), e.getMessage());
    }

    @Test
    void mlpRegressionLearnsDirectionsStopsEarlyAndIsDeterministic() {
        Problem train = problem(400, 1);
        Problem valid = problem(100, 2);
        Problem test = problem(100, 3);
        MlpDirectionProbe probe = new MlpDirectionProbe(SMALL, DirectionTarget.UNIT_VECTOR);
        Map<String, String> point = probe.grid().get(0);
        DirectionProbe.Targets v = new DirectionProbe.Targets(valid.rows(), valid.directions());
        DirectionProbe.Predictor a = probe.fit(train.rows(), train.directions(), v, point, 7);
        double error = meanError(a, test);
        assertTrue(error < 15, "mean angular error on held-out rows: " + error);
        int best = Integer.parseInt(a.trainingDetails().get("bestEpoch"));
        int trained = Integer.parseInt(a.trainingDetails().get("epochsTrained"));
        assertTrue(best % 3 == 0 && best <= trained, best + " of " + trained);
        DirectionProbe.Predictor again = probe.fit(train.rows(), train.directions(), v, point, 7);
        DirectionProbe.Predictor other = probe.fit(train.rows(), train.directions(), v, point, 8);
        double[][] pa = a.predict(test.rows());
        double[][] pb = again.predict(test.rows());
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pa[i], pb[i], 0.0, "same seed, same predictions");
        }
        assertNotEquals(pa[0][0], other.predict(test.rows())[0][0], "another seed trains another network");
    }

    @Test
    void azimuthElevationTargetRoundTripsAndIsLearnt() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            double az = r.nextDouble(-Math.PI, Math.PI);
            double el = r.nextDouble(-1.5, 1.5);
            double[] d = {Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)};
            double[] e = DirectionTarget.AZIMUTH_ELEVATION.encode(d);
            assertEquals(Math.toDegrees(az) / 180, e[0], 1e-9);
            assertEquals(Math.toDegrees(el) / 90, e[1], 1e-9);
            assertArrayEquals(d, DirectionTarget.AZIMUTH_ELEVATION.decode(e), 1e-9);
        }
        // left is +90° azimuth, up is +90° elevation
        assertArrayEquals(new double[] {0.5, 0}, DirectionTarget.AZIMUTH_ELEVATION.encode(new double[] {0, 1, 0}), 1e-12);
        assertArrayEquals(new double[] {0, 1}, DirectionTarget.AZIMUTH_ELEVATION.encode(new double[] {0, 0, 1}), 1e-12);
        Problem train = problem(400, 1);
        Problem test = problem(100, 3);
        MlpDirectionProbe probe = new MlpDirectionProbe(SMALL, DirectionTarget.AZIMUTH_ELEVATION);
        assertEquals("mlp-regression-azel", probe.name());
        DirectionProbe.Predictor p = probe.fit(train.rows(), train.directions(), null, probe.grid().get(0), 7);
        double error = meanError(p, test);
        assertTrue(error < 30, "mean angular error with the [azimuth, elevation] target: " + error);
    }

    @Test
    void linearRegressionWorksThroughTheInterface() {
        Problem train = problem(300, 1);
        Problem test = problem(100, 3);
        DirectionProbe probe = DirectionProbes.forProbe("linear");
        DirectionProbe.Predictor p = probe.fit(train.rows(), train.directions(), null, probe.grid().get(5), 3);
        double error = meanError(p, test);
        assertTrue(error < 15, "a linear map recovers a linear projection: " + error);
    }

    /** Features linear in [azimuth, elevation] (with az kept away from the ±180° seam): the angles are the learnable target. */
    private static Problem angleProblem(int n, long seed) {
        SplittableRandom mixing = new SplittableRandom(77);
        double[][] projection = new double[2][12];
        for (double[] p : projection) {
            for (int j = 0; j < p.length; j++) {
                p[j] = mixing.nextGaussian();
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][12];
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            double az = r.nextDouble(-150, 150);
            double el = r.nextDouble(-40, 40);
            d[i] = new double[] {Math.cos(Math.toRadians(el)) * Math.cos(Math.toRadians(az)),
                Math.cos(Math.toRadians(el)) * Math.sin(Math.toRadians(az)), Math.sin(Math.toRadians(el))};
            for (int j = 0; j < 12; j++) {
                x[i][j] = (float) (az / 180 * projection[0][j] + el / 90 * projection[1][j] + 0.01 * r.nextGaussian());
            }
        }
        return new Problem(FeatureRows.of(x), d);
    }

    @Test
    void linearRegressionFitsTheAzimuthElevationTargetAndDecodesToUnitVectors() {
        Problem train = angleProblem(300, 1);
        Problem test = angleProblem(100, 3);
        DirectionProbe probe = DirectionProbes.forProbe("linear").withTarget(DirectionTarget.AZIMUTH_ELEVATION);
        assertEquals("linear-regression-azel", probe.name());
        DirectionProbe.Predictor azel = probe.fit(train.rows(), train.directions(), null, probe.grid().get(5), 3);
        double azelError = meanError(azel, test);
        assertTrue(azelError < 5, "features linear in the angles give the angles back: " + azelError);
        DirectionProbe unit = DirectionProbes.forProbe("linear");
        double unitError = meanError(unit.fit(train.rows(), train.directions(), null, unit.grid().get(5), 3), test);
        assertTrue(unitError > azelError, "the unit vector is not linear in these features: " + unitError + " vs " + azelError);
        assertEquals(probe, probe.withTarget(DirectionTarget.AZIMUTH_ELEVATION));
        assertEquals("linear-regression", probe.withTarget(DirectionTarget.UNIT_VECTOR).name());
        assertEquals("mlp-regression-azel", DirectionProbes.forProbe("mlp").withTarget(DirectionTarget.AZIMUTH_ELEVATION).name());
    }

    @Test
    void aProbeThatKnowsOnlyTheUnitVectorRefusesAnotherTargetByName() {
        DirectionProbe unitOnly = new DirectionProbe() {
            @Override
            public String name() {
                return "vendor-doa";
            }

            @Override
            public List<java.util.Map<String, String>> grid() {
                return List.of(java.util.Map.of());
            }

            @Override
            public Predictor fit(FeatureRows train, double[][] trainDirections, Targets validation,
                                 java.util.Map<String, String> hyperparameters, long seed) {
                throw new AssertionError("not called");
            }
        };
        assertEquals(unitOnly, unitOnly.withTarget(DirectionTarget.UNIT_VECTOR));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> unitOnly.withTarget(DirectionTarget.AZIMUTH_ELEVATION));
        assertTrue(e.getMessage().contains("vendor-doa") && e.getMessage().contains("az-el"), e.getMessage());
    }

    @Test
    void directionTargetIdsAreReadBackAndAnUnknownOneIsNamed() {
        assertEquals(DirectionTarget.AZIMUTH_ELEVATION, DirectionTarget.fromId("az-el"));
        assertEquals(DirectionTarget.UNIT_VECTOR, DirectionTarget.fromId("unit-vector"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DirectionTarget.fromId("polar"));
        assertTrue(e.getMessage().contains("'polar'") && e.getMessage().contains("[unit-vector, az-el]"), e.getMessage());
        // an azimuth past ±180° decodes around the circle, a non-finite prediction to no direction
        assertArrayEquals(DirectionTarget.AZIMUTH_ELEVATION.decode(new double[] {-0.9, 0.1}),
                DirectionTarget.AZIMUTH_ELEVATION.decode(new double[] {1.1, 0.1}), 1e-12);
        assertArrayEquals(new double[3], DirectionTarget.AZIMUTH_ELEVATION.decode(new double[] {Double.NaN, 0}), 0);
    }
}
