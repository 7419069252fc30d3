package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirsTest {
    private static CacheDirs with(Map<String, String> env) {
        return new CacheDirs(env::get, "/home/ann");
    }

    @Test
    void withoutVariablesEverythingIsUnderDotCache() {
        CacheDirs dirs = with(Map.of());
        assertEquals(Path.of("/home/ann/.cache/nathear/embeddings"), dirs.embeddings());
        assertEquals(Path.of("/home/ann/.cache/nathear/data"), dirs.data());
        assertEquals(Path.of("/home/ann/.cache/nathear/djl"), dirs.djl());
    }

    @Test
    void xdgCacheHomeMovesTheRootButOnlyWhenAbsolute() {
        assertEquals(Path.of("/fast/cache/nathear/embeddings"), with(Map.of("XDG_CACHE_HOME", "/fast/cache")).embeddings());
        assertEquals(Path.of("/fast/cache/nathear/djl"), with(Map.of("XDG_CACHE_HOME", "/fast/cache")).djl());
        assertEquals(Path.of("/home/ann/.cache/nathear/data"), with(Map.of("XDG_CACHE_HOME", "relative/cache")).data());
        assertEquals(Path.of("/home/ann/.cache/nathear/data"), with(Map.of("XDG_CACHE_HOME", " ")).data());
    }

    @Test
    void nathearVariablesWinOverXdg() {
        CacheDirs dirs = with(Map.of("XDG_CACHE_HOME", "/fast/cache", "NATHEAR_CACHE_DIR", "/big/emb",
                "NATHEAR_DATA_DIR", "/big/data"));
        assertEquals(Path.of("/big/emb"), dirs.embeddings());
        assertEquals(Path.of("/big/data"), dirs.data());
    }
}
