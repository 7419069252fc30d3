package org.nathear.runner.cli;

import java.nio.file.Path;
import org.nathear.api.ConfigurationException;
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

    /**
     * {@link #embeddingCache()} for a command that runs on this machine: a cache location that is a
     * URI ({@code hdfs://…}, {@code s3a://…}, {@code file:…}) is refused, because {@link Path} would
     * take it for a relative folder named {@code hdfs:} and create it in the working folder. Hadoop
     * caches are for {@code nathear-spark run}.
     */
    public Path localEmbeddingCache() {
        Path dir = embeddingCache();
        requireLocalFolder(dir);
        return dir;
    }

    static void requireLocalFolder(Path cacheDir) {
        if (cacheDir == null || cacheDir.isAbsolute() || cacheDir.getNameCount() == 0) {
            return;
        }
        String first = cacheDir.getName(0).toString();
        if (first.matches("[A-Za-z][A-Za-z0-9+.-]*:")) {
            throw new ConfigurationException("Embedding cache '" + cacheDir + "' looks like a URI (" + first + "//...): this "
                    + "command keeps its cache in a local folder. Give a local path to --cache-dir (or $NATHEAR_CACHE_DIR), or use "
                    + "`nathear-spark run`, which takes Hadoop URIs (docs/spark.md)");
        }
    }

    Path embeddingCache(CacheDirs defaults) {
        if (noCache) {
            return null;
        }
        return cacheDir != null ? cacheDir : defaults.embeddings();
    }
}
