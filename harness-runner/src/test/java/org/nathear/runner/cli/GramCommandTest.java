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
    void theNathearPresetNeedsStepsAndThePaperPresetUsesTheAuthorsSchedule() throws Exception {
        Files.createDirectories(dir.resolve("audio"));
        assertEquals(2, run("gram", "train", "--variant", "binaural", "--data", dir.resolve("audio").toString()));
        assertTrue(err.toString().contains("--steps is required"), err.toString());
        // an empty corpus fails before training, after the preset is resolved and printed
        assertEquals(2, run("gram", "train", "--variant", "binaural", "--preset", "paper", "--data", dir.resolve("audio").toString(),
                "--out", dir.resolve("paper").toString()));
        assertTrue(out.toString().contains("preset paper: 96 clips x 16 crops, lr 2.0E-4, warm-up 10000, 500000 steps; float32"),
                out + " / " + err);
        assertEquals(2, run("gram", "train", "--variant", "binaural", "--preset", "paper", "--crops", "4", "--steps", "20000",
                "--data", dir.resolve("audio").toString(), "--out", dir.resolve("paper2").toString()));
        assertTrue(out.toString().contains("preset paper: 96 clips x 4 crops, lr 2.0E-4, warm-up 10000, 20000 steps"), out.toString());
        assertEquals(2, run("gram", "train", "--variant", "binaural", "--preset", "huge", "--steps", "3", "--data",
                dir.resolve("audio").toString()));
        assertTrue(err.toString().contains("--preset must be nathear or paper"), err.toString());
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
