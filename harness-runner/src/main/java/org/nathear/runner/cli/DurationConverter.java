package org.nathear.runner.cli;

import java.time.Duration;
import java.util.Locale;
import org.nathear.api.ConfigurationException;
import picocli.CommandLine;

/** Durations on the command line: a number with a unit ({@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h}); a bare number is seconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return check(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim())), value);
            }
            long unit = v.endsWith("h") ? 3600 : v.endsWith("m") ? 60 : 1;
            String number = v.endsWith("h") || v.endsWith("m") || v.endsWith("s") ? v.substring(0, v.length() - 1).trim() : v;
            double seconds = Double.parseDouble(number) * unit;
            return check(Duration.ofMillis(Math.round(seconds * 1000)), value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Bad duration '" + value + "'; expected e.g. 500ms, 90s, 10m, 1h or 0 for none", e);
        }
    }

    private static Duration check(Duration d, String value) {
        if (d.isNegative()) {
            throw new ConfigurationException("Bad duration '" + value + "'; it must not be negative");
        }
        return d;
    }
}
