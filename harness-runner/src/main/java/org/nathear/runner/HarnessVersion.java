package org.nathear.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.nathear.api.spi.Origins;

/** The harness's version, the git commit it was built from (when known), and library versions. */
public final class HarnessVersion {
    private HarnessVersion() {
    }

    /** The Maven version of the harness, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = HarnessVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /**
     * The commit of the git checkout the harness runs from (found by walking up from its jar), with
     * {@code -dirty} never claimed since the work tree is not inspected; {@code unknown} outside a
     * checkout.
     */
    public static String gitCommit() {
        String origin = Origins.of(HarnessVersion.class);
        Path dir;
        try {
            dir = Path.of(origin).toAbsolutePath();
        } catch (RuntimeException e) {
            return "unknown";
        }
        for (; dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                return readHead(git);
            }
            if (Files.isRegularFile(git)) { // a worktree: "gitdir: <path>"
                try {
                    String text = Files.readString(git, StandardCharsets.UTF_8).trim();
                    if (text.startsWith("gitdir:")) {
                        return readHead(dir.resolve(text.substring(7).trim()));
                    }
                } catch (IOException e) {
                    return "unknown";
                }
            }
        }
        return "unknown";
    }

    private static String readHead(Path gitDir) {
        try {
            String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
            if (!head.startsWith("ref:")) {
                return head;
            }
            String ref = head.substring(4).trim();
            Path common = gitDir;
            Path commonFile = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonFile)) {
                common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
            }
            for (Path base : new Path[] {gitDir, common}) {
                Path refFile = base.resolve(ref);
                if (Files.isRegularFile(refFile)) {
                    return Files.readString(refFile, StandardCharsets.UTF_8).trim();
                }
            }
            Path packed = common.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref)) {
                        return line.substring(0, line.indexOf(' '));
                    }
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** Versions of the libraries that can change scores, as the harness's own class loader sees them. */
    public static Map<String, String> libraries() {
        return libraries(java.util.List.of());
    }

    /**
     * Versions of the libraries that can change scores: Tribuo, Jackson, picocli, and DJL, PyTorch
     * and ONNX Runtime where the harness or one of the given (plugin) class loaders can see them
     * ({@link org.nathear.runner.util.LibraryVersions}: no class of theirs is loaded).
     */
    public static Map<String, String> libraries(java.util.Collection<ClassLoader> pluginLoaders) {
        Map<String, String> libs = new TreeMap<>(org.nathear.runner.util.LibraryVersions.detect(pluginLoaders));
        libs.put("tribuo", org.tribuo.Tribuo.VERSION);
        libs.put("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        libs.put("picocli", picocli.CommandLine.VERSION);
        return libs;
    }
}
