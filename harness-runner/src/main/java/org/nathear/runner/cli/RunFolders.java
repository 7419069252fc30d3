package org.nathear.runner.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nathear.api.ConfigurationException;

/**
 * Creates the folder of a new run exclusively, so that two runs started in the same second with the
 * same seed and {@code --output} never share a folder (and so never overwrite each other's
 * results.json): the folder is made with {@link Files#createDirectory}, which fails when it exists,
 * and the second run retries with a suffix ({@code <id>-2}, {@code <id>-3}, ...). The folder's name
 * is the run id.
 */
final class RunFolders {
    /** Gives up after this many taken names (a sign of something odd, e.g. a clock stuck in the past). */
    static final int MAX_ATTEMPTS = 1000;

    private RunFolders() {
    }

    /** Creates {@code output/<baseId>} (or the first free {@code output/<baseId>-N}) and returns it. */
    static Path createExclusive(Path output, String baseId) {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot create output folder " + output + ": " + e, e);
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path candidate = output.resolve(attempt == 1 ? baseId : baseId + "-" + attempt);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                // another run (or an earlier one) has this name: try the next suffix
            } catch (IOException e) {
                throw new ConfigurationException("Cannot create run folder " + candidate + ": " + e, e);
            }
        }
        throw new ConfigurationException("Cannot create a run folder in " + output + ": " + baseId + " and " + (MAX_ATTEMPTS - 1)
                + " suffixed names are all taken; choose another --output folder");
    }
}
