package org.nathear.baselines.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.nathear.api.ConfigurationException;

/**
 * Reads one JSON object strictly: every key is consumed by name, a missing required key or a value
 * of the wrong type is an error naming the file, the key's path and what was expected, and
 * {@link #finish()} rejects leftover keys, listing the known ones.
 */
final class StrictJson {
    private final Path file;
    private final String path;
    private final JsonNode node;
    private final Set<String> known = new LinkedHashSet<>();

    private StrictJson(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The root object of a file. */
    static StrictJson root(Path file, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ConfigurationException(file + ": expected a JSON object at the top level; got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return new StrictJson(file, "", node);
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigurationException error(String key, String problem) {
        return new ConfigurationException(file + ": key '" + keyPath(key) + "' " + problem);
    }

    private JsonNode take(String key, boolean required) {
        known.add(key);
        JsonNode value = node.get(key);
        if ((value == null || value.isNull()) && required) {
            throw error(key, "is missing (required)");
        }
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    String text(String key) {
        JsonNode v = take(key, true);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw error(key, "must be a non-empty string; got " + v);
        }
        return v.asText();
    }

    String optionalText(String key, String defaultValue) {
        return has(key) ? text(key) : mark(key, defaultValue);
    }

    int integer(String key) {
        JsonNode v = take(key, true);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(key, "must be an integer; got " + v);
        }
        return v.intValue();
    }

    int optionalInteger(String key, int defaultValue) {
        return has(key) ? integer(key) : mark(key, defaultValue);
    }

    double number(String key) {
        JsonNode v = take(key, true);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw error(key, "must be a finite number; got " + v);
        }
        return v.doubleValue();
    }

    boolean bool(String key) {
        JsonNode v = take(key, true);
        if (!v.isBoolean()) {
            throw error(key, "must be true or false; got " + v);
        }
        return v.booleanValue();
    }

    List<String> textList(String key) {
        JsonNode v = take(key, true);
        if (!v.isArray() || v.isEmpty()) {
            throw error(key, "must be a non-empty array of strings; got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw error(key, "must hold strings only; got " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    StrictJson object(String key) {
        JsonNode v = take(key, true);
        if (!v.isObject()) {
            throw error(key, "must be a JSON object; got " + v);
        }
        return new StrictJson(file, keyPath(key), v);
    }

    /** An enum constant by case-insensitive name; the error lists the accepted names. */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
        String value = text(key);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value) || constant.toString().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.toString());
        }
        throw error(key, "has unknown value '" + value + "'; expected one of " + names);
    }

    /** A value-level error for a key that was read fine but makes no sense. */
    ConfigurationException invalid(String key, Object value, String expected) {
        return error(key, "has invalid value " + value + "; expected " + expected);
    }

    /** Marks an optional key as known without reading it (it is absent). */
    void allow(String key) {
        known.add(key);
    }

    /** An error about this object as a whole, e.g. settings that do not fit together. */
    ConfigurationException problem(String message) {
        return new ConfigurationException(file + ": " + (path.isEmpty() ? "" : "'" + path + "': ") + message);
    }

    /** An error for a key that must not be present here. */
    ConfigurationException unexpected(String key, String reason) {
        return error(key, "must not be present: " + reason);
    }

    private <T> T mark(String key, T defaultValue) {
        known.add(key);
        return defaultValue;
    }

    /** Rejects keys nobody asked for. */
    void finish() {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(keyPath(name));
            }
        }
        if (!unknown.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (String name : unknown) {
                names.append(names.length() == 0 ? "" : ", ").append('\'').append(name).append('\'');
            }
            throw new ConfigurationException(file + ": unknown key" + (unknown.size() > 1 ? "s " : " ") + names
                    + "; known keys" + (path.isEmpty() ? "" : " of '" + path + "'") + ": " + known);
        }
    }
}
