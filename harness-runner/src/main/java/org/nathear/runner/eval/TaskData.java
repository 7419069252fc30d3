package org.nathear.runner.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.ClipRef;
import org.nathear.api.HarnessException;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.util.Hashing;
import org.nathear.runner.cache.SourceManifest;

/**
 * What a task's data hash covers: one row per clip — split, clip id, label, and the SHA-256 of every
 * stored file of the clip — in split and clip order. The hash is the SHA-256 of the rows, so it is the
 * same for every model (it does not depend on a model's sample rate or channel rule) and changes when
 * a label, a file's bytes, or the set of clips changes. The rows are written next to results.json
 * ({@code task-data/<task id>.tsv}) so {@code --resume} can say what changed.
 *
 * @param taskId the task
 * @param rows   {@code split \t clip id \t label \t file hashes (comma-separated)}
 * @param hash   SHA-256 (hex) of the rows, each followed by a newline
 */
public record TaskData(String taskId, List<String> rows, String hash) {
    /** The folder, under the run folder, where the rows are written. */
    public static final String FOLDER = "task-data";

    public TaskData {
        rows = List.copyOf(rows);
    }

    /**
     * The data of a task whose every clip has stored files, hashed through {@code manifest}; null when
     * some clip has none (a task plugin that makes audio on the fly), so the caller falls back to
     * hashing the audio.
     */
    public static TaskData of(OpenedTask task, SourceManifest manifest) {
        TaskDescriptor td = task.descriptor();
        List<String[]> clips = new ArrayList<>();
        for (String split : td.splits()) {
            for (ClipRef ref : task.clips(split)) {
                clips.add(new String[] {split, ref.id(), ref.label().toString()});
            }
        }
        String[] hashes = new String[clips.size()];
        java.util.concurrent.atomic.AtomicBoolean missing = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.stream.IntStream.range(0, clips.size()).parallel().forEach(i -> {
            String[] c = clips.get(i);
            List<Path> files = task.storedFiles(c[0], c[1]);
            if (files.isEmpty()) {
                missing.set(true);
                return;
            }
            StringBuilder sb = new StringBuilder();
            for (Path f : files) {
                sb.append(sb.length() > 0 ? "," : "").append(manifest.hash(f));
            }
            hashes[i] = sb.toString();
        });
        if (missing.get()) {
            return null;
        }
        List<String> rows = new ArrayList<>(clips.size());
        for (int i = 0; i < clips.size(); i++) {
            String[] c = clips.get(i);
            rows.add(escape(c[0]) + "\t" + escape(c[1]) + "\t" + escape(c[2]) + "\t" + hashes[i]);
        }
        return new TaskData(td.id(), rows, hashOf(rows));
    }

    static String hashOf(List<String> rows) {
        var md = Hashing.sha256();
        for (String row : rows) {
            md.update((row + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Hashing.hex(md.digest());
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Where the rows of {@code taskId} are written in a run folder. */
    public static Path file(Path runDir, String taskId) {
        return runDir.resolve(FOLDER).resolve(taskId + ".tsv");
    }

    /** Writes the rows into the run folder (temporary file, then atomic move). */
    public void write(Path runDir) {
        Path file = file(runDir, taskId);
        try {
            org.nathear.api.io.TempFiles.writeAtomically(file, tmp -> Files.write(tmp, rows, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HarnessException("Cannot write " + file + ": " + e, e);
        }
    }

    /** The rows written by an earlier run, or null when the file is missing or unreadable. */
    public static List<String> readRows(Path runDir, String taskId) {
        Path file = file(runDir, taskId);
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Says what differs between earlier rows and these: clips added and removed, labels changed,
     * audio changed, each with up to three examples.
     */
    public String describeChangesSince(List<String> earlier) {
        Map<String, String[]> before = index(earlier);
        Map<String, String[]> now = index(rows);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> audio = new ArrayList<>();
        now.forEach((k, v) -> {
            String[] old = before.get(k);
            if (old == null) {
                added.add(k);
            } else {
                if (!old[0].equals(v[0])) {
                    labels.add(k);
                }
                if (!old[1].equals(v[1])) {
                    audio.add(k);
                }
            }
        });
        before.keySet().forEach(k -> {
            if (!now.containsKey(k)) {
                removed.add(k);
            }
        });
        List<String> parts = new ArrayList<>();
        part(parts, "audio changed", audio);
        part(parts, "labels changed", labels);
        part(parts, "clips added", added);
        part(parts, "clips removed", removed);
        return parts.isEmpty() ? "the clip order changed" : String.join("; ", parts);
    }

    private static void part(List<String> parts, String what, List<String> clips) {
        if (!clips.isEmpty()) {
            parts.add(what + " for " + clips.size() + " clip(s) (e.g. "
                    + String.join(", ", clips.subList(0, Math.min(3, clips.size()))) + ")");
        }
    }

    private static Map<String, String[]> index(List<String> rows) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (String row : rows) {
            String[] f = row.split("\t", -1);
            if (f.length == 4) {
                m.put(f[0] + "/" + f[1], new String[] {f[2], f[3]});
            }
        }
        return m;
    }
}
