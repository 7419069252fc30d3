package org.nathear.runner.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --cache-dir} and {@code --no-cache}, shared (as a picocli {@code @Mixin}) by every command
 * that reads and fills the embedding cache: {@code run} and {@code export-embeddings}.
 */
public final class EmbeddingCacheOptions {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Embedding cache. Default: $NATHEAR_CACHE_DIR, else $XDG_CACHE_HOME/nathear/embeddings, "
                    + "else ~/.cache/nathear/embeddings.")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the embedding cache.")
    boolean noCache;

    /** The embedding cache to use: null with {@code --no-cache}, else {@code --cache-dir} or the default ({@link CacheDirs}). */
    public Path embeddingCache() {
        return embeddingCache(CacheDirs.system());
    }

    Path embeddingCache(CacheDirs defaults) {
        if (noCache) {
            return null;
        }
        return cacheDir != null ? cacheDir : defaults.embeddings();
    }
}
