package org.nathear.runner.export;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nathear.api.ConfigurationException;
import org.nathear.api.io.TempFiles;

/**
 * Writes one split of embeddings in hear-eval-kit's consolidated layout (what
 * {@code heareval.embeddings.runner} leaves in {@code embeddings/<module>/<task>/}), so that
 * {@code heareval.predictions.runner} or a few lines of numpy read them:
 *
 * <ul>
 *   <li>{@code <split>.embeddings.npy}: the rows as little-endian float32, row after row, with
 *       <b>no .npy header</b> (hear-eval-kit writes an {@code np.memmap} under that name); read with
 *       {@code np.memmap(path, dtype="float32", mode="r", shape=tuple(dims))};</li>
 *   <li>{@code <split>.embedding-dimensions.json}: {@code [rows, dimension]};</li>
 *   <li>{@code <split>.target-labels.pkl}: a pickled list (protocol 2) with one list of label
 *       strings per row;</li>
 *   <li>event tasks: {@code <split>.filename-timestamps.json}: {@code [[file name, centre time in ms], ...]},
 *       one per row (frame);</li>
 *   <li>nathear's addition, scene tasks: {@code <split>.filenames.json}: the file name of each row
 *       (hear-eval-kit shuffles and does not record it; nathear keeps the task's order).</li>
 * </ul>
 *
 * Every file is written next to its target and renamed into place, with the umask's permissions.
 */
public final class HearEmbeddingFiles {
    private HearEmbeddingFiles() {
    }

    /** The rows of one split: {@code rows()} rows of {@code dimension()} floats, read one at a time. */
    public interface Rows {
        int rows();

        int dimension();

        /** Row {@code i} into {@code into} (length {@code dimension()}). */
        void row(int i, float[] into);
    }

    /**
     * Writes one split.
     *
     * @param dir        the task's export folder (created if missing)
     * @param split      split name ({@code train}, {@code fold00}, ...)
     * @param fileNames  per row, the clip's file name (for event tasks, repeated for each of its frames)
     * @param labels     per row, its labels (class names)
     * @param timestamps per row, the frame's centre time in ms; {@code null} for scene embeddings
     * @param rows       the embeddings
     */
    public static void writeSplit(Path dir, String split, List<String> fileNames, List<List<String>> labels,
                                  double[] timestamps, Rows rows) {
        int n = rows.rows();
        if (fileNames.size() != n || labels.size() != n || (timestamps != null && timestamps.length != n)) {
            throw new IllegalArgumentException("split " + split + ": " + n + " rows but " + fileNames.size() + " file names, "
                    + labels.size() + " label lists" + (timestamps == null ? "" : ", " + timestamps.length + " timestamps"));
        }
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(split + ".embeddings.npy"), out -> {
                float[] row = new float[rows.dimension()];
                ByteBuffer buffer = ByteBuffer.allocate(4 * rows.dimension()).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    rows.row(i, row);
                    buffer.clear();
                    buffer.asFloatBuffer().put(row);
                    out.write(buffer.array());
                }
            });
            writeAtomically(dir.resolve(split + ".embedding-dimensions.json"),
                    out -> out.write(("[" + n + ", " + rows.dimension() + "]\n").getBytes(StandardCharsets.UTF_8)));
            writeAtomically(dir.resolve(split + ".target-labels.pkl"), out -> out.write(pickleListOfStringLists(labels)));
            if (timestamps == null) {
                writeAtomically(dir.resolve(split + ".filenames.json"), out -> {
                    StringBuilder json = new StringBuilder("[");
                    for (int i = 0; i < n; i++) {
                        json.append(i == 0 ? "" : ", ").append(jsonString(fileNames.get(i)));
                    }
                    out.write(json.append("]\n").toString().getBytes(StandardCharsets.UTF_8));
                });
            } else {
                writeAtomically(dir.resolve(split + ".filename-timestamps.json"), out -> {
                    StringBuilder json = new StringBuilder("[");
                    for (int i = 0; i < n; i++) {
                        json.append(i == 0 ? "" : ", ").append('[').append(jsonString(fileNames.get(i))).append(", ")
                                .append(jsonNumber(timestamps[i])).append(']');
                    }
                    out.write(json.append("]\n").toString().getBytes(StandardCharsets.UTF_8));
                });
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write the embeddings of split " + split + " to " + dir + ": " + e, e);
        }
    }

    /** hear-eval-kit's {@code labelvocabulary.csv}: {@code idx,label} in vocabulary order. */
    public static void writeLabelVocabulary(Path dir, List<String> vocabulary) {
        try {
            Files.createDirectories(dir);
            StringBuilder csv = new StringBuilder("idx,label\n");
            for (int i = 0; i < vocabulary.size(); i++) {
                String label = vocabulary.get(i);
                boolean quote = label.contains(",") || label.contains("\"") || label.contains("\n");
                csv.append(i).append(',').append(quote ? "\"" + label.replace("\"", "\"\"") + "\"" : label).append('\n');
            }
            writeAtomically(dir.resolve("labelvocabulary.csv"), out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write labelvocabulary.csv to " + dir + ": " + e, e);
        }
    }

    /** Writes text (UTF-8) atomically, with the umask's permissions. */
    public static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeAtomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + file + ": " + e, e);
        }
    }

    /**
     * A Python pickle (protocol 2) of a list of lists of str: {@code PROTO 2}, {@code EMPTY_LIST},
     * then per inner list {@code EMPTY_LIST MARK BINUNICODE… APPENDS}, appended in batches with
     * {@code MARK … APPENDS}, and {@code STOP}. No memo opcodes: the object is a plain tree.
     */
    static byte[] pickleListOfStringLists(List<List<String>> lists) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80); // PROTO
        out.write(2);
        out.write(']'); // EMPTY_LIST (the outer list)
        out.write('('); // MARK
        for (List<String> inner : lists) {
            out.write(']'); // EMPTY_LIST
            out.write('(');
            for (String s : inner) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.write('X'); // BINUNICODE: 4-byte little-endian length, UTF-8 bytes
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
                out.writeBytes(utf8);
            }
            out.write('e'); // APPENDS to the inner list
        }
        out.write('e'); // APPENDS to the outer list
        out.write('.'); // STOP
        return out.toByteArray();
    }

    /** {@code s} as a JSON string literal. */
    public static String jsonQuote(String s) {
        return jsonString(s);
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String jsonNumber(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("timestamp is not finite: " + v);
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, Body body) throws IOException {
        TempFiles.writeAtomically(file, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.write(out);
            }
        });
    }
}
