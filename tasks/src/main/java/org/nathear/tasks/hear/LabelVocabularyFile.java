package org.nathear.tasks.hear;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nathear.api.TaskFormatException;

/**
 * Reads {@code labelvocabulary.csv}: a header {@code idx,label}, then one row per class whose
 * {@code idx} values are exactly 0..n-1 (in any row order) and whose labels are distinct and
 * non-empty. Fields may be quoted the CSV way ({@code "a, b"}, {@code ""} for a quote).
 */
final class LabelVocabularyFile {
    private LabelVocabularyFile() {
    }

    /** The labels in index order. */
    static List<String> read(Path file) {
        String text = readUtf8(file);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        int last = lines.length;
        while (last > 0 && lines[last - 1].isEmpty()) {
            last--;
        }
        if (last == 0) {
            throw new TaskFormatException(file + ": file is empty; expected a header 'idx,label' and one row per class");
        }
        List<String> header = fields(lines[0], file, 1);
        if (header.size() != 2 || !header.get(0).strip().equals("idx") || !header.get(1).strip().equals("label")) {
            throw new TaskFormatException(file + ": line 1: header is '" + lines[0] + "'; expected 'idx,label'");
        }
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        Map<String, Integer> indexOfLabel = new HashMap<>();
        for (int i = 1; i < last; i++) {
            int lineNo = i + 1;
            List<String> row = fields(lines[i], file, lineNo);
            if (row.size() != 2) {
                throw new TaskFormatException(file + ": line " + lineNo + ": '" + lines[i] + "' has " + row.size()
                        + " field(s); expected 2 (idx,label)");
            }
            int idx;
            try {
                idx = Integer.parseInt(row.get(0).strip());
            } catch (NumberFormatException e) {
                throw new TaskFormatException(file + ": line " + lineNo + ": idx '" + row.get(0)
                        + "' is not an integer; expected 0..n-1", e);
            }
            String label = row.get(1);
            if (label.isBlank()) {
                throw new TaskFormatException(file + ": line " + lineNo + ": label of idx " + idx + " is empty");
            }
            if (idx < 0) {
                throw new TaskFormatException(file + ": line " + lineNo + ": idx " + idx + " is negative; expected 0..n-1");
            }
            String previous = byIndex.put(idx, label);
            if (previous != null) {
                throw new TaskFormatException(file + ": line " + lineNo + ": idx " + idx + " appears twice (labels '"
                        + previous + "' and '" + label + "')");
            }
            Integer otherIdx = indexOfLabel.put(label, idx);
            if (otherIdx != null) {
                throw new TaskFormatException(file + ": line " + lineNo + ": label '" + label + "' appears twice (idx "
                        + otherIdx + " and " + idx + ")");
            }
        }
        if (byIndex.isEmpty()) {
            throw new TaskFormatException(file + ": no classes; expected one row per class after the header 'idx,label'");
        }
        int n = byIndex.size();
        if (byIndex.lastKey() != n - 1) {
            int gap = 0;
            while (byIndex.containsKey(gap)) {
                gap++;
            }
            throw new TaskFormatException(file + ": idx values must be 0.." + (n - 1) + " for " + n + " rows; idx "
                    + gap + " is missing and the largest is " + byIndex.lastKey());
        }
        return new ArrayList<>(byIndex.values());
    }

    private static String readUtf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TaskFormatException(file + ": file is missing; a HEAR task folder needs its label vocabulary "
                    + "(header 'idx,label', one row per class)");
        } catch (IOException e) {
            throw new TaskFormatException(file + ": cannot be read: " + e, e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TaskFormatException(file + ": is not valid UTF-8 text: " + e, e);
        }
    }

    /** Splits one CSV line into fields, honouring double quotes. */
    static List<String> fields(String line, Path file, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '"' && field.length() == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new TaskFormatException(file + ": line " + lineNo + ": unterminated quoted field in '" + line + "'");
        }
        out.add(field.toString());
        return out;
    }
}
