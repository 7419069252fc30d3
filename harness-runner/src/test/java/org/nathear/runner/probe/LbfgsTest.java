package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.api.TaskKind;

/**
 * {@link Lbfgs} fuses its passes over memory for speed; it must still take exactly the steps of the
 * one-pass-per-operation version ({@link TwoPassLbfgs}): the same points evaluated, bit for bit,
 * the same iterations and the same minimiser. Otherwise the linear probe's iteration counts,
 * objectives and, at the margin, its chosen grid points and scores would move.
 */
class LbfgsTest {

    /** Records every point an objective is evaluated at, so two runs can be compared step by step. */
    private static final class Recorded implements Lbfgs.Objective {
        private final Lbfgs.Objective f;
        final List<double[]> points = new ArrayList<>();

        Recorded(Lbfgs.Objective f) {
            this.f = f;
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            points.add(x.clone());
            return f.valueAndGradient(x, gradient);
        }
    }

    private static void assertSameTrajectory(Lbfgs.Objective f, double[] start, int memory, int maxIterations,
                                             double gradientTolerance, double relativeTolerance) {
        Recorded fused = new Recorded(f);
        Recorded reference = new Recorded(f);
        double[] x1 = start.clone();
        double[] x2 = start.clone();
        Lbfgs.Result r1 = new Lbfgs(memory, maxIterations, gradientTolerance, relativeTolerance).minimise(fused, x1);
        Lbfgs.Result r2 = new TwoPassLbfgs(memory, maxIterations, gradientTolerance, relativeTolerance).minimise(reference, x2);
        assertEquals(r2, r1, "iterations, evaluations, value and convergence");
        assertEquals(reference.points.size(), fused.points.size());
        for (int e = 0; e < fused.points.size(); e++) {
            assertArrayEquals(reference.points.get(e), fused.points.get(e), 0.0, "evaluation " + e);
        }
        assertArrayEquals(x2, x1, 0.0, "minimiser");
        assertTrue(r1.iterations() > memory, "the run wraps the correction memory: " + r1);
    }

    @Test
    void linearProbeObjectivesTakeTheSameStepsAsTheTwoPassVersion() {
        SplittableRandom r = new SplittableRandom(11);
        int rows = 70;
        int dim = 40;
        double[][] x = new double[rows][dim];
        List<List<String>> single = new ArrayList<>();
        List<List<String>> multi = new ArrayList<>();
        List<String> vocabulary = List.of("a", "b", "c", "d");
        for (int i = 0; i < rows; i++) {
            int c = r.nextInt(4);
            for (int j = 0; j < dim; j++) {
                x[i][j] = r.nextGaussian() + (j % 4 == c ? 0.7 : 0);
            }
            single.add(List.of(vocabulary.get(c)));
            multi.add(c == 3 ? List.of("a", "d") : List.of(vocabulary.get(c)));
        }
        for (boolean softmax : new boolean[] {true, false}) {
            ProbeInput input = new ProbeInput(softmax ? TaskKind.SCENE_MULTICLASS : TaskKind.SCENE_MULTILABEL, vocabulary,
                    FeatureRows.of(x), softmax ? single : multi, null);
            LinearProbe.Objective f = new LinearProbe.Objective(input, softmax);
            for (double l2 : new double[] {1, 1e-3, 1e-5}) { // weak penalties: long runs, many memory wraps
                f.l2 = l2;
                assertSameTrajectory(f, new double[f.parameters()], 10, 200, 1e-7, 1e-14);
            }
        }
    }

    @Test
    void aNonConvexObjectiveWithRejectedPairsTakesTheSameSteps() {
        // extended Rosenbrock in 30 dimensions from a rough start: curvature pairs with sᵀy <= 0 occur
        int n = 30;
        Lbfgs.Objective rosenbrock = (p, g) -> {
            double value = 0;
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i + 1 < n; i++) {
                double a = p[i];
                double b = p[i + 1];
                value += (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
                g[i] += -2 * (1 - a) - 400 * a * (b - a * a);
                g[i + 1] += 200 * (b - a * a);
            }
            return value;
        };
        double[] start = new double[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            start[i] = r.nextDouble(-2, 2);
        }
        assertSameTrajectory(rosenbrock, start, 5, 2000, 1e-10, 0);
        assertSameTrajectory(rosenbrock, start, 2, 2000, 1e-10, 0); // the smallest memory allowed
    }

    @Test
    void oneCorrectionPairIsRefused() {
        // a curvature pair that is not stored would overwrite the only pair still in use
        assertThrows(IllegalArgumentException.class, () -> new Lbfgs(1, 10, 1e-5, 0));
    }
}
