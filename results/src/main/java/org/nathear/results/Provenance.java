package org.nathear.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a result came from: harness version and commit, JVM, OS and architecture (Math and
 * StrictMath may differ across platforms), and the versions of the libraries involved.
 */
public record Provenance(String harnessVersion, String gitCommit, String javaVersion, String javaVendor,
                         String osName, String osVersion, String osArch, int availableProcessors,
                         Map<String, String> libraries) {
    public Provenance {
        libraries = libraries == null ? Map.of() : new TreeMap<>(libraries);
    }

    /** The provenance of the running JVM. */
    public static Provenance current(String harnessVersion, String gitCommit, Map<String, String> libraries) {
        return new Provenance(harnessVersion, gitCommit, System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), libraries);
    }
}
