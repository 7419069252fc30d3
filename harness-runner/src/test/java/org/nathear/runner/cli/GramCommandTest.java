package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code nathear gram} commands' usage and input checks (no training here: see models-gram's tests). */
class GramCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void gramSubcommandsHaveHelp() {
        for (String command : new String[] {"train", "corpus", "import"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run("gram", command, "--help"));
            assertTrue(out.toString().contains("Usage: nathear gram " + command), out.toString());
        }
    }

    @Test
    void trainingOnAMissingFolderIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("no-such-audio");
        assertEquals(2, run("gram", "train", "--variant", "binaural", "--data", missing.toString(), "--steps", "3",
                "--out", dir.resolve("out").toString()));
        assertTrue(err.toString().contains(missing.toString()), err.toString());
    }

    @Test
    void anUnknownVariantListsTheKnownOnes() throws Exception {
        Files.createDirectories(dir.resolve("audio"));
        assertEquals(2, run("gram", "train", "--variant", "quadraphonic", "--data", dir.resolve("audio").toString(), "--steps", "3"));
        assertTrue(err.toString().contains("binaural, ambisonics, clean"), err.toString());
    }

    @Test
    void importingAFileThatIsNotSafetensorsFailsClearly() throws Exception {
        Path bogus = dir.resolve("model.safetensors");
        Files.writeString(bogus, "<html>not found</html>");
        assertEquals(2, run("gram", "import", "--official", bogus.toString(), "--variant", "binaural", "--out",
                dir.resolve("x.safetensors").toString()));
        assertTrue(err.toString().contains("Corrupt safetensors file " + bogus), err.toString());
    }
}
