package org.nathear.runner.probe;

import java.util.List;

/**
 * Dense feature rows that need not be on the heap: a probe reads one row at a time (embeddings
 * of a split are memory-mapped, see {@code org.nathear.runner.cache.EmbeddingMatrix}). Views that
 * concatenate splits or standardise rows copy nothing.
 *
 * <p>Implementations must allow concurrent {@link #read} calls from several threads.
 */
public interface FeatureRows {

    /** Number of rows. */
    int size();

    /** Values per row. */
    int dimension();

    /** Copies row {@code row} into {@code destination[0 .. dimension)}. */
    void read(int row, float[] destination);

    /** Rows held in an array (not copied). */
    static FeatureRows of(float[][] rows) {
        int dim = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values; row 0 has " + dim);
            }
        }
        return new FeatureRows() {
            @Override
            public int size() {
                return rows.length;
            }

            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public void read(int row, float[] destination) {
                System.arraycopy(rows[row], 0, destination, 0, dim);
            }
        };
    }

    /** Rows of doubles, read as floats (the precision every probe computes in). */
    static FeatureRows of(double[][] rows) {
        int dim = rows.length == 0 ? 0 : rows[0].length;
        return new FeatureRows() {
            @Override
            public int size() {
                return rows.length;
            }

            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public void read(int row, float[] destination) {
                double[] r = rows[row];
                for (int j = 0; j < dim; j++) {
                    destination[j] = (float) r[j];
                }
            }
        };
    }

    /** The rows of several parts one after the other (k-fold training folds). */
    static FeatureRows concat(List<? extends FeatureRows> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int dim = parts.stream().filter(p -> p.size() > 0).mapToInt(FeatureRows::dimension).findFirst()
                .orElse(parts.isEmpty() ? 0 : parts.get(0).dimension());
        int[] starts = new int[parts.size() + 1];
        for (int p = 0; p < parts.size(); p++) {
            if (parts.get(p).size() > 0 && parts.get(p).dimension() != dim) {
                throw new IllegalArgumentException("part " + p + " has dimension " + parts.get(p).dimension()
                        + "; the first non-empty part has " + dim);
            }
            starts[p + 1] = Math.addExact(starts[p], parts.get(p).size());
        }
        List<FeatureRows> copy = List.copyOf(parts);
        return new FeatureRows() {
            @Override
            public int size() {
                return starts[starts.length - 1];
            }

            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public void read(int row, float[] destination) {
                int p = java.util.Arrays.binarySearch(starts, row);
                p = p >= 0 ? p : -p - 2;
                while (starts[p + 1] <= row) {
                    p++; // empty parts share a start
                }
                copy.get(p).read(row - starts[p], destination);
            }
        };
    }
}
