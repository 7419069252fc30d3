package org.nathear.tasks.spatial;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.io.TempFiles;

/**
 * File helpers for writers of task folders: every file is written to a temporary file and moved
 * into place atomically; whole folders are built under a temporary name and moved at the end.
 */
public final class TaskFiles {
    /** Pretty JSON, nulls left out, deterministic key order for maps. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private TaskFiles() {
    }

    /** Writes UTF-8 text atomically, creating parent folders. */
    public static void writeString(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = TempFiles.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + file + ": " + e, e);
        }
    }

    /** Writes a value as pretty JSON atomically. */
    public static void writeJson(Path file, Object value) {
        try {
            writeString(file, JSON.writeValueAsString(value) + "\n");
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("Cannot serialise " + file.getFileName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** A hard link to {@code source} at {@code target} (same file system), else a copy. */
    public static void linkOrCopy(Path source, Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, source);
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot link or copy " + source + " to " + target + ": " + e, e);
        }
    }

    /** Moves a finished folder into its final place in one step (atomic where the file system allows). */
    public static void moveFolder(Path partial, Path target) {
        try {
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot move the finished folder " + partial + " to " + target + ": " + e, e);
        }
    }

    /** Deletes a folder and everything in it (no-op when absent). */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot delete " + folder + ": " + e, e);
        }
    }

    /** The temporary name under which a folder is built: {@code .<name>.partial} next to it. */
    public static Path partialFolder(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".partial");
    }
}
