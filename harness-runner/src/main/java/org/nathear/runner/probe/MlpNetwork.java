package org.nathear.runner.probe;

import java.io.Serializable;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The numerics of hear-eval-kit's probe ({@code FullyConnectedPrediction}): for each hidden layer
 * Linear → BatchNorm1d → Dropout → ReLU, then Linear to one output per class; softmax with
 * cross-entropy for multiclass tasks, independent sigmoids with binary cross-entropy (mean over
 * examples and classes, as {@code BCEWithLogitsLoss}) for multilabel tasks and event frames; Adam
 * (β = 0.9, 0.999, ε = 1e-8, no weight decay).
 *
 * <p>Initialisation as hear-eval-kit with {@code xavier_uniform_}: the first layer's weights with
 * gain 1, every later layer's (hidden or output, after a ReLU) with gain √2; biases PyTorch's
 * default U(−1/√fan_in, 1/√fan_in); BatchNorm γ = 1, β = 0, running mean 0 and variance 1,
 * momentum 0.1, ε = 1e-5, the running variance updated with the unbiased batch variance.
 *
 * <p>Everything is float32, like PyTorch on a GPU; matrix products go through {@link Gemm}.
 * Randomness (initialisation, dropout masks) comes from one {@link SplittableRandom} seeded by the
 * caller and drawn on the calling thread, so training is deterministic. Weights are stored
 * {@code [input][output]}.
 */
final class MlpNetwork implements Serializable {
    private static final long serialVersionUID = 1L;
    static final float BN_EPS = 1e-5f;
    static final float BN_MOMENTUM = 0.1f;
    static final double ADAM_BETA1 = 0.9;
    static final double ADAM_BETA2 = 0.999;
    static final double ADAM_EPS = 1e-8;

    final int inputs;
    final int hidden;
    final int outputs;
    final int hiddenLayers;
    final boolean softmax;
    final float dropout;

    // parameters; layer l < hiddenLayers is hidden, index hiddenLayers is the output layer
    final float[][][] weights;
    final float[][] biases;
    final float[][] gamma;
    final float[][] beta;
    final float[][] runningMean;
    final float[][] runningVar;

