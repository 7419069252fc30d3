package org.nathear.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}: the expected output, byte for byte. After a
 * deliberate format change, regenerate them with {@code mvn -o -q -pl results -am verify
 * -Dnathear.updateGolden=true}, review the diff and commit it.
 */
public final class Golden {
    public static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("nathear.updateGolden")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertEquals(expected, actual, "output differs from golden file " + file
                    + " (regenerate with -Dnathear.updateGolden=true after a deliberate change)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden file " + file.toAbsolutePath()
                    + " (create it with -Dnathear.updateGolden=true)", e);
        }
    }
}
