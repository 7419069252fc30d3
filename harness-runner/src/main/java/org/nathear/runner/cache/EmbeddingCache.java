package org.nathear.runner.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.nathear.api.HarnessException;

/**
 * A content-addressed store of embeddings for one (model, task, split): entries are keyed by the
 * SHA-256 of the split key (model id, version, weights hash, options, channel rule, front-end
 * version, task id and version, split) and the clip's audio, so changed audio or a changed model
 * never hits a stale entry.
 *
 * <p>File format ({@code .emb}, big-endian): magic {@code NHEMB002}, entry count, then per entry
 * the 32-byte clip key, frame count F, the duration of the audio the model saw (double, ms), F frame
 * times (double, ms; NaN for scene embeddings), dimension D, F×D floats, and a CRC-32 of everything
 * from F to the last float. Files are written to a temporary file and atomically moved, so a killed
 * run never leaves a half-written cache file; an unreadable file is treated as empty and rewritten.
 * An entry whose checksum does not match, or that holds a non-finite value, is reported by
 * {@link #lookup} as damaged, so the caller recomputes it (and says so) instead of scoring it.
 *
 * <p>Nothing is held on the heap but an index (key → file offset): {@link #open} scans the entry
 * headers only, {@link #get} reads one entry from disk, and {@link #put} appends the entry to a
 * hidden pending file beside the cache file, so a split of 50 000 clips or of two-minute clips with
 * timestamp embeddings costs a few megabytes of heap. {@link #save} copies the old entries and the
 * pending ones into the new file (channel to channel) and deletes the pending file; {@link #close}
 * drops unsaved entries.
 */
public final class EmbeddingCache implements AutoCloseable {
    private static final long MAGIC = 0x4E48454D42303032L; // "NHEMB002"
    private static final int KEY_BYTES = 32;
    private static final int HEADER_BYTES = 12;

    private final Path file;
    private final Map<String, Location> index;
    private FileChannel readChannel;
    private Path pendingFile;
    private FileChannel pendingChannel;
    private long pendingSize;

    /**
     * One cached embedding: frames × dims values with each frame's time in ms, and the duration of
     * the audio the model saw (ms).
     */
    public record CachedEmbedding(float[][] frames, double[] timesMillis, double durationMillis) {
        /** Without a known duration (NaN). */
        public CachedEmbedding(float[][] frames, double[] timesMillis) {
            this(frames, timesMillis, Double.NaN);
        }
    }

    /**
     * What {@link #lookup} found: the entry, or null with {@code damage} saying why a stored entry
     * cannot be used (null damage and null entry: not cached).
     */
    public record Lookup(CachedEmbedding entry, String damage) {
        public boolean hit() {
            return entry != null;
        }
    }

    /** Where an entry lives: in the cache file or in the pending file, and its shape. */
    private record Location(boolean pending, long offset, int frames, int dimension) {
        long length() {
            return entryLength(frames, dimension);
        }
    }

    private EmbeddingCache(Path file, Map<String, Location> index) {
        this.file = file;
        this.index = index;
    }

    /** Opens (or starts) the cache file; a damaged file is ignored and will be overwritten. */
    public static EmbeddingCache open(Path file) {
        return new EmbeddingCache(file, readIndex(file));
    }

