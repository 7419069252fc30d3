package org.nathear.runner.eval;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.nathear.api.HarnessException;
import org.nathear.api.io.TempFiles;

/**
 * Writes NumPy {@code .npy} files (format version 1.0): a little-endian float32 or float64 matrix
 * that {@code numpy.load} reads without pickle. Written to a temporary file and atomically moved.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {
    }

    /** A {@code rows × cols} float32 matrix of {@code values[r][c]} (numbers stored as float32). */
    static void writeFloat32(Path file, int rows, int cols, Cell values) {
        write(file, rows, cols, values, false);
    }

    /** A {@code rows × cols} float64 matrix: the values exactly as computed. */
    static void writeFloat64(Path file, int rows, int cols, Cell values) {
        write(file, rows, cols, values, true);
    }

    private static void write(Path file, int rows, int cols, Cell values, boolean float64) {
        String header = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }",
                float64 ? "<f8" : "<f4", rows, cols);
        int total = MAGIC.length + 2 + header.length() + 1;
        int padding = (64 - total % 64) % 64;
        StringBuilder h = new StringBuilder(header);
        h.append(" ".repeat(padding)).append('\n');
        byte[] headerBytes = h.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = TempFiles.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                try (OutputStream raw = Files.newOutputStream(tmp);
                     DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                    out.write(MAGIC);
                    out.write(headerBytes.length & 0xFF);
                    out.write((headerBytes.length >> 8) & 0xFF);
                    out.write(headerBytes);
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            if (float64) {
                                out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(values.at(r, c))));
                            } else {
                                out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits((float) values.at(r, c))));
                            }
                        }
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new HarnessException("Cannot write " + file + ": " + e + ". Check free space and permissions of --output.", e);
        }
    }

    /** One value of the matrix. */
    interface Cell {
        double at(int row, int col);
    }
}
