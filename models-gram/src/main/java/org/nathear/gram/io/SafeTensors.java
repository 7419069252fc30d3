package org.nathear.gram.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.nathear.api.ModelException;
import org.nathear.api.io.TempFiles;

/**
 * A pure-Java reader and writer of the safetensors format (Hugging Face), the format the GRAM
 * authors publish weights in and the one nathear's GRAM checkpoints use.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length {@code n}; {@code n} bytes of UTF-8 JSON
 * mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into
 * the data that follows the header) plus an optional {@code "__metadata__"} object of string values;
 * then the data, little-endian, row-major. The reader checks everything the format promises — header
 * length within the file, valid JSON, known dtypes, offsets inside the data, sizes equal to shape ×
 * dtype width, no overlaps and no holes — and names the file and the offending entry when something
 * is wrong. Tensors are read on demand; float16, bfloat16 and float64 are widened or narrowed to
 * float32, integer tensors (e.g. index buffers) can be listed but not read as floats.
 */
public final class SafeTensors {
    /** Headers larger than this are rejected as corrupt (the format's own reference uses 100 MB). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Element types of the format. */
    public enum DType {
        F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1), U16(2), U32(4), U64(8);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }

        public boolean isFloat() {
            return this == F64 || this == F32 || this == F16 || this == BF16;
        }
    }

    /** One entry of the header. */
    public record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        public long elementCount() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        public String shapeText() {
            return java.util.Arrays.toString(shape);
        }
    }

    /** Random-access bytes: a file channel or an array. */
    private interface ByteSource extends AutoCloseable {
        long size() throws IOException;

        /** Reads from {@code pos} until {@code buf} is full or the source ends; returns bytes read (-1 at end). */
        int read(ByteBuffer buf, long pos) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static ByteSource of(FileChannel ch) {
        return new ByteSource() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public int read(ByteBuffer buf, long pos) throws IOException {
                return ch.read(buf, pos);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    private static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(ByteBuffer buf, long pos) {
                if (pos >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(buf.remaining(), bytes.length - pos);
                buf.put(bytes, (int) pos, n);
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    /** An open safetensors file: header parsed and checked, data read on demand. */
    public static final class Reader implements AutoCloseable {
        private final Path file;
        private final ByteSource channel;
        private final long dataStart;
        private final Map<String, Entry> entries;
        private final Map<String, String> metadata;

        private Reader(Path file, ByteSource channel, long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
            this.file = file;
            this.channel = channel;
            this.dataStart = dataStart;
            this.entries = entries;
            this.metadata = metadata;
        }

        public Path file() {
            return file;
        }

        /** Tensor entries in header order. */
        public Map<String, Entry> entries() {
            return Collections.unmodifiableMap(entries);
        }

        /** The {@code __metadata__} strings (empty when absent). */
        public Map<String, String> metadata() {
            return Collections.unmodifiableMap(metadata);
        }

        public boolean has(String name) {
            return entries.containsKey(name);
        }

        /** Reads one floating-point tensor as float32. */
        public Tensor read(String name) {
            Entry e = entries.get(name);
            if (e == null) {
                throw new ModelException("Safetensors file " + file + " has no tensor '" + name + "'");
            }
            if (!e.dtype().isFloat()) {
                throw new ModelException("Tensor '" + name + "' in " + file + " is " + e.dtype()
                        + "; only floating-point tensors (F32, F16, BF16, F64) can be loaded as weights");
            }
            long bytes = e.end() - e.begin();
            if (bytes > Integer.MAX_VALUE) {
                throw new ModelException("Tensor '" + name + "' in " + file + " is " + bytes + " bytes; at most 2 GiB per tensor");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            try {
                long pos = dataStart + e.begin();
                while (buf.hasRemaining()) {
                    int r = channel.read(buf, pos + buf.position());
                    if (r < 0) {
                        throw new ModelException("Safetensors file " + file + " ends inside tensor '" + name + "'");
                    }
                }
            } catch (IOException ex) {
                throw new ModelException("Cannot read tensor '" + name + "' from " + file + ": " + ex, ex);
            }
            buf.flip();
            int n = (int) e.elementCount();
            float[] v = new float[n];
            switch (e.dtype()) {
                case F32 -> buf.asFloatBuffer().get(v);
                case F64 -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) buf.getDouble();
                    }
                }
                case F16 -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = halfToFloat(buf.getShort());
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
                    }
                }
                default -> throw new IllegalStateException("unreachable");
            }
            return new Tensor(name, e.shape(), v);
        }

        /** Reads every floating-point tensor whose name passes {@code filter}. */
        public Map<String, Tensor> readAll(java.util.function.Predicate<String> filter) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Entry e : entries.values()) {
                if (e.dtype().isFloat() && filter.test(e.name())) {
                    out.put(e.name(), read(e.name()));
                }
            }
            return out;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new ModelException("Cannot close " + file + ": " + e, e);
            }
        }
    }

    private SafeTensors() {
    }

    /** IEEE 754 binary16 → float32 (exact: every half value is a float). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf / NaN
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Opens and checks a safetensors file. */
    public static Reader open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ModelException("Cannot open safetensors file " + file + ": " + e, e);
        }
        return open(file, of(channel));
    }

    /** Opens and checks safetensors bytes held in memory (e.g. a class-path resource); {@code name} is used in messages. */
    public static Reader open(byte[] bytes, String name) {
        return open(Path.of(name), of(bytes));
    }

    private static Reader open(Path file, ByteSource channel) {
        try {
            long size = channel.size();
            if (size < 8) {
                throw corrupt(file, "it is " + size + " bytes long, shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lenBuf, 0, file);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw corrupt(file, "the header length field says " + Long.toUnsignedString(headerLen)
                        + " bytes, but the file has " + (size - 8) + " bytes after it (and headers are at most "
                        + MAX_HEADER_BYTES + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(channel, header, 8, file);
            String text = new String(header.array(), StandardCharsets.UTF_8);
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw corrupt(file, "the header is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (root == null || !root.isObject()) {
                throw corrupt(file, "the header is not a JSON object");
            }
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;
            Map<String, Entry> entries = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : root.properties()) {
                if (f.getKey().equals(METADATA)) {
                    if (!f.getValue().isObject()) {
                        throw corrupt(file, "__metadata__ must be an object of strings");
                    }
                    f.getValue().properties().forEach(m -> {
                        if (!m.getValue().isTextual()) {
                            throw corrupt(file, "__metadata__ value '" + m.getKey() + "' is not a string");
                        }
                        metadata.put(m.getKey(), m.getValue().asText());
                    });
                    continue;
                }
                entries.put(f.getKey(), entry(file, f.getKey(), f.getValue(), dataSize));
            }
            checkCoverage(file, entries, dataSize);
            return new Reader(file, channel, dataStart, entries, metadata);
        } catch (RuntimeException | IOException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof ModelException me) {
                throw me;
            }
            throw new ModelException("Cannot read safetensors file " + file + ": " + e, e);
        }
    }

    private static Entry entry(Path file, String name, JsonNode node, long dataSize) {
        if (!node.isObject()) {
            throw corrupt(file, "entry '" + name + "' is not an object");
        }
        JsonNode dt = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dt == null || !dt.isTextual() || shapeNode == null || !shapeNode.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw corrupt(file, "entry '" + name + "' needs dtype (string), shape (array) and data_offsets ([begin, end])");
        }
        DType dtype;
        try {
            dtype = DType.valueOf(dt.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "entry '" + name + "' has unknown dtype '" + dt.asText() + "'");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || d.asLong() < 0) {
                throw corrupt(file, "entry '" + name + "' has a bad dimension " + d + " in its shape");
            }
            shape[i] = d.asLong();
            count = Math.multiplyExact(count, shape[i]);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (!offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong() || begin < 0 || end < begin || end > dataSize) {
            throw corrupt(file, "entry '" + name + "' has data_offsets " + offsets + " outside the " + dataSize
                    + " data bytes (the file may be truncated)");
        }
        long expected = Math.multiplyExact(count, dtype.bytes());
        if (end - begin != expected) {
            throw corrupt(file, "entry '" + name + "' of dtype " + dtype + " and shape " + shapeNode + " needs " + expected
                    + " bytes but its data_offsets span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static void checkCoverage(Path file, Map<String, Entry> entries, long dataSize) {
        TreeMap<Long, Entry> byBegin = new TreeMap<>();
        for (Entry e : entries.values()) {
            if (e.end() > e.begin()) {
                Entry other = byBegin.put(e.begin(), e);
                if (other != null) {
                    throw corrupt(file, "entries '" + other.name() + "' and '" + e.name() + "' start at the same offset " + e.begin());
                }
            }
        }
        long pos = 0;
        for (Entry e : byBegin.values()) {
            if (e.begin() != pos) {
                throw corrupt(file, "entry '" + e.name() + "' starts at data byte " + e.begin() + " but the previous entry ends at "
                        + pos + " (" + (e.begin() < pos ? "overlap" : "hole") + ")");
            }
            pos = e.end();
        }
        if (pos != dataSize) {
            throw corrupt(file, "the tensors cover " + pos + " data bytes but the file holds " + dataSize
                    + " (truncated or trailing garbage)");
        }
    }

    private static void readFully(ByteSource ch, ByteBuffer buf, long pos, Path file) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) {
                throw corrupt(file, "it ends early");
            }
        }
    }

    private static ModelException corrupt(Path file, String why) {
        return new ModelException("Corrupt safetensors file " + file + ": " + why);
    }

    /**
     * Writes tensors (float32) and string metadata to {@code file}: to a temporary file next to it,
     * then moved into place atomically.
     */
    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = header.putObject(METADATA);
            new TreeMap<>(metadata).forEach(m::put);
        }
        long offset = 0;
        List<String> seen = new ArrayList<>();
        for (Tensor t : tensors) {
            if (header.has(t.name()) || t.name().equals(METADATA)) {
                throw new ModelException("Duplicate or reserved tensor name '" + t.name() + "' when writing " + file);
            }
            seen.add(t.name());
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", "F32");
            ArrayNode shape = e.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            ArrayNode off = e.putArray("data_offsets");
            off.add(offset);
            offset += 4L * t.size();
            off.add(offset);
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new ModelException("Cannot encode the safetensors header for " + file + ": " + e, e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = new byte[padded];
        java.util.Arrays.fill(head, (byte) ' ');
        System.arraycopy(json, 0, head, 0, json.length);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = TempFiles.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
                    out.write(len.array());
                    out.write(head);
                    ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                    for (Tensor t : tensors) {
                        for (float v : t.values()) {
                            if (!chunk.hasRemaining()) {
                                out.write(chunk.array(), 0, chunk.position());
                                chunk.clear();
                            }
                            chunk.putFloat(v);
                        }
                    }
                    out.write(chunk.array(), 0, chunk.position());
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ModelException("Cannot write safetensors file " + file + ": " + e, e);
        }
    }
}