    private static Map<String, Location> readIndex(Path file) {
        Map<String, Location> index = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return index;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
            readFully(ch, header, 0);
            if (header.getLong(0) != MAGIC) {
                return new LinkedHashMap<>();
            }
            int count = header.getInt(8);
            long pos = HEADER_BYTES;
            ByteBuffer head = ByteBuffer.allocate(KEY_BYTES + 4).order(ByteOrder.BIG_ENDIAN);
            ByteBuffer dimBuffer = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN);
            byte[] key = new byte[KEY_BYTES];
            for (int e = 0; e < count; e++) {
                if (pos + KEY_BYTES + 4 > size) {
                    return new LinkedHashMap<>();
                }
                head.clear();
                readFully(ch, head, pos);
                head.get(0, key);
                int frames = head.getInt(KEY_BYTES);
                long dimPos = pos + KEY_BYTES + 4 + 8 + 8L * frames;
                if (frames < 0 || dimPos + 4 > size) {
                    return new LinkedHashMap<>();
                }
                dimBuffer.clear();
                readFully(ch, dimBuffer, dimPos);
                int dim = dimBuffer.getInt(0);
                long length = entryLength(frames, dim);
                if (dim < 0 || pos + length > size) {
                    return new LinkedHashMap<>();
                }
                index.put(HexFormat.of().formatHex(key), new Location(false, pos, frames, dim));
                pos += length;
            }
            if (pos != size) {
                return new LinkedHashMap<>(); // trailing bytes: not a file nathear wrote
            }
        } catch (IOException e) {
            return new LinkedHashMap<>();
        }
        return index;
    }

    private static long entryLength(int frames, int dimension) {
        return KEY_BYTES + 4 + 8 + 8L * frames + 4 + 4L * frames * dimension + 4;
    }

    /** The cached embedding, read from disk, or null when it is missing or damaged. */
    public CachedEmbedding get(String clipKeyHex) {
        return lookup(clipKeyHex).entry();
    }

    /**
     * Reads one entry and checks it: its CRC-32, and that every value and the duration are finite.
     * A damaged entry comes back with the reason, never with its values.
     */
    public Lookup lookup(String clipKeyHex) {
        Location loc = index.get(clipKeyHex);
        if (loc == null) {
            return new Lookup(null, null);
        }
        try {
            FileChannel ch;
            if (loc.pending()) {
                ch = pendingChannel;
            } else {
                if (readChannel == null) {
                    readChannel = FileChannel.open(file, StandardOpenOption.READ);
                }
                ch = readChannel;
            }
            int frames = loc.frames();
            int dim = loc.dimension();
            CRC32 crc = new CRC32();
            ByteBuffer head = ByteBuffer.allocate(4 + 8 + 8 * frames + 4).order(ByteOrder.BIG_ENDIAN);
            readFully(ch, head, loc.offset() + KEY_BYTES);
            crc.update(head.duplicate());
            double duration = head.getDouble(4);
            double[] timesMillis = new double[frames];
            for (int f = 0; f < frames; f++) {
                timesMillis[f] = head.getDouble(12 + 8 * f);
            }
            float[][] values = new float[frames][dim];
            long valuesPos = loc.offset() + KEY_BYTES + 4 + 8 + 8L * frames + 4;
            int framesPerRead = Math.max(1, (1 << 20) / Math.max(1, 4 * dim));
            ByteBuffer chunk = ByteBuffer.allocate(4 * dim * Math.max(1, Math.min(frames, framesPerRead)))
                    .order(ByteOrder.BIG_ENDIAN);
            boolean finite = !Double.isInfinite(duration);
            for (int f = 0; f < frames; f += framesPerRead) {
                int n = Math.min(framesPerRead, frames - f);
                chunk.clear();
                chunk.limit(4 * dim * n);
                readFully(ch, chunk, valuesPos + 4L * dim * f);
                crc.update(chunk.duplicate());
                java.nio.FloatBuffer fb = chunk.asFloatBuffer();
                for (int k = 0; k < n; k++) {
                    float[] row = values[f + k];
                    fb.get(row);
                    for (float v : row) {
                        finite &= Float.isFinite(v);
                    }
                }
            }
            ByteBuffer stored = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN);
            readFully(ch, stored, valuesPos + 4L * dim * frames);
            if ((int) crc.getValue() != stored.getInt(0)) {
                return new Lookup(null, "checksum mismatch (the stored bytes changed)");
            }
            if (!finite) {
                return new Lookup(null, "a non-finite value is stored");
            }
            return new Lookup(new CachedEmbedding(values, timesMillis, duration), null);
        } catch (IOException e) {
            throw new HarnessException("Cannot read embedding cache " + (loc.pending() ? pendingFile : file) + ": " + e
                    + ". Delete the file or pass --no-cache.", e);
        }
    }

    /** Adds (or replaces) an entry; it is written to the pending file at once, not kept on the heap. */
    public void put(String clipKeyHex, CachedEmbedding embedding) {
        float[][] frames = embedding.frames();
        int dim = frames.length == 0 ? 0 : frames[0].length;
        if (embedding.timesMillis().length != frames.length) {
            throw new IllegalArgumentException("one time per frame expected; got " + embedding.timesMillis().length
                    + " times for " + frames.length + " frames");
        }
        for (float[] frame : frames) {
            if (frame.length != dim) {
                throw new IllegalArgumentException("all frames must have " + dim + " values; got " + frame.length);
            }
        }
        long length = entryLength(frames.length, dim);
        if (length > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("embedding of " + frames.length + " x " + dim + " values is too large to cache");
        }
        ByteBuffer entry = ByteBuffer.allocate((int) length).order(ByteOrder.BIG_ENDIAN);
        entry.put(HexFormat.of().parseHex(clipKeyHex));
        entry.putInt(frames.length);
        entry.putDouble(embedding.durationMillis());
        for (double t : embedding.timesMillis()) {
            entry.putDouble(t);
        }
        entry.putInt(dim);
        for (float[] frame : frames) {
            entry.asFloatBuffer().put(frame);
            entry.position(entry.position() + 4 * frame.length);
        }
        CRC32 crc = new CRC32();
        crc.update(entry.array(), KEY_BYTES, entry.position() - KEY_BYTES);
        entry.putInt((int) crc.getValue());
        entry.flip();
        try {
            if (pendingChannel == null) {
                Files.createDirectories(file.getParent());
                pendingFile = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".pending");
                pendingChannel = FileChannel.open(pendingFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
                pendingSize = 0;
            }
            long offset = pendingSize;
            long pos = offset;
            while (entry.hasRemaining()) {
                pos += pendingChannel.write(entry, pos);
            }
            pendingSize = offset + length;
            index.put(clipKeyHex, new Location(true, offset, frames.length, dim));
        } catch (IOException e) {
            throw new HarnessException("Cannot write embedding cache " + pendingFile + ": " + e
                    + ". Check free space and permissions, or pass --no-cache.", e);
        }
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /** The clip keys of every entry, saved and pending, in the order they were added. */
    public java.util.List<String> keys() {
        return java.util.List.copyOf(index.keySet());
    }

    public int size() {
        return index.size();
    }

    /** Writes the cache if anything was added (temporary file, then atomic move) and drops the pending file. */
    public void save() {
        if (pendingChannel == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            Map<String, Location> written = new LinkedHashMap<>();
            try {
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
                    header.putLong(MAGIC).putInt(index.size()).flip();
                    while (header.hasRemaining()) {
                        out.write(header);
                    }
                    long pos = HEADER_BYTES;
                    for (Map.Entry<String, Location> e : index.entrySet()) {
                        Location loc = e.getValue();
                        FileChannel source;
                        if (loc.pending()) {
                            source = pendingChannel;
                        } else {
                            if (readChannel == null) {
                                readChannel = FileChannel.open(file, StandardOpenOption.READ);
                            }
                            source = readChannel;
                        }
                        transfer(source, loc.offset(), loc.length(), out);
                        written.put(e.getKey(), new Location(false, pos, loc.frames(), loc.dimension()));
                        pos += loc.length();
                    }
                }
                closeChannels();
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            dropPending();
            index.clear();
            index.putAll(written);
        } catch (IOException e) {
            throw new HarnessException("Cannot write embedding cache " + file + ": " + e
                    + ". Check free space and permissions, or pass --no-cache.", e);
        }
    }

    /** Closes files; entries added since the last {@link #save} are dropped. */
    @Override
    public void close() {
        try {
            closeChannels();
            dropPending();
        } catch (IOException e) {
            throw new HarnessException("Cannot close embedding cache " + file + ": " + e, e);
        }
    }

    private void closeChannels() throws IOException {
        if (readChannel != null) {
            readChannel.close();
            readChannel = null;
        }
    }

    private void dropPending() throws IOException {
        if (pendingChannel != null) {
            pendingChannel.close();
            pendingChannel = null;
        }
        if (pendingFile != null) {
            Files.deleteIfExists(pendingFile);
            pendingFile = null;
        }
        index.values().removeIf(Location::pending);
        pendingSize = 0;
    }

    private static void transfer(FileChannel source, long offset, long length, FileChannel out) throws IOException {
        long done = 0;
        while (done < length) {
            long n = source.transferTo(offset + done, length - done, out);
            if (n <= 0) {
                throw new IOException("could not copy " + (length - done) + " bytes at offset " + (offset + done));
            }
            done += n;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at offset " + pos);
            }
            pos += n;
        }
        buffer.flip();
    }
}
