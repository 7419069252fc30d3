package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.nathear.api.ConfigurationException;
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
    void aHadoopUriIsRefusedLocallyInsteadOfBecomingAFolderNamedHdfs() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> parse("--cache-dir", "hdfs://namenode:8020/nathear/cache").localEmbeddingCache());
        assertTrue(e.getMessage().contains("nathear-spark"), e.getMessage());
        assertThrows(ConfigurationException.class,
                () -> parse("--cache-dir", "s3a://bucket/cache").localEmbeddingCache());
        assertEquals(Path.of("relative/cache"), parse("--cache-dir", "relative/cache").localEmbeddingCache(),
                "an ordinary relative folder is fine");
        assertNull(parse("--no-cache", "--cache-dir", "hdfs://nn/c").localEmbeddingCache());
    }

    @Test
    void exportEmbeddingsSharesTheSameOptions() {
        ExportEmbeddingsCommand export = new ExportEmbeddingsCommand();
        new CommandLine(export).parseArgs("--out", "x", "--cache-dir", "/shared");
        assertEquals(Path.of("/shared"), export.cache.embeddingCache(DEFAULTS));
    }
}
