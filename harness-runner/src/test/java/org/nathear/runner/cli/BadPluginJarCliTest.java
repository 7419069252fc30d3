package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, bug 3: {@code nathear list} with a corrupt jar in --plugins names the jar and exits 2. */
class BadPluginJarCliTest {
    @TempDir
    Path dir;

    @Test
    void listWithANonZipJarNamesTheJarAndExitsWithTheUsageCode() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Files.write(plugins.resolve("broken-model.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 7});
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("list", "--plugins", plugins.toString(), "--data-dir", dir.resolve("data").toString());
        assertEquals(NathearCli.EXIT_USAGE, code, out + "\n" + err);
        assertTrue(err.toString().contains("Plugin jar " + jar) && err.toString().contains("cannot be read as a jar"),
                err.toString());
    }
}
