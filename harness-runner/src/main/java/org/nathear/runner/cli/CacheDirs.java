package org.nathear.runner.cli;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where nathear keeps what it can make again: the embedding cache, generated data (the demo suite)
 * and DJL's unpacked libtorch. Precedence, first wins:
 *
 * <ol>
 *   <li>the command's option ({@code --cache-dir}, {@code --data-dir});</li>
 *   <li>nathear's variables {@code NATHEAR_CACHE_DIR}, {@code NATHEAR_DATA_DIR} (DJL's own
 *       {@code DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR}, as variables or {@code -D} properties);</li>
 *   <li>{@code $XDG_CACHE_HOME/nathear/{embeddings,data,djl}} when {@code XDG_CACHE_HOME} is set to an
 *       absolute path (the XDG Base Directory rule: a relative one is ignored);</li>
 *   <li>{@code ~/.cache/nathear/{embeddings,data,djl}}.</li>
 * </ol>
 */
final class CacheDirs {
    private final UnaryOperator<String> env;
    private final String home;

    CacheDirs(UnaryOperator<String> env, String home) {
        this.env = env;
        this.home = home;
    }

    /** From the process environment and {@code user.home}. */
    static CacheDirs system() {
        return new CacheDirs(System::getenv, System.getProperty("user.home"));
    }

    /** {@code $XDG_CACHE_HOME/nathear} or {@code ~/.cache/nathear}. */
    Path root() {
        String xdg = env.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "nathear");
        }
        return Path.of(home, ".cache", "nathear");
    }

    /** Default embedding cache: {@code $NATHEAR_CACHE_DIR}, else {@code root()/embeddings}. */
    Path embeddings() {
        return variableOr("NATHEAR_CACHE_DIR", root().resolve("embeddings"));
    }

    /** Default folder for generated data: {@code $NATHEAR_DATA_DIR}, else {@code root()/data}. */
    Path data() {
        return variableOr("NATHEAR_DATA_DIR", root().resolve("data"));
    }

    /** Default DJL cache (libtorch unpacked from its jar, ~425 MB): {@code root()/djl}. */
    Path djl() {
        return root().resolve("djl");
    }

    /**
     * Points DJL at {@link #djl()} unless the user chose a place: DJL reads {@code DJL_CACHE_DIR} (and
     * {@code ENGINE_CACHE_DIR} for native engines) from the environment, then from system properties;
     * without either it would unpack libtorch into {@code ~/.djl.ai}.
     */
    void configureDjl() {
        if (isBlank(env.apply("DJL_CACHE_DIR")) && isBlank(System.getProperty("DJL_CACHE_DIR"))) {
            System.setProperty("DJL_CACHE_DIR", djl().toString());
        }
    }

    private Path variableOr(String name, Path fallback) {
        String value = env.apply(name);
        return isBlank(value) ? fallback : Path.of(value);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
