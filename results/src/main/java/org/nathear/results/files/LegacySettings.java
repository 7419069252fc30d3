package org.nathear.results.files;

import org.nathear.results.schema.RunSettings;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nathear.api.ModelOptions;
import org.nathear.api.TaskKind;

/**
 * Reads the settings of {@code nathear.run/1} and {@code /2} files, which kept everything past the
 * seed, probe and ids as one string map, into the typed {@link RunSettings} form of
 * {@code nathear.run/3}:
 *
 * <ul>
 *   <li>{@code batchSize = "16"} → {@code batchSize: 16};</li>
 *   <li>{@code model-options.<model> = "{a=1, b=2}"} → {@code modelOptions.<model> = {a: "1", b: "2"}};</li>
 *   <li>{@code model-options.<model>[<kind>] = "{…}"} → {@code optionsByTaskKind.<model>.<KIND> = {…}};</li>
 *   <li>anything else, or a value that does not read back unambiguously, → {@code unrecognizedOptions}
 *       as it was (nothing is lost; resuming such a run is refused, naming the setting).</li>
 * </ul>
 */
final class LegacySettings {
    private static final String MODEL_OPTIONS = "model-options.";

    private LegacySettings() {
    }

    /** Rewrites an old-form {@code settings} object in place; a new-form one (no {@code options}) is left alone. */
    static void upgrade(JsonNode settingsNode) {
        if (!(settingsNode instanceof ObjectNode settings) || !settings.has("options")) {
            return;
        }
        JsonNode options = settings.remove("options");
        ObjectNode modelOptions = settings.objectNode();
        ObjectNode byKind = settings.objectNode();
        ObjectNode unrecognized = settings.objectNode();
        settings.putNull("batchSize");
        if (options != null && options.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String value = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
                if (!readOne(key, value, settings, modelOptions, byKind)) {
                    unrecognized.put(key, value);
                }
            }
        }
        settings.set("modelOptions", modelOptions);
        settings.set("optionsByTaskKind", byKind);
        settings.set("unrecognizedOptions", unrecognized);
    }

    /** Places one old setting in the typed form; false when it is not one this nathear knows. */
    private static boolean readOne(String key, String value, ObjectNode settings, ObjectNode modelOptions,
                                   ObjectNode byKind) {
        if (key.equals("batchSize")) {
            try {
                settings.put("batchSize", Integer.parseInt(value));
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (!key.startsWith(MODEL_OPTIONS) || key.length() == MODEL_OPTIONS.length()) {
            return false;
        }
        Map<String, String> values = parseCanonical(value);
        if (values == null) {
            return false;
        }
        String model = key.substring(MODEL_OPTIONS.length());
        int bracket = model.indexOf('[');
        if (bracket < 0) {
            putAll(modelOptions.putObject(model), values);
            return true;
        }
        if (bracket == 0 || !model.endsWith("]")) {
            return false;
        }
        TaskKind kind;
        try {
            kind = TaskKind.valueOf(model.substring(bracket + 1, model.length() - 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String id = model.substring(0, bracket);
        ObjectNode kinds = byKind.has(id) ? (ObjectNode) byKind.get(id) : byKind.putObject(id);
        putAll(kinds.putObject(kind.name()), values);
        return true;
    }

    private static void putAll(ObjectNode target, Map<String, String> values) {
        values.forEach(target::put);
    }

    /**
     * Inverts {@link ModelOptions#canonical()} ({@code {a=1, b=2}}); null when the text does not read
     * back to exactly itself (a value holding {@code ", "} or {@code =} can be ambiguous).
     */
    static Map<String, String> parseCanonical(String canonical) {
        if (canonical == null || !canonical.startsWith("{") || !canonical.endsWith("}")) {
            return null;
        }
        String inner = canonical.substring(1, canonical.length() - 1);
        Map<String, String> values = new TreeMap<>();
        if (!inner.isEmpty()) {
            for (String pair : inner.split(", ", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new ModelOptions(values).canonical().equals(canonical) ? values : null;
    }
}
