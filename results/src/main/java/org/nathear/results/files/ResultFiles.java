package org.nathear.results.files;

import org.nathear.results.schema.RunSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;

/**
 * Writes and reads run result files ({@code nathear.run/3} JSON, described in
 * docs/result-format.md). {@code nathear.run/2} and {@code /1} files are still read: their settings
 * string map is read into the typed settings ({@link LegacySettings}), and the fields version 2
 * added are absent from version 1 files and read as null or empty.
 *
 * <ul>
 *   <li>Text: UTF-8, two-space indentation, {@code \n} line ends, a final newline; record fields in
 *       declaration order, map keys sorted; numbers as Java's shortest round-trip decimal (no
 *       locale involved). The same {@link RunResult} always gives the same bytes.</li>
 *   <li>NaN and ±∞ are written as the JSON strings {@code "NaN"}, {@code "Infinity"},
 *       {@code "-Infinity"} (bare NaN tokens are not JSON) and read back as numbers;
 *       {@code null} means "absent" (e.g. no primary score for a failed cell).</li>
 *   <li>{@link #write} never leaves a half-written file: it writes a temporary file in the target's
 *       folder, forces it to disk, then renames it over the target with
 *       {@link StandardCopyOption#ATOMIC_MOVE}. Readers see the old file or the new one.</li>
 * </ul>
 */
public final class ResultFiles {
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Objects one field a line; arrays on one line ({@code [ 0.8, 0.85 ]}, objects inside still indented). */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private ResultFiles() {
    }

