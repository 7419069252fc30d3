package org.nathear.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ModelOptions}: typed reads, unknown keys, and the canonical form that goes into cache keys. */
class ModelOptionsTest {

    @Test
    void theCanonicalFormIsTheSameWhateverTheInsertionOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("b", "2");
        ab.put("a", "1");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("a", "1");
        ba.put("b", "2");
        assertEquals(new ModelOptions(ab).canonical(), new ModelOptions(ba).canonical());
        assertEquals("{a=1, b=2}", new ModelOptions(ab).canonical());
    }

    @Test
    void integersAreParsedWithSurroundingSpaceAndDefaultsApply() {
        ModelOptions o = new ModelOptions(Map.of("depth", " 12 "));
        assertEquals(12, o.getInt("depth", 3));
        assertEquals(3, o.getInt("width", 3));
        assertEquals(7L, o.getLong("width", 7L));
    }

    @Test
    void aNonIntegerNamesTheKeyAndTheValue() {
        ModelOptions o = new ModelOptions(Map.of("depth", "deep"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> o.getInt("depth", 1));
        assertTrue(e.getMessage().contains("'depth'") && e.getMessage().contains("'deep'"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> o.getLong("depth", 1L));
    }

    @Test
    void unknownKeysAreListedWithTheKnownOnes() {
        ModelOptions o = new ModelOptions(Map.of("depth", "3", "colour", "red"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> o.requireKnown("my-model", Set.of("depth", "width")));
        assertTrue(e.getMessage().contains("'my-model': [colour]"), e.getMessage());
        assertTrue(e.getMessage().contains("known: [depth, width]"), e.getMessage());
    }

    @Test
    void knownKeysPass() {
        assertDoesNotThrow(() -> new ModelOptions(Map.of("depth", "3")).requireKnown("m", Set.of("depth")));
        assertDoesNotThrow(() -> ModelOptions.NONE.requireKnown("m", Set.of()));
    }

    @Test
    void theValuesCannotBeChangedAfterwards() {
        ModelOptions o = new ModelOptions(Map.of("a", "1"));
        assertThrows(UnsupportedOperationException.class, () -> o.values().put("b", "2"));
    }
}
