package org.nathear.runner.probe;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The numerics of hear-eval-kit's probe ({@code FullyConnectedPrediction}): for each hidden layer
 * Linear → BatchNorm1d → Dropout → ReLU, then Linear to one output per class; softmax with
 * cross-entropy for multiclass tasks, independent sigmoids with binary cross-entropy (mean over
 * examples and classes, as {@code BCEWithLogitsLoss}) for multilabel tasks and event frames; Adam
 * (β = 0.9, 0.999, ε = 1e-8, no weight decay). A third head, {@link Head#TANH}, is the direction
 * regression of localization ({@link MlpDirectionProbe}): tanh outputs with mean squared error.
 *
 * <p>Initialisation as hear-eval-kit with {@code xavier_uniform_}: the first layer's weights with
 * gain 1, every later layer's (hidden or output, after a ReLU) with gain √2; biases PyTorch's
 * default U(−1/√fan_in, 1/√fan_in); BatchNorm γ = 1, β = 0, running mean 0 and variance 1,
 * momentum 0.1, ε = 1e-5, the running variance updated with the unbiased batch variance.
 *
 * <p>Everything is float32, like PyTorch on a GPU; matrix products (forward and backward) go
 * through {@link Blas} on row-major flat arrays. Randomness (initialisation, dropout masks) comes
 * from one {@link SplittableRandom} seeded by the caller and drawn on the calling thread, so
 * training is deterministic. Weights are stored {@code [input][output]} row-major.
 */
final class MlpNetwork implements Serializable {
    private static final long serialVersionUID = 2L;
    static final float BN_EPS = 1e-5f;
    static final float BN_MOMENTUM = 0.1f;
    static final double ADAM_BETA1 = 0.9;
    static final double ADAM_BETA2 = 0.999;
    static final double ADAM_EPS = 1e-8;

    /** The output activation and its loss. */
    enum Head {
        /** Softmax with cross-entropy (one class per row). */
        SOFTMAX,
        /** Independent sigmoids with binary cross-entropy (multilabel, event frames). */
        SIGMOID,
        /** tanh with mean squared error (regression of values in [−1, 1], e.g. unit direction vectors). */
        TANH
    }

    final int inputs;
    final int hidden;
    final int outputs;
    final int hiddenLayers;
    final Head head;
    final float dropout;

    // parameters; layer l < hiddenLayers is hidden, index hiddenLayers is the output layer
    final float[][] weights;
    final float[][] biases;
    final float[][] gamma;
    final float[][] beta;
    final float[][] runningMean;
    final float[][] runningVar;

    MlpNetwork(int inputs, int hidden, int outputs, int hiddenLayers, boolean softmax, float dropout, SplittableRandom random) {
        this(inputs, hidden, outputs, hiddenLayers, softmax ? Head.SOFTMAX : Head.SIGMOID, dropout, random);
    }

    MlpNetwork(int inputs, int hidden, int outputs, int hiddenLayers, Head head, float dropout, SplittableRandom random) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.outputs = outputs;
        this.hiddenLayers = hiddenLayers;
        this.head = head;
        this.dropout = dropout;
        weights = new float[hiddenLayers + 1][];
        biases = new float[hiddenLayers + 1][];
        gamma = new float[hiddenLayers][];
        beta = new float[hiddenLayers][];
        runningMean = new float[hiddenLayers][];
        runningVar = new float[hiddenLayers][];
        for (int l = 0; l <= hiddenLayers; l++) {
            int in = fanIn(l);
            int out = fanOut(l);
            double gain = l == 0 ? 1.0 : Math.sqrt(2.0);
            double bound = gain * Math.sqrt(6.0 / (in + out));
            weights[l] = new float[in * out];
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = (float) ((2 * random.nextDouble() - 1) * bound);
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
        head = other.head;
        dropout = other.dropout;
        weights = copy(other.weights);
        biases = copy(other.biases);
        gamma = copy(other.gamma);
        beta = copy(other.beta);
        runningMean = copy(other.runningMean);
        runningVar = copy(other.runningVar);
    }

    /** Inputs of layer {@code l}. */
    int fanIn(int l) {
        return l == 0 ? inputs : hidden;
    }

    /** Outputs of layer {@code l}. */
    int fanOut(int l) {
        return l == hiddenLayers ? outputs : hidden;
    }

    /** A deep copy (the best epoch's weights while training goes on). */
    MlpNetwork snapshot() {
        return new MlpNetwork(this);
    }

    /** Bytes of the parameters (one copy). */
    long parameterBytes() {
        long n = 0;
        for (float[] w : weights) {
            n += w.length;
        }
        return 4 * (n + (long) outputs + 5L * hidden * hiddenLayers);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
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
     * Pre-activation outputs (logits) of {@code rows} input rows {@code x[rows × inputs]}, in
     * evaluation mode (BatchNorm running statistics, no dropout): {@code [rows × outputs]}.
     */
    float[] logits(float[] x, int rows) {
        float[] a = x;
        for (int l = 0; l < hiddenLayers; l++) {
            float[] z = new float[rows * hidden];
            Blas.gemmSplit(false, false, rows, hidden, fanIn(l), a, weights[l], 0f, z);
            float[] b = biases[l];
            float[] g = gamma[l];
            float[] bt = beta[l];
            float[] mu = runningMean[l];
            float[] inv = new float[hidden];
            for (int j = 0; j < hidden; j++) {
                inv[j] = (float) (1.0 / Math.sqrt(runningVar[l][j] + BN_EPS));
            }
            for (int r = 0; r < rows; r++) {
                int o = r * hidden;
                for (int j = 0; j < hidden; j++) {
                    float y = g[j] * ((z[o + j] + b[j]) - mu[j]) * inv[j] + bt[j];
                    z[o + j] = y > 0 ? y : 0;
                }
            }
            a = z;
        }
        float[] logits = new float[rows * outputs];
        Blas.gemmSplit(false, false, rows, outputs, fanIn(hiddenLayers), a, weights[hiddenLayers], 0f, logits);
        float[] b = biases[hiddenLayers];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < outputs; c++) {
                logits[r * outputs + c] += b[c];
            }
        }
        return logits;
    }

    /**
     * Activated outputs (softmax, sigmoid or tanh) of {@code rows} input rows, in evaluation mode.
     * Writes {@code out[0..rows)}.
     */
    void predict(float[] x, int rows, double[][] out) {
        float[] z = logits(x, rows);
        for (int r = 0; r < rows; r++) {
            activate(z, r * outputs, out[r]);
        }
    }

    /**
     * Ranking scores in evaluation mode: log-softmax for a softmax head, the logits for sigmoid
     * and tanh heads (both monotone in the activated output, and unsaturated). Writes {@code out[0..rows)}.
     */
    void rankingScores(float[] x, int rows, double[][] out) {
        float[] z = logits(x, rows);
        for (int r = 0; r < rows; r++) {
            int o = r * outputs;
            double[] dst = out[r];
            if (head == Head.SOFTMAX) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < outputs; c++) {
                    max = Math.max(max, z[o + c]);
                }
                double sum = 0;
                for (int c = 0; c < outputs; c++) {
                    sum += StrictMath.exp(z[o + c] - max);
                }
                double logSum = max + StrictMath.log(sum);
                for (int c = 0; c < outputs; c++) {
                    dst[c] = z[o + c] - logSum;
                }
            } else {
                for (int c = 0; c < outputs; c++) {
                    dst[c] = z[o + c];
                }
            }
        }
    }

    private void activate(float[] logits, int offset, double[] out) {
        switch (head) {
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < outputs; c++) {
                    max = Math.max(max, logits[offset + c]);
                }
                double sum = 0;
                for (int c = 0; c < outputs; c++) {
                    out[c] = StrictMath.exp(logits[offset + c] - max);
                    sum += out[c];
                }
                for (int c = 0; c < outputs; c++) {
                    out[c] /= sum;
                }
            }
            case SIGMOID -> {
                for (int c = 0; c < outputs; c++) {
                    out[c] = 1.0 / (1.0 + StrictMath.exp(-logits[offset + c]));
                }
            }
            case TANH -> {
                for (int c = 0; c < outputs; c++) {
                    out[c] = StrictMath.tanh(logits[offset + c]);
                }
            }
        }
    }

    // ------------------------------------------------------------------ training

    /** Bytes {@link Training} allocates for batches of {@code maxBatch} rows (buffers, gradients, Adam moments). */
    long trainingBytes(int maxBatch) {
        long activations = 4L * hiddenLayers * maxBatch * hidden + 2L * maxBatch * outputs;
        return 4 * activations + 3 * parameterBytes();
    }

    /** Buffers and optimiser state for training with batches of at most {@code maxBatch} rows. */
    final class Training {
        private final int maxBatch;
        private final double learningRate;
        private final SplittableRandom random;
        private long step;
        // activations per hidden layer, [maxBatch × hidden] row-major
        private final float[][] xhat;     // normalised pre-activations
        private final float[][] act;      // outputs after ReLU (inputs of the next layer)
        private final float[][] mask;     // dropout multipliers (0 or 1/(1-p))
        private final float[][] invStd;
        private final float[] logits;
        private final float[] gradOut;    // dLoss/dlogits
        private final float[][] gradHidden;
        // gradients and Adam moments, same shapes as the parameters
        private final float[][] gW;
        private final float[][] gB;
        private final float[][] gGamma;
        private final float[][] gBeta;
        private final float[][] mW;
        private final float[][] vW;
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
            xhat = new float[hiddenLayers][];
            act = new float[hiddenLayers][];
            mask = new float[hiddenLayers][];
            gradHidden = new float[hiddenLayers][];
            invStd = new float[hiddenLayers][hidden];
            for (int l = 0; l < hiddenLayers; l++) {
                xhat[l] = new float[maxBatch * hidden];
                act[l] = new float[maxBatch * hidden];
                mask[l] = new float[maxBatch * hidden];
                gradHidden[l] = new float[maxBatch * hidden];
            }
            logits = new float[maxBatch * outputs];
            gradOut = new float[maxBatch * outputs];
            gW = new float[hiddenLayers + 1][];
            mW = new float[hiddenLayers + 1][];
            vW = new float[hiddenLayers + 1][];
            gB = new float[hiddenLayers + 1][];
            mB = new float[hiddenLayers + 1][];
            vB = new float[hiddenLayers + 1][];
            for (int l = 0; l <= hiddenLayers; l++) {
                int size = weights[l].length;
                int out = biases[l].length;
                gW[l] = new float[size];
                mW[l] = new float[size];
                vW[l] = new float[size];
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
         * @param x       {@code [rows × inputs]} row-major
         * @param targets {@code [rows × outputs]}: one-hot or multi-hot 0/1, or regression targets for {@link Head#TANH}
         * @return the batch loss (mean cross-entropy, mean binary cross-entropy or mean squared error over rows and outputs)
         */
        double step(float[] x, float[] targets, int rows) {
            double loss = gradients(x, targets, rows);
            step++;
            adam();
            return loss;
        }

        /** Forward and backward pass in training mode: fills the gradients, returns the batch loss. */
        double gradients(float[] x, float[] targets, int rows) {
            if (rows < 2 && hiddenLayers > 0) {
                throw new IllegalArgumentException("BatchNorm needs at least 2 rows per training batch; got " + rows);
            }
            if (rows > maxBatch) {
                throw new IllegalArgumentException("batch of " + rows + " rows; buffers hold " + maxBatch);
            }
            // ---- forward
            float[] a = x;
            for (int l = 0; l < hiddenLayers; l++) {
                Blas.gemmSplit(false, false, rows, hidden, fanIn(l), a, weights[l], 0f, xhat[l]);
                batchNormDropoutRelu(l, xhat[l], rows);
                a = act[l];
            }
            int lastIn = fanIn(hiddenLayers);
            Blas.gemmSplit(false, false, rows, outputs, lastIn, a, weights[hiddenLayers], 0f, logits);
            double loss = lossAndGradient(targets, rows);
            // ---- backward: output layer
            weightGradient(a, rows, lastIn, gradOut, outputs, hiddenLayers);
            float[] upstream = gradOut;
            int upstreamWidth = outputs;
            for (int l = hiddenLayers - 1; l >= 0; l--) {
                // gradient w.r.t. this layer's output (after ReLU): upstream · W_{l+1}ᵀ
                float[] g = gradHidden[l];
                Blas.gemmSplit(false, true, rows, hidden, upstreamWidth, upstream, weights[l + 1], 0f, g);
                batchNormBackward(l, g, rows);
                float[] below = l == 0 ? x : act[l - 1];
                weightGradient(below, rows, fanIn(l), g, hidden, l);
                upstream = g;
                upstreamWidth = hidden;
            }
            return loss;
        }

        /** The gradient of hidden or output layer {@code l}'s weights, {@code [in × out]} row-major (after {@link #gradients}). */
        float[] weightGradient(int l) {
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

        private void batchNormDropoutRelu(int l, float[] z, int rows) {
            float[] b = biases[l];
            float[] g = gamma[l];
            float[] bt = beta[l];
            float[] inv = invStd[l];
            float[] m = mask[l];
            float[] out = act[l];
            // dropout masks first, from the one random stream in row-major order (as before the column split)
            float keep = 1f - dropout;
            float scale = dropout > 0 ? 1f / keep : 1f;
            int n = rows * hidden;
            if (dropout > 0) {
                for (int i = 0; i < n; i++) {
                    m[i] = random.nextDouble() < dropout ? 0f : scale;
                }
            } else {
                Arrays.fill(m, 0, n, 1f);
            }
            // every column's statistics and outputs are independent: column ranges in parallel, each
            // column summed over rows in the same order whichever thread runs it
            int parts = columnParts(rows);
            Blas.forEachPart(parts, part -> {
                int from = Blas.from(part, parts, hidden);
                int to = Blas.from(part + 1, parts, hidden);
                double[] mean = new double[hidden];
                double[] var = new double[hidden];
                for (int r = 0; r < rows; r++) {
                    int o = r * hidden;
                    for (int j = from; j < to; j++) {
                        z[o + j] += b[j];
                        mean[j] += z[o + j];
                    }
                }
                for (int j = from; j < to; j++) {
                    mean[j] /= rows;
                }
                for (int r = 0; r < rows; r++) {
                    int o = r * hidden;
                    for (int j = from; j < to; j++) {
                        double d = z[o + j] - mean[j];
                        var[j] += d * d;
                    }
                }
                float[] meanF = new float[hidden];
                for (int j = from; j < to; j++) {
                    double biased = var[j] / rows;
                    inv[j] = (float) (1.0 / Math.sqrt(biased + BN_EPS));
                    runningMean[l][j] = (float) ((1 - BN_MOMENTUM) * runningMean[l][j] + BN_MOMENTUM * mean[j]);
                    runningVar[l][j] = (float) ((1 - BN_MOMENTUM) * runningVar[l][j] + BN_MOMENTUM * var[j] / (rows - 1));
                    meanF[j] = (float) mean[j];
                }
                for (int r = 0; r < rows; r++) {
                    int o = r * hidden;
                    for (int j = from; j < to; j++) {
                        float xh = (z[o + j] - meanF[j]) * inv[j];
                        z[o + j] = xh; // z now holds x̂
                        float y = (g[j] * xh + bt[j]) * m[o + j];
                        out[o + j] = y > 0 ? y : 0;
                    }
                }
            });
        }

        /** Column ranges of a hidden layer's elementwise work: a function of the shape only. */
        private int columnParts(int rows) {
            return (long) rows * hidden >= 1 << 16 ? Math.max(1, Math.min(4, hidden / 128)) : 1;
        }

        private double lossAndGradient(float[] targets, int rows) {
            double loss = 0;
            double[] p = new double[outputs];
            float[] bias = biases[hiddenLayers];
            for (int r = 0; r < rows; r++) {
                int o = r * outputs;
                for (int c = 0; c < outputs; c++) {
                    logits[o + c] += bias[c];
                }
                activate(logits, o, p);
                switch (head) {
                    case SOFTMAX -> {
                        int target = 0;
                        for (int c = 1; c < outputs; c++) {
                            if (targets[o + c] > targets[o + target]) {
                                target = c;
                            }
                        }
                        loss -= Math.log(Math.max(p[target], Double.MIN_NORMAL));
                        for (int c = 0; c < outputs; c++) {
                            gradOut[o + c] = (float) ((p[c] - (c == target ? 1 : 0)) / rows);
                        }
                    }
                    case SIGMOID -> {
                        for (int c = 0; c < outputs; c++) {
                            double z = logits[o + c];
                            // log(1 + e^-|z|) + max(z, 0) - z t: numerically stable BCE with logits
                            loss += Math.max(z, 0) - z * targets[o + c] + Math.log1p(Math.exp(-Math.abs(z)));
                            gradOut[o + c] = (float) ((p[c] - targets[o + c]) / ((double) rows * outputs));
                        }
                    }
                    case TANH -> {
                        for (int c = 0; c < outputs; c++) {
                            double d = p[c] - targets[o + c];
                            loss += d * d;
                            gradOut[o + c] = (float) (2 * d * (1 - p[c] * p[c]) / ((double) rows * outputs));
                        }
                    }
                }
            }
            return head == Head.SOFTMAX ? loss / rows : loss / ((double) rows * outputs);
        }

        /** gW[l] = belowᵀ · grad, gB[l] = column sums of grad. */
        private void weightGradient(float[] below, int rows, int in, float[] grad, int out, int l) {
            Blas.gemmSplit(true, false, in, out, rows, below, grad, 0f, gW[l]);
            float[] gb = gB[l];
            Arrays.fill(gb, 0f);
            for (int r = 0; r < rows; r++) {
                int o = r * out;
                for (int c = 0; c < out; c++) {
                    gb[c] += grad[o + c];
                }
            }
        }

        /**
         * Back through ReLU, dropout and BatchNorm of hidden layer {@code l}: {@code g} holds dL/d(output)
         * on entry and dL/dz (before BatchNorm) on exit; fills the γ and β gradients.
         */
        private void batchNormBackward(int l, float[] g, int rows) {
            float[] xh = xhat[l];
            float[] out = act[l];
            float[] m = mask[l];
            float[] gm = gamma[l];
            float[] inv = invStd[l];
            int parts = columnParts(rows);
            Blas.forEachPart(parts, part -> {
                int from = Blas.from(part, parts, hidden);
                int to = Blas.from(part + 1, parts, hidden);
                double[] sumDy = new double[hidden];
                double[] sumDyXhat = new double[hidden];
                for (int r = 0; r < rows; r++) {
                    int o = r * hidden;
                    for (int j = from; j < to; j++) {
                        float dy = out[o + j] > 0 ? g[o + j] * m[o + j] : 0f; // ReLU, then dropout
                        g[o + j] = dy;
                        sumDy[j] += dy;
                        sumDyXhat[j] += dy * xh[o + j];
                    }
                }
                float[] coef = new float[hidden];
                float[] sDy = new float[hidden];
                float[] sDyX = new float[hidden];
                for (int j = from; j < to; j++) {
                    gGamma[l][j] = (float) sumDyXhat[j];
                    gBeta[l][j] = (float) sumDy[j];
                    coef[j] = gm[j] * inv[j] / rows;
                    sDy[j] = (float) sumDy[j];
                    sDyX[j] = (float) sumDyXhat[j];
                }
                // dz = γ·invStd/N · (N·dy − Σdy − x̂·Σ(dy·x̂))
                float n = rows;
                for (int r = 0; r < rows; r++) {
                    int o = r * hidden;
                    for (int j = from; j < to; j++) {
                        g[o + j] = coef[j] * (n * g[o + j] - sDy[j] - xh[o + j] * sDyX[j]);
                    }
                }
            });
        }

        private void adam() {
            double c1 = 1 - Math.pow(ADAM_BETA1, step);
            double c2 = 1 - Math.pow(ADAM_BETA2, step);
            double stepSize = learningRate / c1;
            double sqrtC2 = Math.sqrt(c2);
            for (int l = 0; l <= hiddenLayers; l++) {
                float[] w = weights[l];
                float[] gw = gW[l];
                float[] mw = mW[l];
                float[] vw = vW[l];
                int chunk = 1 << 16;
                int chunks = (w.length + chunk - 1) / chunk;
                IntStream range = IntStream.range(0, chunks);
                if (chunks > 4) {
                    range = range.parallel();
                }
                range.forEach(i -> update(w, gw, mw, vw, i * chunk, Math.min(w.length, (i + 1) * chunk), stepSize, sqrtC2));
                update(biases[l], gB[l], mB[l], vB[l], 0, biases[l].length, stepSize, sqrtC2);
                if (l < hiddenLayers) {
                    update(gamma[l], gGamma[l], mGamma[l], vGamma[l], 0, hidden, stepSize, sqrtC2);
                    update(beta[l], gBeta[l], mBeta[l], vBeta[l], 0, hidden, stepSize, sqrtC2);
                }
            }
        }

        /** PyTorch's Adam: p −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε), on {@code [from, to)}. */
        private void update(float[] p, float[] g, float[] m, float[] v, int from, int to, double stepSize, double sqrtC2) {
            float b1 = (float) ADAM_BETA1;
            float b2 = (float) ADAM_BETA2;
            float oneMinusB1 = (float) (1 - ADAM_BETA1);
            float oneMinusB2 = (float) (1 - ADAM_BETA2);
            float step = (float) stepSize;
            float sc2 = (float) sqrtC2;
            float eps = (float) ADAM_EPS;
            for (int i = from; i < to; i++) {
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
