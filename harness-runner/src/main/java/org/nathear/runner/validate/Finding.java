package org.nathear.runner.validate;

import java.util.Objects;

/**
 * One line of a validation report.
 *
 * @param severity  {@link Severity#FAIL} breaks the contract; {@link Severity#WARN} is allowed but worth fixing
 * @param check     the check's short name, e.g. {@code timestamps[FOA]}
 * @param message   what was found, with the numbers
 */
public record Finding(Severity severity, String check, String message) {
    /** How serious a finding is, mildest first. */
    public enum Severity {
        PASS, INFO, WARN, FAIL
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(message, "message");
    }
}
