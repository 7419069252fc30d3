package org.nathear.api.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the read-only {@code shared} folder (real data and references) for tests that need it.
 *
 * <p>Looks, in order, at the system property {@code nathear.shared.dir} (surefire sets it from the
 * parent pom), then at {@code ../shared} next to the project root, then at a folder named
 * {@code shared} beside any ancestor of the working directory (so a git worktree under
 * {@code work/wt/name} still finds {@code work/shared}). Tests call {@link #requireDir(String)},
 * which skips them with the reason when the folder is absent.
 */
public final class SharedData {
    /** The system property that names the shared folder. */
    public static final String PROPERTY = "nathear.shared.dir";

    private SharedData() {
    }

    /** The shared folder, if one can be found. */
    public static Optional<Path> root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        // the module folder's parent is the project root; its sibling "shared" is the documented place
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared");
            if (d.getParent() != null && Files.isDirectory(candidate.resolve("data"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The folder {@code relative} inside the shared folder; skips the calling test (JUnit
     * assumption) with a reason naming what was looked for when it is absent.
     */
    public static Path requireDir(String relative) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(), () -> "skipped: shared data folder not found (system property "
                + PROPERTY + "=" + System.getProperty(PROPERTY) + ", and no 'shared' folder beside "
                + Path.of("").toAbsolutePath() + " or its ancestors)");
        Path dir = root.get().resolve(relative);
        Assumptions.assumeTrue(Files.isDirectory(dir), () -> "skipped: " + dir + " is absent from the shared data folder");
        return dir;
    }
}
