package org.nathear.tasks.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nathear.api.util.Hashing;

/**
 * The demo suite is a file format: its generated audio and the committed baselines scored on it must not
 * change when code moves. The digests were printed by the code before seed mixing moved to harness-api
 * ({@code DemoTaskGenerator.mix}, now {@code Seeds.chain}); a change means every user's demo data and
 * every committed demo result were silently replaced.
 */
class DemoSuitePinnedTest {
    /** SHA-256 over every clip plan line {@code index|split|labels|group|seed}. */
    private static String planDigest(DemoTaskGenerator g, long seed) {
        MessageDigest md = Hashing.sha256();
        for (DemoTaskGenerator.ClipPlan c : g.plan(seed)) {
            md.update((c.index() + "|" + c.split() + "|" + c.labels() + "|" + c.group() + "|" + c.seed() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return Hashing.hex(md.digest());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "demo-pitch-v1-full, b430138d12b51f06004c8c5060bb7dd2756f15bbbcd822a33a6607a7be90e5ca, 186e3f6652b7d67b0257a603e302f6f1d0b1155b984136234c82d8aa98174349",
        "demo-textures-v1-full, 24a38e0c2170dcb7e1fc4eb97b01957e4ec9320d2f9b394d26c26beb62b1b0ba, 68e0d213c97b43f82c4f59e598617b26eec76b41316587c7b1a932d8a5dbdf2a",
        "demo-strokes-v1-full, 8c1a5efdd6a82eef5ec015b688b15195952964f0950c8e24a7e9d2b2450a6c30, d8b6377ab3a17fc858511335803e85eab4b107690bd76b6c2cf1de1ffb3245a3",
        "demo-mixtures-v1-full, f5cd1b4b6f5689e91a6f1e87a76b8c20b0b8d71e5fcfc1fd1355756d2c4265f8, d86cc7fd34be04e6186c824a128a89a7ea2b29127058e34f50265bf1f4c1f622",
    })
    void clipPlansAndTheirSeedsAreUnchanged(String taskId, String defaultSeedDigest, String seed7Digest) {
        DemoTaskGenerator g = DemoSuite.generator(taskId);
        assertEquals(defaultSeedDigest, planDigest(g, DemoSuite.DEFAULT_SEED));
        assertEquals(seed7Digest, planDigest(g, 7));
    }

    @Test
    void generatedFilesOfATaskAreUnchangedByteForByte(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("demo-strokes-v1-full");
        DemoSuite.generate("demo-strokes-v1-full", DemoSuite.DEFAULT_SEED, folder);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest md = Hashing.sha256();
        for (Path file : files) {
            md.update(folder.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            md.update(Hashing.sha256().digest(Files.readAllBytes(file)));
        }
        assertEquals(278, files.size());
        assertEquals("bdcafde4ea6a7d6c60df41d3d371612a091d83c7d7f5dacb0518b5ee9348275d", Hashing.hex(md.digest()));
    }
}
