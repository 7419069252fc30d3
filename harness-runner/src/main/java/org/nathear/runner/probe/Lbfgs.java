package org.nathear.runner.probe;

/**
 * Limited-memory BFGS (Nocedal and Wright, "Numerical Optimization", 2nd ed., algorithm 7.4 and
 * 7.5) for smooth unconstrained minimisation: the two-loop recursion with the last {@code memory}
 * correction pairs, the initial Hessian scaled by {@code sᵀy / yᵀy}, and a backtracking line
 * search on the Armijo condition (c₁ = 1e-4) from a unit step; a pair with {@code sᵀy ≤ 0} is not
 * stored, so the approximation stays positive definite.
 *
 * <p>Stops when the largest gradient component is at most {@code gradientTolerance}, when an
 * iteration lowers the objective by less than {@code relativeTolerance · max(|f|, 1)}, or after
 * {@code maxIterations}. Deterministic: plain arithmetic in a fixed order.
 */
final class Lbfgs {
    /** An objective: fills {@code gradient} at {@code x} and returns the value. */
    interface Objective {
        double valueAndGradient(double[] x, double[] gradient);
    }

    /** Where the minimisation ended. */
    record Result(double value, int iterations, int evaluations, boolean converged) {
    }

    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeTolerance;

    /**
     * @param memory correction pairs kept, at least 2 (a candidate pair is written over the oldest slot
     *               before it is accepted; with one slot that would be the pair in use)
     */
    Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
        if (memory < 2) {
            throw new IllegalArgumentException("L-BFGS needs a memory of at least 2 correction pairs; got " + memory);
        }
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    /** Minimises from {@code x} (updated in place to the minimiser found). */
    Result minimise(Objective f, double[] x) {
        int n = x.length;
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] sy = new double[memory]; // sᵀy and yᵀy of each stored pair, for the initial Hessian scaling
        double[] yy = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int newest = -1;
        double[] g = new double[n];
        double[] gNext = new double[n];
        double[] d = new double[n];
        double[] xNext = new double[n];
        double value = f.valueAndGradient(x, g);
        int evaluations = 1;
        int iteration = 0;
        boolean converged = false;
        while (true) {
            if (maxAbs(g) <= gradientTolerance) {
                converged = true;
                break;
            }
            if (iteration >= maxIterations) {
                break;
            }
            iteration++;
            // two-loop recursion: d = -H g. Each pass over the vectors applies the previous step's
            // update of d and accumulates the next dot product in the same loop: the same operations on
            // every element, and every sum in index order, as separate axpy and dot passes (bit for bit),
            // with a third of the passes over memory (the sums' dependency chains bound the time)
            double slope;
            if (stored == 0) {
                slope = negateAndDot(g, d);
            } else {
                int j = newest;
                alpha[j] = rho[j] * negateAndDot(g, d, s[j]);
                for (int k = 1; k < stored; k++) {
                    int previous = j;
                    j = Math.floorMod(newest - k, memory);
                    alpha[j] = rho[j] * axpyThenDot(-alpha[previous], y[previous], d, s[j]);
                }
                // j is now the oldest pair, where the second loop starts: d += -alpha·y, d *= gamma, then y·d
                double gamma = sy[newest] / yy[newest];
                double beta = rho[j] * axpyScaleThenDot(-alpha[j], y[j], gamma, d, y[j]);
                for (int k = stored - 2; k >= 0; k--) {
                    int previous = j;
                    j = Math.floorMod(newest - k, memory);
                    beta = rho[j] * axpyThenDot(alpha[previous] - beta, s[previous], d, y[j]);
                }
                slope = axpyThenDot(alpha[j] - beta, s[j], d, g);
            }
            if (!(slope < 0)) { // not a descent direction (numerical trouble): restart from steepest descent
                stored = 0;
                slope = negateAndDot(g, d);
            }
            double step = stored == 0 ? Math.min(1.0, 1.0 / Math.max(1e-12, sumAbs(g))) : 1.0;
            double next = Double.NaN;
            boolean accepted = false;
            for (int tries = 0; tries < 40; tries++) {
                for (int i = 0; i < n; i++) {
                    xNext[i] = x[i] + step * d[i];
                }
                next = f.valueAndGradient(xNext, gNext);
                evaluations++;
                if (Double.isFinite(next) && next <= value + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break; // no decrease along a descent direction: at the precision limit
            }
            int slot = (newest + 1) % memory;
            double sySum = 0;
            double yySum = 0; // yᵀy for the Hessian scaling, accumulated in the same pass (two independent sums)
            double[] sSlot = s[slot];
            double[] ySlot = y[slot];
            for (int i = 0; i < n; i++) {
                sSlot[i] = xNext[i] - x[i];
                ySlot[i] = gNext[i] - g[i];
                sySum += sSlot[i] * ySlot[i];
                yySum += ySlot[i] * ySlot[i];
            }
            if (sySum > 1e-12) {
                rho[slot] = 1 / sySum;
                sy[slot] = sySum;
                yy[slot] = yySum;
                newest = slot;
                stored = Math.min(stored + 1, memory);
            }
            double decrease = value - next;
            System.arraycopy(xNext, 0, x, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            value = next;
            if (decrease <= relativeTolerance * Math.max(Math.abs(value), 1.0)) {
                converged = maxAbs(g) <= gradientTolerance * 10;
                break;
            }
        }
        return new Result(value, iteration, evaluations, converged);
    }

    /** {@code d = -g}, returning {@code g·d} (summed in index order). */
    private static double negateAndDot(double[] g, double[] d) {
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            d[i] = -g[i];
            sum += g[i] * d[i];
        }
        return sum;
    }

    /** {@code d = -g}, returning {@code v·d}. */
    private static double negateAndDot(double[] g, double[] d, double[] v) {
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            d[i] = -g[i];
            sum += v[i] * d[i];
        }
        return sum;
    }

    /** {@code d += a·x}, returning {@code v·d} of the updated d. */
    private static double axpyThenDot(double a, double[] x, double[] d, double[] v) {
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] += a * x[i];
            sum += v[i] * d[i];
        }
        return sum;
    }

    /** {@code d += a·x}, then {@code d *= scale}, returning {@code v·d} of the updated d. */
    private static double axpyScaleThenDot(double a, double[] x, double scale, double[] d, double[] v) {
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] += a * x[i];
            d[i] *= scale;
            sum += v[i] * d[i];
        }
        return sum;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double sumAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m += Math.abs(v);
        }
        return m;
    }
}
