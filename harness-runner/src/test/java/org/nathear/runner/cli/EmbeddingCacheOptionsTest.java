package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code --cache-dir}/{@code --no-cache} mixin, as {@code run} and {@code export-embeddings} parse it. */
class EmbeddingCacheOptionsTest {
    private static final CacheDirs DEFAULTS = new CacheDirs(Map.of("NATHEAR_CACHE_DIR", "/env/cache")::get, "/home/u");

    private static EmbeddingCacheOptions parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.cache;
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        assertEquals(Path.of("/my/cache"), parse("--cache-dir", "/my/cache").embeddingCache(DEFAULTS));
    }

    @Test
    void withoutTheOptionTheDefaultsApply() {
        assertEquals(Path.of("/env/cache"), parse().embeddingCache(DEFAULTS));
    }

    @Test
    void noCacheMeansNone() {
        assertNull(parse("--no-cache", "--cache-dir", "/my/cache").embeddingCache(DEFAULTS));
    }

    @Test
    void exportEmbeddingsSharesTheSameOptions() {
        ExportEmbeddingsCommand export = new ExportEmbeddingsCommand();
        new CommandLine(export).parseArgs("--out", "x", "--cache-dir", "/shared");
        assertEquals(Path.of("/shared"), export.cache.embeddingCache(DEFAULTS));
    }
}
