package org.nathear.runner.validate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code nathear validate-model} found about a model.
 *
 * @param modelId       the model's id
 * @param modelVersion  its version
 * @param origin        where it came from (jar, class folder or model folder)
 * @param settings      how the validation ran (seed, clip lengths, time limit, options)
 * @param findings      every check's outcome, in the order run
 * @param measurements  numbers with units in their names (e.g. {@code sceneRealTimeFactor}, {@code peakHeapMiB})
 */
public record ValidationReport(String modelId, String modelVersion, String origin, Map<String, String> settings,
                               List<Finding> findings, Map<String, Double> measurements) {
    public ValidationReport {
        settings = new TreeMap<>(settings);
        findings = List.copyOf(findings);
        measurements = new TreeMap<>(measurements);
    }

    public long count(Finding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** True when no check failed (and, when {@code strict}, none warned). */
    public boolean passed(boolean strict) {
        return count(Finding.Severity.FAIL) == 0 && (!strict || count(Finding.Severity.WARN) == 0);
    }

    /** The report as text, one finding per line. */
    public String render(boolean strict) {
        StringBuilder out = new StringBuilder();
        out.append("nathear validate-model ").append(modelId).append(' ').append(modelVersion).append("  (from ").append(origin)
                .append(")\n");
        settings.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        out.append('\n');
        int width = 12;
        for (Finding f : findings) {
            width = Math.max(width, f.check().length());
        }
        for (Finding f : findings) {
            out.append(String.format(Locale.ROOT, "%-4s  %-" + width + "s  %s%n", f.severity(), f.check(), f.message()));
        }
        long fails = count(Finding.Severity.FAIL);
        long warns = count(Finding.Severity.WARN);
        out.append('\n').append(passed(strict) ? "PASSED" : "FAILED").append(": ").append(fails).append(" failure(s), ")
                .append(warns).append(" warning(s)").append(strict && warns > 0 ? " (--strict: warnings fail)" : "").append('\n');
        return out.toString();
    }
}
