package org.nathear.runner.probe;

/**
 * Per-dimension standardisation fitted on the training split: {@code (x - mean) / std}, with
 * {@code std} replaced by 1 for constant dimensions. Applied unchanged to valid and test.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Fits means and standard deviations (population, ddof = 0) on the rows given. */
    public static Standardizer fit(float[][] train) {
        int d = train[0].length;
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (float[] row : train) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= train.length;
        }
        for (float[] row : train) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                m2[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(m2[j] / train.length);
            scale[j] = std > 1e-12 * Math.max(1, Math.abs(mean[j])) ? 1 / std : 1;
        }
        return new Standardizer(mean, scale);
    }

    /**
     * Fits means and standard deviations (population, ddof = 0) streaming over the rows, in double
     * (two passes, the same arithmetic as {@link #fit(float[][])}).
     */
    public static Standardizer fit(FeatureRows train) {
        int d = train.dimension();
        int n = train.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot standardise on zero rows");
        }
        double[] mean = new double[d];
        double[] m2 = new double[d];
        float[] row = new float[d];
        for (int i = 0; i < n; i++) {
            train.read(i, row);
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            train.read(i, row);
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                m2[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(m2[j] / n);
            scale[j] = std > 1e-12 * Math.max(1, Math.abs(mean[j])) ? 1 / std : 1;
        }
        return new Standardizer(mean, scale);
    }

    /** A view of {@code rows} standardised on read (as float; nothing is copied). */
    public FeatureRows view(FeatureRows rows) {
        if (rows.dimension() != mean.length) {
            throw new IllegalArgumentException("rows have dimension " + rows.dimension() + "; fitted on " + mean.length);
        }
        float[] m = new float[mean.length];
        float[] s = new float[mean.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = (float) mean[j];
            s[j] = (float) scale[j];
        }
        return new FeatureRows() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public int dimension() {
                return m.length;
            }

            @Override
            public void read(int row, float[] destination) {
                rows.read(row, destination);
                for (int j = 0; j < m.length; j++) {
                    destination[j] = (destination[j] - m[j]) * s[j];
                }
            }
        };
    }

    public double[][] apply(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] r = new double[mean.length];
            for (int j = 0; j < r.length; j++) {
                r[j] = (rows[i][j] - mean[j]) * scale[j];
            }
            out[i] = r;
        }
        return out;
    }
}
