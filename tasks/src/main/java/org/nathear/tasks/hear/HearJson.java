package org.nathear.tasks.hear;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nathear.api.TaskFormatException;

/** Strict JSON reading for task folders: duplicate keys and trailing content are errors. */
final class HearJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private HearJson() {
    }

    /** Reads a JSON file; a missing, empty or unparseable file is a {@link TaskFormatException} naming it. */
    static JsonNode read(Path file, String whatFor) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TaskFormatException(file + ": file is missing; a HEAR task folder needs it (" + whatFor + ")");
        } catch (IOException e) {
            throw new TaskFormatException(file + ": cannot be read (" + whatFor + "): " + e, e);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new TaskFormatException(file + ": not valid JSON" + where + ": " + readable(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new TaskFormatException(file + ": cannot be read (" + whatFor + "): " + e, e);
        }
        if (node == null || node.isMissingNode()) {
            throw new TaskFormatException(file + ": file is empty; expected a JSON document (" + whatFor + ")");
        }
        return node;
    }

    /** Jackson's message with its "[Source: REDACTED …; line: L, column: C]" references shortened. */
    static String readable(String jacksonMessage) {
        return jacksonMessage == null ? "" : jacksonMessage.replaceAll(
                "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
    }

    /** A short description of a JSON value's type for error messages. */
    static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string \"" + node.asText() + "\"";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> "the boolean " + node.asText();
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * A scalar label as hear-eval-kit sees it: Python's {@code str()} of the value json.load gives.
     * Strings stay as they are; integers print without a fraction ({@code 60 -> "60"}); floats the
     * way Python prints them ({@code 60.0 -> "60.0"}, {@code 1e-05}, {@code 1e+16}); booleans as
     * {@code True}/{@code False}. Returns {@code null} for arrays, objects and null.
     */
    static String pythonStr(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isFloatingPointNumber()) {
            return pythonFloat(node.doubleValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
        }
        return null;
    }

    /** Python 3's {@code repr(float)}: plain notation for 1e-4 <= |x| < 1e16, else d.ddde±XX. */
    static String pythonFloat(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal digits = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        double abs = Math.abs(x);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = digits.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        // scientific: mantissa with the shortest digits, exponent with a sign and at least two digits
        int exponent = digits.precision() - digits.scale() - 1;
        BigDecimal mantissa = digits.movePointLeft(exponent);
        String m = mantissa.toPlainString();
        String e = String.valueOf(Math.abs(exponent));
        return m + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
}
