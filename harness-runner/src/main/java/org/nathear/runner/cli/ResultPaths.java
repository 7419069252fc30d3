package org.nathear.runner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.io.TempFiles;
import org.nathear.results.files.SourcedRun;

/** Turns RESULTS arguments (files, run folders, folders of runs) into result files, and reads them. */
final class ResultPaths {
    static final String RESULT_FILE = "results.json";

    private ResultPaths() {
    }

    /**
     * Expands each argument: a file is itself; a folder holding {@code results.json} is that file; any
     * other folder is every {@code results.json} up to three levels below it, sorted by path.
     *
     * @throws ConfigurationException naming the argument when it does not exist or holds no result file
     */
    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path arg : arguments) {
            if (Files.isRegularFile(arg)) {
                files.add(arg);
            } else if (Files.isDirectory(arg)) {
                Path direct = arg.resolve(RESULT_FILE);
                if (Files.isRegularFile(direct)) {
                    files.add(direct);
                    continue;
                }
                try (Stream<Path> walk = Files.walk(arg, 3)) {
                    List<Path> found = walk.filter(p -> p.getFileName().toString().equals(RESULT_FILE))
                            .filter(Files::isRegularFile).sorted().toList();
                    if (found.isEmpty()) {
                        throw new ConfigurationException("Folder " + arg + " holds no " + RESULT_FILE
                                + " (looked three levels down); expected a run folder or a folder of runs");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new ConfigurationException("Cannot list folder " + arg + ": " + e, e);
                }
            } else {
                throw new ConfigurationException("Result file or folder " + arg + " does not exist");
            }
        }
        if (files.isEmpty()) {
            throw new ConfigurationException("No result files given");
        }
        return files;
    }

    /** Reads every file; errors name the file (schema, truncation, fields). */
    static List<SourcedRun> read(List<Path> files) {
        List<SourcedRun> runs = new ArrayList<>();
        for (Path f : files) {
            runs.add(SourcedRun.read(f));
        }
        return runs;
    }

    /** Writes text to a file atomically (temporary file in the same folder, then a rename). */
    static void writeText(Path file, String text) {
        Path target = file.toAbsolutePath();
        try {
            TempFiles.writeString(target, text);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + target + ": " + e, e);
        }
    }
}
