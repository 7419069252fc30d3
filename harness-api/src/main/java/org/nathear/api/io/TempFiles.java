package org.nathear.api.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Temporary files for atomic writes (write beside the target, then rename over it) that end up with
 * the permissions the user's umask gives a new file.
 *
 * <p>{@link Files#createTempFile(Path, String, String)} makes its file readable by the owner only
 * (0600) on POSIX file systems, and a rename keeps the mode, so every file written "temp, then
 * rename" with it was private whatever the umask (022 normally makes files 0644). A file from
 * {@link #createTempFile} is created like any new file ({@code open(O_CREAT | O_EXCL)} with mode 0666
 * less the umask) under a random name, so the renamed file is readable by whom the umask allows:
 * a colleague, a CI web server.
 *
 * <p>Use {@link Files#createTempFile} for scratch files that are deleted, not renamed into place.
 */
public final class TempFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 100;

    private TempFiles() {
    }

    /**
     * Creates a new empty file {@code dir/prefix<random hex>suffix}, with the umask's permissions.
     *
     * @param dir    an existing folder (the target's, so that the rename is atomic)
     * @param prefix start of the file name, e.g. {@code "." + target.getFileName()}
     * @param suffix end of the file name, e.g. {@code ".tmp"}
     * @throws IOException if the folder is not writable (or, after many tries, every random name was taken)
     */
    public static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        FileAlreadyExistsException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            Path candidate = dir.resolve(prefix + HexFormat.of().formatHex(random) + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                last = e;
            }
        }
        throw new IOException("Cannot create a temporary file in " + dir + " after " + ATTEMPTS
                + " tries: every random name was taken", last);
    }
}
