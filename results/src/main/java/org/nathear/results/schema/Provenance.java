package org.nathear.results.schema;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a result came from: harness version and commit, JVM, OS and architecture (Math and
 * StrictMath may differ across platforms), and the versions of the libraries involved (Tribuo,
 * Jackson, and DJL, PyTorch and ONNX Runtime where they are on the class path).
 *
 * @param harnessVersion      nathear version
 * @param gitCommit           commit nathear ran from, or {@code unknown}
 * @param javaVersion         {@code java.version}
 * @param javaVendor          {@code java.vendor}
 * @param javaRuntimeVersion  {@code java.runtime.version} (with the build number); null in {@code nathear.run/1} files
 * @param javaVmName          {@code java.vm.name}; null in {@code nathear.run/1} files
 * @param osName              {@code os.name}
 * @param osVersion           {@code os.version}
 * @param osArch              {@code os.arch}
 * @param availableProcessors cores the JVM saw
 * @param libraries           library name → version
 */
public record Provenance(String harnessVersion, String gitCommit, String javaVersion, String javaVendor,
                         String javaRuntimeVersion, String javaVmName, String osName, String osVersion, String osArch,
                         int availableProcessors, Map<String, String> libraries) {
    public Provenance {
        libraries = libraries == null ? Map.of() : new TreeMap<>(libraries);
    }

    /** Provenance without the JVM build facts (the {@code nathear.run/1} fields). */
    public Provenance(String harnessVersion, String gitCommit, String javaVersion, String javaVendor, String osName,
                      String osVersion, String osArch, int availableProcessors, Map<String, String> libraries) {
        this(harnessVersion, gitCommit, javaVersion, javaVendor, null, null, osName, osVersion, osArch,
                availableProcessors, libraries);
    }

    /** The provenance of the running JVM. */
    public static Provenance current(String harnessVersion, String gitCommit, Map<String, String> libraries) {
        return new Provenance(harnessVersion, gitCommit, System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), libraries);
    }
}
