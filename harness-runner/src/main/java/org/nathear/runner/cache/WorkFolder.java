package org.nathear.runner.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nathear.api.HarnessException;

/**
 * A run's private folder for temporary work files (the memory-mapped embedding matrices of the cell
 * being evaluated). It is created fresh and unique with owner-only permissions
 * ({@code Files.createTempDirectory}, {@code rwx------} where the file system has POSIX permissions)
 * under a base folder ({@code <cache>/.work}, or the system temporary folder with {@code --no-cache}),
 * so no fixed shared path is ever followed or reused. Its name carries the process id
 * ({@code nathear-work-<pid>-<random>}): it is removed on {@link #close}, by a shutdown hook on a clean
 * exit or SIGTERM, and — after a crash or {@code kill -9} — by the next run that opens a work folder
 * under the same base, which removes every such folder whose process is no longer alive.
 */
public final class WorkFolder implements AutoCloseable {
    static final String PREFIX = "nathear-work-";

    private final Path dir;
    private final Thread cleanup;

    private WorkFolder(Path dir) {
        this.dir = dir;
        this.cleanup = new Thread(() -> deleteTree(dir), "nathear-work-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Creates a private work folder under {@code base}, first removing stale ones left by dead processes. */
    public static WorkFolder create(Path base) {
        try {
            if (Files.isSymbolicLink(base)) {
                throw new HarnessException("Work folder base " + base + " is a symbolic link; nathear will not write "
                        + "temporary files through it. Remove it or choose another --cache-dir");
            }
            Files.createDirectories(base);
            if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
                throw new HarnessException("Work folder base " + base + " is not a folder");
            }
            removeStale(base);
            Path dir;
            if (base.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                dir = Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                dir = Files.createTempDirectory(base, PREFIX + ProcessHandle.current().pid() + "-");
            }
            return new WorkFolder(dir);
        } catch (IOException e) {
            throw new HarnessException("Cannot create a temporary work folder in " + base + ": " + e
                    + ". Check free space and permissions (--cache-dir sets where work files go).", e);
        }
    }

    /** The system temporary folder, the base used without a cache. */
    public static Path systemTemp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    public Path path() {
        return dir;
    }

    /** Removes the folder and everything in it. */
    @Override
    public void close() {
        deleteTree(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    /**
     * Removes the work folders under {@code base} whose process id names a process that is no longer
     * alive (left by a crashed or killed run). Folders of live processes and anything not named like a
     * work folder are left alone.
     *
     * @return the folders removed
     */
    public static List<Path> removeStale(Path base) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path p : entries) {
                Optional<Long> pid = pidOf(p.getFileName().toString());
                if (pid.isEmpty() || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                boolean alive = ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false);
                if (!alive && Files.isWritable(p)) {
                    deleteTree(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            // cleaning is best effort: a folder that cannot be listed is left for the user
        }
        return removed;
    }

    static Optional<Long> pidOf(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Deletes a folder tree without following symbolic links. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort; the next run removes what is left
        }
    }
}
