package org.nathear.api.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * <p>{@link #writeAtomically} is the one home of "write a temporary file beside the target, then rename
 * it over the target": readers see the old file or the new one, never half of one.
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

    /** Writes the content of a file, given the temporary path to write it to. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code file} (an existing empty file). */
        void writeTo(Path file) throws IOException;
    }

    /**
     * Writes {@code target} atomically: creates its folder if needed, writes a temporary file beside it
     * ({@link #createTempFile}, so the result follows the umask), then renames that over {@code target}.
     * When writing fails, {@code target} is left as it was and the temporary file is removed.
     */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path tmp = createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #writeAtomically} of a UTF-8 text. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        writeAtomically(target, tmp -> Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8));
    }
}