    /**
     * Writes {@code run} to {@code file} atomically, creating missing parent folders and replacing
     * an existing file.
     *
     * @throws ResultFileException if the folder or file cannot be written; the old file, if any, is
     *                             then left as it was and no temporary file remains
     */
    public static void write(Path file, RunResult run) {
        byte[] bytes = toJson(run).getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = newTempFile(target);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                out.write(bytes);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncFolder(dir);
        } catch (AtomicMoveNotSupportedException e) {
            throw new ResultFileException("Cannot write result file " + target + ": the file system does not support "
                    + "an atomic rename inside " + dir + "; write results to a local folder instead", e);
        } catch (IOException e) {
            throw new ResultFileException("Cannot write result file " + target + ": " + describe(e)
                    + "; expected a writable folder (check the --output path and its permissions)", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed and reports that; a stale temp file is the lesser problem
                }
            }
        }
    }

    /**
     * Reads a result file.
     *
     * @throws ResultFileException naming the file when it cannot be read, is not complete JSON, has a
     *                             {@code schema} other than {@link RunResult#SCHEMA},
     *                             {@link RunResult#SCHEMA_V2} or {@link RunResult#SCHEMA_V1}, or has fields
     *                             that do not match the schema
     */
    public static RunResult read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResultFileException("Result file " + file.toAbsolutePath() + " does not exist", e);
        } catch (IOException e) {
            throw new ResultFileException("Cannot read result file " + file.toAbsolutePath() + ": " + describe(e), e);
        }
        return fromJson(text, file.toAbsolutePath().toString());
    }

    /**
     * Parses result JSON (as produced by {@link #toJson}).
     *
     * @param source where the text came from, for error messages (a path or a description)
     */
    public static RunResult fromJson(String json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ResultFileException("Result file " + source + " is not valid JSON" + at(e.getLocation())
                    + " (truncated or corrupt?): " + e.getOriginalMessage()
                    + "; expected a complete " + RunResult.SCHEMA + " document as written by nathear", e);
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            throw new ResultFileException("Result file " + source + " does not hold a JSON object (found "
                    + (tree == null || tree.isMissingNode() ? "no content" : tree.getNodeType().toString().toLowerCase(Locale.ROOT)) + "); expected a " + RunResult.SCHEMA + " document");
        }
        JsonNode schema = tree.get("schema");
        String version = schema != null && schema.isTextual() ? schema.asText() : null;
        if (RunResult.SCHEMA_V1.equals(version)) {
            upgradeFromV1((ObjectNode) tree);
            upgradeFromV2((ObjectNode) tree);
        } else if (RunResult.SCHEMA_V2.equals(version)) {
            upgradeFromV2((ObjectNode) tree);
        } else if (!RunResult.SCHEMA.equals(version)) {
            String found = schema == null ? "no \"schema\" field" : "schema " + schema;
            throw new ResultFileException("Result file " + source + " has " + found + "; expected schema \""
                    + RunResult.SCHEMA + "\" (or \"" + RunResult.SCHEMA_V2 + "\" or \"" + RunResult.SCHEMA_V1
                    + "\", which are read and upgraded). "
                    + "It was written by another nathear version or is not a nathear run result; rerun the benchmark "
                    + "or read it with the nathear version that wrote it");
        }
        fillOptionalFields(tree);
        RunResult run;
        try {
            run = MAPPER.treeToValue(tree, RunResult.class);
        } catch (JsonMappingException e) {
            throw new ResultFileException("Result file " + source + " does not match schema " + RunResult.SCHEMA
                    + " at " + jsonPath(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ResultFileException("Result file " + source + " does not match schema " + RunResult.SCHEMA
                    + ": " + e.getMessage(), e);
        }
        MetricRanges.check(run, source);
        return run;
    }

    /**
     * Reads a {@code nathear.run/1} document as {@code nathear.run/2}: the fields added in version 2
     * are absent there and become null (or empty): {@code resumedUtc}, the provenance's
     * {@code javaRuntimeVersion} and {@code javaVmName}, and each cell's {@code taskKind},
     * {@code taskLayout}, {@code primaryInterval} and {@code distributions}. Nothing else changed.
     */
    private static void upgradeFromV1(ObjectNode run) {
        if (!run.has("resumedUtc")) {
            run.putArray("resumedUtc");
        }
        JsonNode provenance = run.get("provenance");
        if (provenance instanceof ObjectNode p) {
            putNullIfAbsent(p, "javaRuntimeVersion");
            putNullIfAbsent(p, "javaVmName");
        }
        JsonNode cells = run.get("cells");
        if (cells != null && cells.isArray()) {
            for (JsonNode cell : cells) {
                if (cell instanceof ObjectNode c) {
                    putNullIfAbsent(c, "taskKind");
                    putNullIfAbsent(c, "taskLayout");
                    putNullIfAbsent(c, "primaryInterval");
                    if (!c.has("distributions")) {
                        c.putObject("distributions");
                    }
                }
            }
        }
    }

    /**
     * Reads a {@code nathear.run/2} document as {@code nathear.run/3}: the settings' string map
     * ({@code options}) becomes the typed fields of {@link RunSettings} ({@link LegacySettings}).
     * Nothing else changed.
     */
    private static void upgradeFromV2(ObjectNode run) {
        run.put("schema", RunResult.SCHEMA);
        LegacySettings.upgrade(run.get("settings"));
    }

    /** Optional fields of {@code nathear.run/3}, left out of a file when null: read as null when absent. */
    private static void fillOptionalFields(JsonNode run) {
        JsonNode cells = run.get("cells");
        if (cells != null && cells.isArray()) {
            for (JsonNode cell : cells) {
                if (cell instanceof ObjectNode c) {
                    putNullIfAbsent(c, "modelFacts");
                }
            }
        }
        if (run.get("settings") instanceof ObjectNode settings) {
            if (!settings.has("unrecognizedOptions")) {
                settings.putObject("unrecognizedOptions");
            }
            putNullIfAbsent(settings, "doaTarget");
        }
    }

    private static void putNullIfAbsent(ObjectNode node, String field) {
        if (!node.has(field)) {
            node.putNull(field);
        }
    }

    /** The exact text {@link #write} puts in a file (ends with a newline). */
    public static String toJson(RunResult run) {
        if (run == null) {
            throw new ResultFileException("Cannot serialise a null RunResult");
        }
        try {
            return WRITER.writeValueAsString(run) + "\n";
        } catch (JsonProcessingException e) {
            throw new ResultFileException("Cannot serialise run " + run.runId() + " to JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Checks, before any heavy work, that {@code file} can be written: creates its folder and a
     * temporary file next to it, then removes the temporary file. The target itself is not touched.
     *
     * @throws ResultFileException naming the path when it cannot be written
     */
    public static void checkWritable(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new ResultFileException("Result file " + target + " is a folder; expected a file path such as "
                    + target.resolve("run.json"));
        }
        try {
            Files.createDirectories(target.getParent());
            Files.delete(newTempFile(target));
        } catch (IOException e) {
            throw new ResultFileException("Result file " + target + " cannot be written: " + describe(e)
                    + "; expected a writable folder (check the --output path and its permissions)", e);
        }
    }

    /** {@code .<name>.<pid>-<n>.tmp} next to the target: same folder, so the rename stays atomic. */
    private static Path newTempFile(Path target) throws IOException {
        String name = "." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + TEMP_COUNTER.incrementAndGet() + ".tmp";
        Path temp = target.resolveSibling(name);
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
    }

    /** Makes the rename durable where the platform allows opening a folder (Linux, macOS). */
    private static void syncFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort only: the rename has happened and is atomic; some platforms cannot open folders
        }
    }

    /** The failing field as {@code cells[0].timings.clipsEmbedded}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the top level" : path.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(IOException e) {
        String detail = e.getMessage();
        return e.getClass().getSimpleName() + (detail == null ? "" : " (" + detail + ")");
    }
}
