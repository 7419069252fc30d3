package org.nathear.api;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Key/value options for a model (from {@code --model-option id.key=value}). Options are part of the
 * embedding cache key. A plugin declares the keys it knows; leftovers are rejected.
 */
public record ModelOptions(Map<String, String> values) {
    /** No options: the model's defaults. */
    public static final ModelOptions NONE = new ModelOptions(Map.of());

    /** Copies the values (sorted by key, unmodifiable). */
    public ModelOptions {
        values = Map.copyOf(new TreeMap<>(values));
    }

    /** The value of {@code key}, or {@code defaultValue} when it is not set. */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** The integer value of {@code key}, or {@code defaultValue}; a value that is not an integer is a {@link ConfigurationException} naming the key. */
    public int getInt(String key, int defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Option '" + key + "' must be an integer; got '" + value + "'", e);
        }
    }

    /** The long value of {@code key}, or {@code defaultValue}; a value that is not an integer is a {@link ConfigurationException} naming the key. */
    public long getLong(String key, long defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Option '" + key + "' must be an integer; got '" + value + "'", e);
        }
    }

    /** These options with {@code key} set to {@code value} unless a value is set already (a user's choice wins). */
    public ModelOptions withDefault(String key, String value) {
        if (values.containsKey(key)) {
            return this;
        }
        Map<String, String> more = new TreeMap<>(values);
        more.put(key, value);
        return new ModelOptions(more);
    }

    /** Rejects keys the model does not know, naming them and the known ones. */
    public void requireKnown(String modelId, Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("Unknown options for model '" + modelId + "': " + unknown
                    + "; known: " + new TreeSet<>(known));
        }
    }

    /** A stable text form, sorted by key, for cache keys and result files. */
    public String canonical() {
        return new TreeMap<>(values).toString();
    }
}
