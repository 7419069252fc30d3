package org.nathear.results.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of per-clip values in bins, for distributions too large to store clip by clip (e.g. the
 * DoA error of every test clip). Bin {@code i} holds values in {@code [edges[i], edges[i+1])}; the
 * last bin also holds values equal to its upper edge (numpy's {@code histogram} rule).
 *
 * @param unit   unit of the values, e.g. {@code deg}
 * @param edges  bin edges, strictly increasing, at least two
 * @param counts values per bin; {@code edges.size() − 1} entries
 */
public record Histogram(String unit, List<Double> edges, List<Long> counts) {
    /** Key in {@link CellResult#distributions()} for the DoA error of every test clip, in degrees. */
    public static final String DOA_ERROR_DEG = "doa_error_deg";

    public Histogram {
        unit = unit == null ? "" : unit;
        edges = List.copyOf(edges);
        counts = List.copyOf(counts);
        if (edges.size() < 2) {
            throw new ResultFileException("A histogram needs at least two bin edges; got " + edges);
        }
        for (int i = 1; i < edges.size(); i++) {
            if (!(edges.get(i) > edges.get(i - 1))) {
                throw new ResultFileException("Histogram bin edges must be strictly increasing; got " + edges);
            }
        }
        if (counts.size() != edges.size() - 1) {
            throw new ResultFileException("A histogram with " + edges.size() + " edges needs " + (edges.size() - 1)
                    + " counts; got " + counts.size());
        }
        for (Long c : counts) {
            if (c == null || c < 0) {
                throw new ResultFileException("Histogram counts must be non-negative; got " + counts);
            }
        }
    }

    /**
     * Bins {@code values}.
     *
     * @throws ResultFileException naming the value when one is NaN or outside the edges
     */
    public static Histogram of(String unit, double[] values, List<Double> edges) {
        long[] counts = new long[edges.size() - 1];
        double first = edges.get(0);
        double last = edges.get(edges.size() - 1);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= first && v <= last)) {
                throw new ResultFileException("Value " + v + " (index " + i + ") lies outside the histogram range ["
                        + first + ", " + last + "] " + unit);
            }
            int bin = edges.size() - 2;
            for (int b = 0; b < edges.size() - 1; b++) {
                if (v < edges.get(b + 1)) {
                    bin = b;
                    break;
                }
            }
            counts[bin]++;
        }
        List<Long> out = new ArrayList<>(counts.length);
        for (long c : counts) {
            out.add(c);
        }
        return new Histogram(unit, edges, out);
    }

    /** Per-clip DoA errors in degrees, in 5° bins from 0° to 180°. */
    public static Histogram doaErrors(double[] errorsDegrees) {
        List<Double> edges = new ArrayList<>();
        for (int d = 0; d <= 180; d += 5) {
            edges.add((double) d);
        }
        return of("deg", errorsDegrees, edges);
    }

    /** Number of values counted. */
    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
