package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Back-propagation checked against central finite differences of the training-mode loss (dropout
 * off, so the loss is a deterministic function of the parameters), for every parameter kind.
 */
class MlpNetworkTest {
    private static final int ROWS = 8;

    private static float[] inputs(int dims) {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[ROWS * dims];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[] targets(int classes, MlpNetwork.Head head) {
        float[] y = new float[ROWS * classes];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < ROWS; i++) {
            if (head == MlpNetwork.Head.TANH) {
                for (int c = 0; c < classes; c++) {
                    y[i * classes + c] = (float) r.nextDouble(-1, 1);
                }
                continue;
            }
            y[i * classes + i % classes] = 1f;
            if (head == MlpNetwork.Head.SIGMOID && i % 3 == 0) {
                y[i * classes + (i + 1) % classes] = 1f;
            }
        }
        return y;
    }

    private static void check(int hiddenLayers, MlpNetwork.Head head) {
        MlpNetwork net = new MlpNetwork(5, 6, 3, hiddenLayers, head, 0f, new SplittableRandom(11));
        MlpNetwork.Training t = net.new Training(ROWS, 1e-3, new SplittableRandom(12));
        float[] x = inputs(5);
        float[] y = targets(3, head);
        t.gradients(x, y, ROWS);
        int checked = 0;
        for (int l = 0; l <= hiddenLayers; l++) {
            float[] g = t.weightGradient(l).clone();
            float[] gb = t.biasGradient(l).clone();
            float[] w = net.weights[l];
            for (int i = 0; i < w.length; i += 2) {
                int ii = i;
                compare(g[i], numeric(() -> w, ii, t, x, y), "W" + l + "[" + i + "]");
                checked++;
            }
            if (l == hiddenLayers) {
                for (int j = 0; j < gb.length; j++) {
                    int jj = j;
                    compare(gb[j], numeric(() -> net.biases[hiddenLayers], jj, t, x, y), "b" + l + "[" + j + "]");
                    checked++;
                }
            } else {
                float[] gg = t.gammaGradient(l).clone();
                float[] gbeta = t.betaGradient(l).clone();
                int layer = l;
                for (int j = 0; j < gg.length; j++) {
                    int jj = j;
                    compare(gg[j], numeric(() -> net.gamma[layer], jj, t, x, y), "gamma" + l + "[" + j + "]");
                    compare(gbeta[j], numeric(() -> net.beta[layer], jj, t, x, y), "beta" + l + "[" + j + "]");
                    // the bias before BatchNorm cancels out: its gradient is zero
                    assertEquals(0.0, gb[j], 1e-5, "b" + l + "[" + j + "] before BatchNorm");
                    checked += 2;
                }
            }
        }
        assertTrue(checked >= 9, "parameters checked: " + checked);
    }

    private static double numeric(Supplier<float[]> array, int index, MlpNetwork.Training t, float[] x, float[] y) {
        float[] p = array.get();
        float original = p[index];
        float h = 1e-2f;
        p[index] = original + h;
        double plus = t.gradients(x, y, ROWS);
        p[index] = original - h;
        double minus = t.gradients(x, y, ROWS);
        p[index] = original;
        return (plus - minus) / (2 * h);
    }

    private static void compare(double analytic, double numeric, String what) {
        assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric), what);
    }

    @Test
    void gradientsOfALinearSoftmaxProbeMatchFiniteDifferences() {
        check(0, MlpNetwork.Head.SOFTMAX);
    }

    @Test
    void gradientsThroughOneBatchNormLayerMatchFiniteDifferences() {
        check(1, MlpNetwork.Head.SOFTMAX);
    }

    @Test
    void gradientsThroughTwoHiddenLayersWithSigmoidOutputsMatchFiniteDifferences() {
        check(2, MlpNetwork.Head.SIGMOID);
    }

    @Test
    void gradientsOfTheTanhRegressionHeadMatchFiniteDifferences() {
        check(1, MlpNetwork.Head.TANH);
    }

    /**
     * Two Adam steps of a two-layer network with dropout, shapes large enough that every product is
     * split and BatchNorm runs in column ranges: the parameters after training at {@code threads}.
     */
    private static MlpNetwork trainedAt(int threads) {
        int rows = 600;
        int inputs = 300;
        int classes = 7;
        SplittableRandom data = new SplittableRandom(21);
        float[] x = new float[rows * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.nextGaussian();
        }
        float[] y = new float[rows * classes];
        for (int r = 0; r < rows; r++) {
            y[r * classes + data.nextInt(classes)] = 1f;
        }
        MlpNetwork[] out = new MlpNetwork[1];
        Blas.withThreads(threads, () -> {
            SplittableRandom random = new SplittableRandom(5);
            MlpNetwork net = new MlpNetwork(inputs, 512, classes, 2, MlpNetwork.Head.SOFTMAX, 0.1f, random);
            MlpNetwork.Training t = net.new Training(rows, 1e-3, random);
            t.step(x, y, rows);
            t.step(x, y, rows);
            out[0] = net;
        });
        return out[0];
    }

    @Test
    void trainingGivesTheSameBitsForEveryThreadCount() {
        assertTrue(Blas.parts(false, false, 600, 512, 300) > 1, "the forward product is split");
        MlpNetwork one = trainedAt(1);
        MlpNetwork untrained = new MlpNetwork(300, 512, 7, 2, MlpNetwork.Head.SOFTMAX, 0.1f, new SplittableRandom(5));
        assertNotEquals(untrained.weights[0][0], one.weights[0][0], "training moved the weights");
        for (int threads : new int[] {2, 3}) {
            MlpNetwork other = trainedAt(threads);
            for (int l = 0; l <= 2; l++) {
                assertArrayEquals(one.weights[l], other.weights[l], "weights of layer " + l + " at " + threads + " threads");
                assertArrayEquals(one.biases[l], other.biases[l], "biases of layer " + l + " at " + threads + " threads");
            }
            for (int l = 0; l < 2; l++) {
                assertArrayEquals(one.gamma[l], other.gamma[l], "gamma " + l);
                assertArrayEquals(one.beta[l], other.beta[l], "beta " + l);
                assertArrayEquals(one.runningMean[l], other.runningMean[l], "running mean " + l);
                assertArrayEquals(one.runningVar[l], other.runningVar[l], "running variance " + l);
            }
        }
    }
}
