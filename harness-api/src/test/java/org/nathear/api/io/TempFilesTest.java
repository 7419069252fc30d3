package org.nathear.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
    @TempDir
    Path dir;

    /** What the umask gives a plain new file here, e.g. rw-r--r-- under umask 022. */
    private Set<PosixFilePermission> umaskMode() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        return mode;
    }

    @Test
    void aTempFileGetsTheUmasksPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        Set<PosixFilePermission> expected = umaskMode();
        Path tmp = TempFiles.createTempFile(dir, ".leaderboard.md", ".tmp");
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)));
        // the JDK's own temp file is owner-only: the reason for this class
        Path jdk = Files.createTempFile(dir, "x", ".tmp");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jdk)));
    }

    @Test
    void namesAreFreshAndInTheFolder() throws IOException {
        Path a = TempFiles.createTempFile(dir, ".a", ".tmp");
        Path b = TempFiles.createTempFile(dir, ".a", ".tmp");
        assertNotEquals(a, b);
        assertEquals(dir, a.getParent());
        assertTrue(a.getFileName().toString().startsWith(".a") && a.getFileName().toString().endsWith(".tmp"), a.toString());
        assertEquals(0, Files.size(a));
    }

    @Test
    void writeAtomicallyReplacesTheTargetAndCreatesItsFolder() throws IOException {
        Path target = dir.resolve("sub").resolve("board.md");
        TempFiles.writeString(target, "first");
        TempFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left beside the target");
        }
    }

    @Test
    void aFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("board.md");
        TempFiles.writeString(target, "kept");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> TempFiles.writeAtomically(target, tmp -> {
                    Files.writeString(tmp, "half");
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
        assertEquals("kept", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file was removed");
        }
    }
}
