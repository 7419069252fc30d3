package org.nathear.runner.metrics;

/**
 * The quantile function Φ⁻¹ of the standard normal distribution.
 *
 * <p>Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988): three rational
 * approximations — central region |p − 0.5| ≤ 0.425, and two tail regions in r = √(−ln min(p, 1 − p))
 * split at r = 5. Its relative error is about 1e-16 over the whole open interval, so no refinement
 * step is needed; it agrees with SciPy's {@code norm.ppf} to the last few bits.
 */
public final class StandardNormal {
    private static final double[] CENTRAL_NUM = {
        3.3871328727963666080e+0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
        4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3};
    private static final double[] CENTRAL_DEN = {
        1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3};
    private static final double[] NEAR_NUM = {
        1.42343711074968357734e+0, 4.63033784615654529590e+0, 5.76949722146069140550e+0, 3.64784832476320460504e+0,
        1.27045825245236838258e+0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4};
    private static final double[] NEAR_DEN = {
        1.0, 2.05319162663775882187e+0, 1.67638483018380384940e+0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9};
    private static final double[] FAR_NUM = {
        6.65790464350110377720e+0, 5.46378491116411436990e+0, 1.78482653991729133580e+0, 2.96560571828504891230e-1,
        2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
    private static final double[] FAR_DEN = {
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15};

    private StandardNormal() {
    }

    /**
     * Φ⁻¹(p): the x with P(Z ≤ x) = p for a standard normal Z.
     *
     * @return −∞ for p = 0, +∞ for p = 1, NaN for NaN or p outside [0, 1] (as SciPy's {@code norm.ppf})
     */
    public static double quantile(double p) {
        if (Double.isNaN(p) || p < 0.0 || p > 1.0) {
            return Double.NaN;
        }
        if (p == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * polynomial(CENTRAL_NUM, r) / polynomial(CENTRAL_DEN, r);
        }
        double tail = q < 0.0 ? p : 1.0 - p;
        double r = Math.sqrt(-Math.log(tail));
        double x;
        if (r <= 5.0) {
            double s = r - 1.6;
            x = polynomial(NEAR_NUM, s) / polynomial(NEAR_DEN, s);
        } else {
            double s = r - 5.0;
            x = polynomial(FAR_NUM, s) / polynomial(FAR_DEN, s);
        }
        return q < 0.0 ? -x : x;
    }

    /** Σ c[i]·x^i by Horner's rule; coefficients lowest order first. */
    private static double polynomial(double[] coefficients, double x) {
        double sum = 0.0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            sum = sum * x + coefficients[i];
        }
        return sum;
    }
}
