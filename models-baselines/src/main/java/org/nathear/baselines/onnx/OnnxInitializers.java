package org.nathear.baselines.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nathear.api.ModelException;

/**
 * Counts the values stored in an ONNX graph's initializers (its weights) by reading the protobuf
 * wire format of {@code model.onnx} directly: {@code ModelProto.graph} (field 7) →
 * {@code GraphProto.initializer} (field 5, repeated {@code TensorProto}) → {@code TensorProto.dims}
 * (field 1, int64, packed or not); a tensor's size is the product of its dimensions (1 for a scalar).
 * ONNX Runtime's Java API does not expose initializers, and the ONNX protobuf classes are not a
 * dependency of this module, so the few fields needed are read here. Sparse initializers and
 * initializers inside subgraphs (If/Loop bodies) are not counted; weights kept in external data files
 * are (their dimensions are in the graph).
 */
final class OnnxInitializers {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH = 2;
    private static final int WIRE_FIXED32 = 5;

    private OnnxInitializers() {
    }

    /** The number of values in the initializers of the graph in {@code file}. */
    static long count(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelException(file + " is larger than 2 GiB; nathear counts the parameters of graphs up to 2 GiB "
                        + "(keep larger weights in external data files)");
            }
            ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            return count(buffer, file.toString());
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + " to count its parameters: " + e, e);
        }
    }

    /** As {@link #count(Path)} over the bytes of a serialised {@code ModelProto}. */
    static long count(ByteBuffer model, String where) {
        long total = 0;
        Reader r = new Reader(model, where);
        while (r.more()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 7 && wire == WIRE_LENGTH) {
                total += graph(r.slice(), where);
            } else {
                r.skip(wire);
            }
        }
        return total;
    }

    private static long graph(Reader r, String where) {
        long total = 0;
        while (r.more()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 5 && wire == WIRE_LENGTH) {
                total += tensorSize(r.slice());
            } else {
                r.skip(wire);
            }
        }
        return total;
    }

    private static long tensorSize(Reader r) {
        long size = 1;
        while (r.more()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == WIRE_VARINT) {
                size = Math.multiplyExact(size, r.varint());
            } else if (field == 1 && wire == WIRE_LENGTH) {
                Reader packed = r.slice();
                while (packed.more()) {
                    size = Math.multiplyExact(size, packed.varint());
                }
            } else {
                r.skip(wire);
            }
        }
        return size;
    }

    /** A bounded view of protobuf bytes. */
    private static final class Reader {
        private final ByteBuffer buffer;
        private final String where;
        private int position;
        private final int end;

        Reader(ByteBuffer buffer, String where) {
            this(buffer, where, 0, buffer.limit());
        }

        private Reader(ByteBuffer buffer, String where, int start, int end) {
            this.buffer = buffer;
            this.where = where;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw truncated();
                }
                byte b = buffer.get(position++);
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new ModelException(where + " is not a valid ONNX protobuf: a varint longer than 10 bytes at byte " + position);
        }

        Reader slice() {
            long length = varint();
            if (length < 0 || length > end - position) {
                throw truncated();
            }
            Reader inner = new Reader(buffer, where, position, position + (int) length);
            position += (int) length;
            return inner;
        }

        void skip(int wire) {
            switch (wire) {
                case WIRE_VARINT -> varint();
                case WIRE_FIXED64 -> advance(8);
                case WIRE_LENGTH -> slice();
                case WIRE_FIXED32 -> advance(4);
                default -> throw new ModelException(where + " is not a valid ONNX protobuf: wire type " + wire
                        + " at byte " + position);
            }
        }

        private void advance(int bytes) {
            if (bytes > end - position) {
                throw truncated();
            }
            position += bytes;
        }

        private ModelException truncated() {
            return new ModelException(where + " is not a valid ONNX protobuf: a field runs past the end of its message "
                    + "at byte " + position);
        }
    }
}
