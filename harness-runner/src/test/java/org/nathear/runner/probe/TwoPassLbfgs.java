package org.nathear.runner.probe;

/**
 * {@link Lbfgs} as it was written first, one pass over memory per dot product and per axpy and
 * the Hessian scaling's two dot products recomputed every iteration: the reference the fused
 * passes of {@code Lbfgs} must reproduce bit for bit (the linear probe's scores and iteration
 * counts must not move when its optimiser gets faster).
 */
final class TwoPassLbfgs {
    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeTolerance;

    TwoPassLbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    /** Minimises from {@code x} (updated in place to the minimiser found). */
    Lbfgs.Result minimise(Lbfgs.Objective f, double[] x) {
        int n = x.length;
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
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
            // two-loop recursion: d = -H g
            for (int i = 0; i < n; i++) {
                d[i] = -g[i];
            }
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(newest - k, memory);
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], y[j], d);
            }
            if (stored > 0) {
                double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) {
                    d[i] *= gamma;
                }
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(newest - k, memory);
                double beta = rho[j] * dot(y[j], d);
                axpy(alpha[j] - beta, s[j], d);
            }
            double slope = dot(g, d);
            if (!(slope < 0)) { // not a descent direction (numerical trouble): restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = dot(g, d);
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
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = xNext[i] - x[i];
                y[slot][i] = gNext[i] - g[i];
                sy += s[slot][i] * y[slot][i];
            }
            if (sy > 1e-12) {
                rho[slot] = 1 / sy;
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
        return new Lbfgs.Result(value, iteration, evaluations, converged);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
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
