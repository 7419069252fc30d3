package org.nathear.runner.cache;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.nathear.api.HarnessException;
import org.nathear.api.util.Hashing;

/**
 * The SHA-256 of a task's stored audio files, remembered by (path, size, modification time) so a
 * warm run finds every clip's cache key with one {@code stat} per file instead of reading, decoding
 * and resampling the audio.
 *
 * <p>One manifest per task lives in the cache folder ({@code <cache>/.sources/<task id>.tsv}, one line
 * per file: hash, size in bytes, modification time in ns, absolute path). A file whose size or
 * modification time changed is hashed again. Without a cache folder the manifest lives for the run
 * only. Safe for concurrent use by the extraction threads.
 */
public final class SourceManifest {
    private static final String HEADER = "# nathear source manifest v1: sha256\tsize\tmtime_ns\tpath";

    private record Entry(String sha256, long size, long modifiedNanos) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean changed;

    private SourceManifest(Path file) {
        this.file = file;
    }

    /** A manifest kept in memory only (no cache folder). */
    public static SourceManifest inMemory() {
        return new SourceManifest(null);
    }

    /**
     * Opens the manifest of one task under {@code cacheDir}; a missing or unreadable manifest starts
     * empty (every file is hashed again, nothing else is lost).
     */
    public static SourceManifest open(Path cacheDir, String taskId) {
        SourceManifest m = new SourceManifest(cacheDir.resolve(".sources").resolve(taskId + ".tsv"));
        if (Files.isRegularFile(m.file)) {
            try {
                List<String> lines = Files.readAllLines(m.file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t", 4);
                    if (f.length != 4 || f[0].length() != 64) {
                        m.entries.clear();
                        break;
                    }
                    m.entries.put(f[3], new Entry(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
                }
            } catch (IOException | RuntimeException e) {
                m.entries.clear();
            }
        }
        return m;
    }

    /** The SHA-256 (hex) of a file's bytes, from the manifest when its size and modification time match. */
    public String hash(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        String key = abs.toString();
        try {
            BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
            long size = a.size();
            long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            Entry e = entries.get(key);
            if (e != null && e.size() == size && e.modifiedNanos() == modified) {
                return e.sha256();
            }
            String sha = sha256(abs);
            entries.put(key, new Entry(sha, size, modified));
            changed = true;
            return sha;
        } catch (IOException e) {
            throw new HarnessException("Cannot read audio file " + abs + " to hash it: " + e, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md = Hashing.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return Hashing.hex(md.digest());
    }

    /** Number of files known. */
    public int size() {
        return entries.size();
    }

    /** Writes the manifest if a file was hashed since it was opened (temporary file, then atomic move). */
    public void save() {
        if (file == null || !changed) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    w.write(HEADER);
                    w.newLine();
                    for (Map.Entry<String, Entry> e : new java.util.TreeMap<>(entries).entrySet()) {
                        if (e.getKey().indexOf('\n') >= 0 || e.getKey().indexOf('\r') >= 0) {
                            continue; // a path that cannot be written on one line is simply hashed again next time
                        }
                        Entry v = e.getValue();
                        w.write(v.sha256() + "\t" + v.size() + "\t" + v.modifiedNanos() + "\t" + e.getKey());
                        w.newLine();
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            changed = false;
        } catch (IOException e) {
            throw new HarnessException("Cannot write source manifest " + file + ": " + e
                    + ". Check free space and permissions, or pass --no-cache.", e);
        }
    }

    /** Where the manifest is kept, or null when in memory only. */
    public Path file() {
        return file;
    }
}