    MlpNetwork(int inputs, int hidden, int outputs, int hiddenLayers, boolean softmax, float dropout, SplittableRandom random) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.outputs = outputs;
        this.hiddenLayers = hiddenLayers;
        this.softmax = softmax;
        this.dropout = dropout;
        weights = new float[hiddenLayers + 1][][];
        biases = new float[hiddenLayers + 1][];
        gamma = new float[hiddenLayers][];
        beta = new float[hiddenLayers][];
        runningMean = new float[hiddenLayers][];
        runningVar = new float[hiddenLayers][];
        for (int l = 0; l <= hiddenLayers; l++) {
            int in = l == 0 ? inputs : hidden;
            int out = l == hiddenLayers ? outputs : hidden;
            double gain = l == 0 ? 1.0 : Math.sqrt(2.0);
            double bound = gain * Math.sqrt(6.0 / (in + out));
            weights[l] = new float[in][out];
            for (float[] row : weights[l]) {
                for (int j = 0; j < out; j++) {
                    row[j] = (float) ((2 * random.nextDouble() - 1) * bound);
                }
            }
            double biasBound = 1 / Math.sqrt(in);
            biases[l] = new float[out];
            for (int j = 0; j < out; j++) {
                biases[l][j] = (float) ((2 * random.nextDouble() - 1) * biasBound);
            }
            if (l < hiddenLayers) {
                gamma[l] = filled(hidden, 1f);
                beta[l] = new float[hidden];
                runningMean[l] = new float[hidden];
                runningVar[l] = filled(hidden, 1f);
            }
        }
    }

    private MlpNetwork(MlpNetwork other) {
        inputs = other.inputs;
        hidden = other.hidden;
        outputs = other.outputs;
        hiddenLayers = other.hiddenLayers;
        softmax = other.softmax;
        dropout = other.dropout;
        weights = new float[other.weights.length][][];
        for (int l = 0; l < weights.length; l++) {
            weights[l] = copy(other.weights[l]);
        }
        biases = copy(other.biases);
        gamma = copy(other.gamma);
        beta = copy(other.beta);
        runningMean = copy(other.runningMean);
        runningVar = copy(other.runningVar);
    }

    /** A deep copy (the best epoch's weights while training goes on). */
    MlpNetwork snapshot() {
        return new MlpNetwork(this);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[][] copy(float[][] m) {
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    // ------------------------------------------------------------------ inference

    /**
     * Activated outputs (softmax or sigmoid) of {@code rows} input rows, in evaluation mode
     * (BatchNorm running statistics, no dropout). Writes {@code probabilities[0..rows)}.
     */
    void predict(float[][] x, int rows, double[][] probabilities) {
        float[][] a = x;
        for (int l = 0; l < hiddenLayers; l++) {
            float[][] z = new float[rows][hidden];
            Gemm.mulAdd(a, rows, l == 0 ? inputs : hidden, weights[l], hidden, z);
            float[] b = biases[l];
            float[] g = gamma[l];
            float[] bt = beta[l];
            float[] mu = runningMean[l];
            float[] inv = new float[hidden];
            for (int j = 0; j < hidden; j++) {
                inv[j] = (float) (1.0 / Math.sqrt(runningVar[l][j] + BN_EPS));
            }
            for (int r = 0; r < rows; r++) {
                float[] zr = z[r];
                for (int j = 0; j < hidden; j++) {
                    float y = g[j] * ((zr[j] + b[j]) - mu[j]) * inv[j] + bt[j];
                    zr[j] = y > 0 ? y : 0;
                }
            }
            a = z;
        }
        float[][] logits = new float[rows][outputs];
        Gemm.mulAdd(a, rows, hiddenLayers == 0 ? inputs : hidden, weights[hiddenLayers], outputs, logits);
        for (int r = 0; r < rows; r++) {
            float[] lr = logits[r];
            for (int c = 0; c < outputs; c++) {
                lr[c] += biases[hiddenLayers][c];
            }
            activate(lr, probabilities[r]);
        }
    }

    private void activate(float[] logits, double[] out) {
        if (softmax) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < outputs; c++) {
                out[c] = StrictMath.exp(logits[c] - max);
                sum += out[c];
            }
            for (int c = 0; c < outputs; c++) {
                out[c] /= sum;
            }
        } else {
            for (int c = 0; c < outputs; c++) {
                out[c] = 1.0 / (1.0 + StrictMath.exp(-logits[c]));
            }
        }
    }

    // ------------------------------------------------------------------ training

    /** Buffers and optimiser state for training with batches of at most {@code maxBatch} rows. */
    final class Training {
        private final int maxBatch;
        private final double learningRate;
        private final SplittableRandom random;
        private long step;
        // activations per hidden layer
        private final float[][][] xhat;     // normalised pre-activations
        private final float[][][] act;      // outputs after ReLU (inputs of the next layer)
        private final float[][][] mask;     // dropout multipliers (0 or 1/(1-p))
        private final float[][] invStd;
        private final float[][] logits;
        private final float[][] gradOut;    // dLoss/dlogits, later reused per layer
        private final float[][][] gradHidden;
        private final float[][] transposedInput;
        private final float[][] transposedHidden;
        private final float[][] transposedWeights;
        // gradients and Adam moments, same shapes as the parameters
        private final float[][][] gW;
        private final float[][] gB;
        private final float[][] gGamma;
        private final float[][] gBeta;
        private final float[][][] mW;
        private final float[][][] vW;
        private final float[][] mB;
        private final float[][] vB;
        private final float[][] mGamma;
        private final float[][] vGamma;
        private final float[][] mBeta;
        private final float[][] vBeta;

        Training(int maxBatch, double learningRate, SplittableRandom random) {
            this.maxBatch = maxBatch;
            this.learningRate = learningRate;
            this.random = random;
            xhat = new float[hiddenLayers][][];
            act = new float[hiddenLayers][][];
            mask = new float[hiddenLayers][][];
            gradHidden = new float[hiddenLayers][][];
            invStd = new float[hiddenLayers][hidden];
            for (int l = 0; l < hiddenLayers; l++) {
                xhat[l] = new float[maxBatch][hidden];
                act[l] = new float[maxBatch][hidden];
                mask[l] = new float[maxBatch][hidden];
                gradHidden[l] = new float[maxBatch][hidden];
            }
            logits = new float[maxBatch][outputs];
            gradOut = new float[maxBatch][outputs];
            transposedInput = new float[inputs][maxBatch];
            transposedHidden = hiddenLayers > 0 ? new float[hidden][maxBatch] : null;
            transposedWeights = hiddenLayers > 0 ? new float[Math.max(hidden, outputs)][hidden] : null;
            gW = new float[hiddenLayers + 1][][];
            mW = new float[hiddenLayers + 1][][];
            vW = new float[hiddenLayers + 1][][];
            gB = new float[hiddenLayers + 1][];
            mB = new float[hiddenLayers + 1][];
            vB = new float[hiddenLayers + 1][];
            for (int l = 0; l <= hiddenLayers; l++) {
                int in = weights[l].length;
                int out = biases[l].length;
                gW[l] = new float[in][out];
                mW[l] = new float[in][out];
                vW[l] = new float[in][out];
                gB[l] = new float[out];
                mB[l] = new float[out];
                vB[l] = new float[out];
            }
            gGamma = new float[hiddenLayers][hidden];
            gBeta = new float[hiddenLayers][hidden];
            mGamma = new float[hiddenLayers][hidden];
            vGamma = new float[hiddenLayers][hidden];
            mBeta = new float[hiddenLayers][hidden];
            vBeta = new float[hiddenLayers][hidden];
        }

        /**
         * One Adam step on a batch.
         *
         * @param x       {@code [rows][inputs]}
         * @param targets {@code [rows][outputs]} one-hot or multi-hot 0/1
         * @return the batch loss (mean cross-entropy, or mean binary cross-entropy over rows and classes)
         */
        double step(float[][] x, float[][] targets, int rows) {
            double loss = gradients(x, targets, rows);
            step++;
            adam();
            return loss;
        }

        /** Forward and backward pass in training mode: fills the gradients, returns the batch loss. */
        double gradients(float[][] x, float[][] targets, int rows) {
            if (rows < 2 && hiddenLayers > 0) {
                throw new IllegalArgumentException("BatchNorm needs at least 2 rows per training batch; got " + rows);
            }
            if (rows > maxBatch) {
                throw new IllegalArgumentException("batch of " + rows + " rows; buffers hold " + maxBatch);
            }
            // ---- forward
            float[][] a = x;
            for (int l = 0; l < hiddenLayers; l++) {
                int in = l == 0 ? inputs : hidden;
                float[][] z = xhat[l];
                Gemm.zero(z, rows, hidden);
                Gemm.mulAdd(a, rows, in, weights[l], hidden, z);
                batchNormDropoutRelu(l, z, rows);
                a = act[l];
            }
            Gemm.zero(logits, rows, outputs);
            int lastIn = hiddenLayers == 0 ? inputs : hidden;
            Gemm.mulAdd(a, rows, lastIn, weights[hiddenLayers], outputs, logits);
            double loss = lossAndGradient(targets, rows);
            // ---- backward: output layer
            weightGradient(a, rows, lastIn, gradOut, outputs, hiddenLayers);
            float[][] upstream = gradOut;
            int upstreamWidth = outputs;
            for (int l = hiddenLayers - 1; l >= 0; l--) {
                // gradient w.r.t. this layer's output (after ReLU): upstream · W_{l+1}ᵀ
                float[][] g = gradHidden[l];
                Gemm.zero(g, rows, hidden);
                Gemm.transpose(weights[l + 1], hidden, upstreamWidth, transposedWeights);
                Gemm.mulAdd(upstream, rows, upstreamWidth, transposedWeights, hidden, g);
                batchNormBackward(l, g, rows);
                int in = l == 0 ? inputs : hidden;
                float[][] below = l == 0 ? x : act[l - 1];
                weightGradient(below, rows, in, g, hidden, l);
                upstream = g;
                upstreamWidth = hidden;
            }
            return loss;
        }

        /** The gradient of hidden or output layer {@code l}'s weights (after {@link #gradients}). */
        float[][] weightGradient(int l) {
            return gW[l];
        }

        float[] biasGradient(int l) {
            return gB[l];
        }

        float[] gammaGradient(int l) {
            return gGamma[l];
        }

        float[] betaGradient(int l) {
            return gBeta[l];
        }

        private void batchNormDropoutRelu(int l, float[][] z, int rows) {
            float[] b = biases[l];
            float[] g = gamma[l];
            float[] bt = beta[l];
            double[] mean = new double[hidden];
            double[] var = new double[hidden];
            for (int r = 0; r < rows; r++) {
                float[] zr = z[r];
                for (int j = 0; j < hidden; j++) {
                    zr[j] += b[j];
                    mean[j] += zr[j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                mean[j] /= rows;
            }
            for (int r = 0; r < rows; r++) {
                float[] zr = z[r];
                for (int j = 0; j < hidden; j++) {
                    double d = zr[j] - mean[j];
                    var[j] += d * d;
                }
            }
            float[] inv = invStd[l];
            for (int j = 0; j < hidden; j++) {
                double biased = var[j] / rows;
                inv[j] = (float) (1.0 / Math.sqrt(biased + BN_EPS));
                runningMean[l][j] = (float) ((1 - BN_MOMENTUM) * runningMean[l][j] + BN_MOMENTUM * mean[j]);
                runningVar[l][j] = (float) ((1 - BN_MOMENTUM) * runningVar[l][j] + BN_MOMENTUM * var[j] / (rows - 1));
            }
            float keep = 1f - dropout;
            float scale = dropout > 0 ? 1f / keep : 1f;
            float[][] m = mask[l];
            float[][] out = act[l];
            for (int r = 0; r < rows; r++) {
                float[] zr = z[r];
                float[] mr = m[r];
                float[] or = out[r];
                for (int j = 0; j < hidden; j++) {
                    float xh = (float) ((zr[j] - mean[j]) * inv[j]);
                    zr[j] = xh; // z now holds x̂
                    mr[j] = dropout > 0 && random.nextDouble() < dropout ? 0f : scale;
                    float y = (g[j] * xh + bt[j]) * mr[j];
                    or[j] = y > 0 ? y : 0;
                }
            }
        }

        private double lossAndGradient(float[][] targets, int rows) {
            double loss = 0;
            double[] p = new double[outputs];
            for (int r = 0; r < rows; r++) {
                float[] lr = logits[r];
                for (int c = 0; c < outputs; c++) {
                    lr[c] += biases[hiddenLayers][c];
                }
                activate(lr, p);
                float[] t = targets[r];
                float[] gr = gradOut[r];
                if (softmax) {
                    int target = 0;
                    for (int c = 1; c < outputs; c++) {
                        if (t[c] > t[target]) {
                            target = c;
                        }
                    }
                    loss -= Math.log(Math.max(p[target], Double.MIN_NORMAL));
                    for (int c = 0; c < outputs; c++) {
                        gr[c] = (float) ((p[c] - (c == target ? 1 : 0)) / rows);
                    }
                } else {
                    for (int c = 0; c < outputs; c++) {
                        double z = lr[c];
                        // log(1 + e^-|z|) + max(z, 0) - z t: numerically stable BCE with logits
                        loss += Math.max(z, 0) - z * t[c] + Math.log1p(Math.exp(-Math.abs(z)));
                        gr[c] = (float) ((p[c] - t[c]) / ((double) rows * outputs));
                    }
                }
            }
            return softmax ? loss / rows : loss / ((double) rows * outputs);
        }

        /** gW[l] = belowᵀ · grad, gB[l] = column sums of grad. */
        private void weightGradient(float[][] below, int rows, int in, float[][] grad, int out, int l) {
            float[][] t = l == 0 ? transposedInput : transposedHidden;
            Gemm.transpose(below, rows, in, t);
            Gemm.zero(gW[l], in, out);
            Gemm.mulAdd(t, in, rows, grad, out, gW[l]);
            float[] gb = gB[l];
            java.util.Arrays.fill(gb, 0f);
            for (int r = 0; r < rows; r++) {
                float[] gr = grad[r];
                for (int c = 0; c < out; c++) {
                    gb[c] += gr[c];
                }
            }
        }

        /**
         * Back through ReLU, dropout and BatchNorm of hidden layer {@code l}: {@code g} holds dL/d(output)
         * on entry and dL/dz (before BatchNorm) on exit; fills the γ and β gradients.
         */
        private void batchNormBackward(int l, float[][] g, int rows) {
            float[][] xh = xhat[l];
            float[][] out = act[l];
            float[][] m = mask[l];
            float[] gm = gamma[l];
            double[] sumDy = new double[hidden];
            double[] sumDyXhat = new double[hidden];
            for (int r = 0; r < rows; r++) {
                float[] gr = g[r];
                float[] or = out[r];
                float[] mr = m[r];
                float[] xr = xh[r];
                for (int j = 0; j < hidden; j++) {
                    float dy = or[j] > 0 ? gr[j] * mr[j] : 0f; // ReLU, then dropout
                    gr[j] = dy;
                    sumDy[j] += dy;
                    sumDyXhat[j] += dy * xr[j];
                }
            }
            float[] inv = invStd[l];
            for (int j = 0; j < hidden; j++) {
                gGamma[l][j] = (float) sumDyXhat[j];
                gBeta[l][j] = (float) sumDy[j];
            }
            // dz = γ·invStd/N · (N·dy − Σdy − x̂·Σ(dy·x̂))
            for (int r = 0; r < rows; r++) {
                float[] gr = g[r];
                float[] xr = xh[r];
                for (int j = 0; j < hidden; j++) {
                    gr[j] = (float) (gm[j] * inv[j] / rows * (rows * (double) gr[j] - sumDy[j] - xr[j] * sumDyXhat[j]));
                }
            }
        }

        private void adam() {
            double c1 = 1 - Math.pow(ADAM_BETA1, step);
            double c2 = 1 - Math.pow(ADAM_BETA2, step);
            double stepSize = learningRate / c1;
            double sqrtC2 = Math.sqrt(c2);
            for (int l = 0; l <= hiddenLayers; l++) {
                float[][] w = weights[l];
                float[][] gw = gW[l];
                float[][] mw = mW[l];
                float[][] vw = vW[l];
                IntStream rowsRange = IntStream.range(0, w.length);
                if ((long) w.length * w[0].length >= (1 << 18)) {
                    rowsRange = rowsRange.parallel();
                }
                rowsRange.forEach(i -> update(w[i], gw[i], mw[i], vw[i], stepSize, sqrtC2));
                update(biases[l], gB[l], mB[l], vB[l], stepSize, sqrtC2);
                if (l < hiddenLayers) {
                    update(gamma[l], gGamma[l], mGamma[l], vGamma[l], stepSize, sqrtC2);
                    update(beta[l], gBeta[l], mBeta[l], vBeta[l], stepSize, sqrtC2);
                }
            }
        }

        /** PyTorch's Adam: p −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε). */
        private void update(float[] p, float[] g, float[] m, float[] v, double stepSize, double sqrtC2) {
            float b1 = (float) ADAM_BETA1;
            float b2 = (float) ADAM_BETA2;
            float oneMinusB1 = (float) (1 - ADAM_BETA1);
            float oneMinusB2 = (float) (1 - ADAM_BETA2);
            float step = (float) stepSize;
            float sc2 = (float) sqrtC2;
            float eps = (float) ADAM_EPS;
            for (int i = 0; i < p.length; i++) {
                float gi = g[i];
                float mi = b1 * m[i] + oneMinusB1 * gi;
                float vi = b2 * v[i] + oneMinusB2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p[i] -= step * mi / ((float) Math.sqrt(vi) / sc2 + eps);
            }
        }
    }
}
