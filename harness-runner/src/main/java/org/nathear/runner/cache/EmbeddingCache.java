package org.nathear.runner.cache;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nathear.api.HarnessException;

/**
 * A content-addressed store of embeddings for one (model, task, split): entries are keyed by the
 * SHA-256 of the split key (model id, version, weights hash, options, channel rule, front-end
 * version, task id and version, split) and the clip's audio, so changed audio or a changed model
 * never hits a stale entry.
 *
 * <p>File format ({@code .emb}, big-endian): magic {@code NHEMB001}, entry count, then per entry
 * the 32-byte clip key, frame count F, F frame times (double, ms; NaN for scene embeddings),
 * dimension D, and F×D floats. Files are written to a temporary file and atomically moved, so a
 * killed run never leaves a half-written cache file; an unreadable file is treated as empty and
 * rewritten.
 */
public final class EmbeddingCache {
    private static final long MAGIC = 0x4E48454D42303031L; // "NHEMB001"

    private final Path file;
    private final Map<String, CachedEmbedding> entries;
    private boolean dirty;

    /** One cached embedding: frames × dims values with each frame's time in ms. */
    public record CachedEmbedding(float[][] frames, double[] timesMillis) {
    }

    private EmbeddingCache(Path file, Map<String, CachedEmbedding> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Opens (or starts) the cache file; a damaged file is ignored and will be overwritten. */
    public static EmbeddingCache open(Path file) {
        Map<String, CachedEmbedding> entries = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try (InputStream raw = Files.newInputStream(file);
                 DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                if (in.readLong() != MAGIC) {
                    throw new IOException("bad magic");
                }
                int count = in.readInt();
                byte[] key = new byte[32];
                for (int e = 0; e < count; e++) {
                    in.readFully(key);
                    int frames = in.readInt();
                    double[] times = new double[frames];
                    for (int f = 0; f < frames; f++) {
                        times[f] = in.readDouble();
                    }
                    int dim = in.readInt();
                    float[][] values = new float[frames][dim];
                    for (int f = 0; f < frames; f++) {
                        for (int d = 0; d < dim; d++) {
                            values[f][d] = in.readFloat();
                        }
                    }
                    entries.put(HexFormat.of().formatHex(key), new CachedEmbedding(values, times));
                }
            } catch (EOFException e) {
                entries.clear(); // truncated by something outside nathear: recompute
            } catch (IOException e) {
                entries.clear();
            }
        }
        return new EmbeddingCache(file, entries);
    }

    public CachedEmbedding get(String clipKeyHex) {
        return entries.get(clipKeyHex);
    }

    public void put(String clipKeyHex, CachedEmbedding embedding) {
        entries.put(clipKeyHex, embedding);
        dirty = true;
    }

    public int size() {
        return entries.size();
    }

    /** Writes the cache if anything was added (temporary file, then atomic move). */
    public void save() {
        if (!dirty) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                try (OutputStream raw = Files.newOutputStream(tmp);
                     DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                    out.writeLong(MAGIC);
                    out.writeInt(entries.size());
                    for (Map.Entry<String, CachedEmbedding> e : entries.entrySet()) {
                        out.write(HexFormat.of().parseHex(e.getKey()));
                        CachedEmbedding v = e.getValue();
                        out.writeInt(v.frames().length);
                        for (double t : v.timesMillis()) {
                            out.writeDouble(t);
                        }
                        int dim = v.frames().length == 0 ? 0 : v.frames()[0].length;
                        out.writeInt(dim);
                        for (float[] frame : v.frames()) {
                            for (float x : frame) {
                                out.writeFloat(x);
                            }
                        }
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            dirty = false;
        } catch (IOException e) {
            throw new HarnessException("Cannot write embedding cache " + file + ": " + e
                    + ". Check free space and permissions, or pass --no-cache.", e);
        }
    }
}
