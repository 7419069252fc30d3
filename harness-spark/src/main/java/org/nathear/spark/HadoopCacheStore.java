package org.nathear.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;

/**
 * The embedding cache of a Spark job on a Hadoop-compatible file system ({@code hdfs://},
 * {@code s3a://}, {@code file://}, … — whatever the job's Hadoop configuration reaches), read and
 * written through Hadoop's {@link FileSystem} API with the same content-addressed layout as a local
 * cache folder ({@code <model>/<task>/<split>-<key>.emb}, {@code .sources/<task>.tsv}), so a cache
 * copied between HDFS and a local folder stays valid.
 *
 * <p>The files are the runner's {@code .emb} files byte for byte: every entry keeps its CRC-32, which
 * the reader checks. A file appears whole or not at all ({@link #publish}): written under a hidden
 * temporary name beside its target, then renamed over it (HDFS renames atomically; a local file
 * system through {@code file://} uses POSIX rename). Object stores (S3, GCS, Azure) have no atomic
 * rename; there the file is written in place, and the store makes an object visible only when its
 * upload completes, so readers again see the old file or the new one, never a part.
 *
 * <p>Nothing here is held open: the store is a URI and a few Hadoop settings, so Spark can ship it to
 * the executors; each JVM gets its {@link FileSystem} from Hadoop's own per-JVM cache.
 */
final class HadoopCacheStore implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A URI scheme followed by ':/' (a Windows drive letter, one character, is not a scheme). */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:/.*");

    /** Object stores: no atomic rename, but an object becomes visible only once its upload completes. */
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss",
            "cos", "cosn", "obs");

    private final String root;
    private final Map<String, String> hadoopConf;
    private transient Configuration configuration;

    /**
     * @param root       the cache root, a URI with a scheme (e.g. {@code hdfs://namenode:8020/nathear/cache})
     * @param hadoopConf Hadoop settings on top of the defaults (the job's {@code spark.hadoop.*} values, prefix removed)
     */
    HadoopCacheStore(String root, Map<String, String> hadoopConf) {
        URI uri;
        try {
            uri = new URI(root);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("--cache-dir " + root + " is not a valid URI: " + e.getMessage(), e);
        }
        if (uri.getScheme() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
            throw new ConfigurationException("--cache-dir " + root + " must be a URI with a scheme and a path, e.g. "
                    + "hdfs://namenode:8020/nathear/cache or s3a://bucket/nathear/cache");
        }
        this.root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        this.hadoopConf = Map.copyOf(new LinkedHashMap<>(hadoopConf));
    }

    /** Whether {@code location} names a Hadoop file system ({@code scheme://…} or {@code scheme:/…}) rather than a local path. */
    static boolean isUri(String location) {
        return location != null && SCHEME.matcher(location).matches();
    }

    /** The cache root as given. */
    String root() {
        return root;
    }

    /** The Hadoop path of {@code relative} (slash-separated, below the root). */
    Path path(String relative) {
        return new Path(root + "/" + relative);
    }

    boolean isObjectStore() {
        String scheme = URI.create(root).getScheme();
        return OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT));
    }

    /**
     * The file system of the root. For {@code file://} the raw local file system: Hadoop's checksummed
     * one would add {@code .crc} side files, which a local {@code nathear run} writing the same folder
     * would not update (every entry already carries its CRC-32).
     */
    FileSystem fileSystem() {
        try {
            FileSystem fs = FileSystem.get(URI.create(root), configuration());
            return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
        } catch (IOException e) {
            throw new ConfigurationException("Cannot reach the cache at " + root + ": " + e
                    + ". Check the URI and the Hadoop settings (--conf spark.hadoop.KEY=VALUE, core-site.xml on "
                    + "HADOOP_CONF_DIR); docs/spark.md, \"Shared storage\"", e);
        }
    }

    /** The Hadoop configuration: the defaults (and *-site.xml files on the class path) plus {@code hadoopConf}; built once. */
    synchronized Configuration configuration() {
        if (configuration == null) {
            Configuration conf = new Configuration();
            hadoopConf.forEach(conf::set);
            configuration = conf;
        }
        return configuration;
    }

    /** The status of {@code relative}, or null when it does not exist. */
    FileStatus status(String relative) throws IOException {
        FileSystem fs = fileSystem();
        Path p = path(relative);
        return fs.exists(p) ? fs.getFileStatus(p) : null;
    }

    /**
     * Copies {@code relative} to the local file {@code target} (through a temporary file beside it).
     *
     * @return false when the store has no such file
     */
    boolean download(String relative, java.nio.file.Path target) throws IOException {
        FileSystem fs = fileSystem();
        Path p = path(relative);
        if (!fs.exists(p)) {
            return false;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        java.nio.file.Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".download");
        try {
            try (InputStream in = fs.open(p)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** The files directly below the folder {@code relative} (names only; hidden temporary files left out). */
    List<String> list(String relative) throws IOException {
        FileSystem fs = fileSystem();
        Path dir = path(relative);
        List<String> names = new ArrayList<>();
        if (!fs.exists(dir)) {
            return names;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isFile() && !name.startsWith(".")) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Publishes the local file {@code source} as {@code relative}, whatever it held: readers see the old
     * file or the new one, never a part of either (see the class comment for how each kind of store does it).
     */
    void publish(java.nio.file.Path source, String relative) throws IOException {
        publish(source, relative, false, null);
    }

    /**
     * As {@link #publish(java.nio.file.Path, String)}, but only while {@code relative} is as the caller
     * read it.
     *
     * @param expected the status {@code relative} had when the caller read it (null: it did not exist)
     * @return false, without publishing, when {@code relative} changed since: another writer published
     *         first, and the caller merges again from the new file
     */
    boolean publishIfUnchanged(java.nio.file.Path source, String relative, FileStatus expected) throws IOException {
        return publish(source, relative, true, expected);
    }

    private boolean publish(java.nio.file.Path source, String relative, boolean check, FileStatus expected) throws IOException {
        FileSystem fs = fileSystem();
        Path target = path(relative);
        fs.mkdirs(target.getParent());
        if (isObjectStore()) {
            if (check && !sameFile(expected, status(relative))) {
                return false;
            }
            copyInto(fs, source, target);
            return true;
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            copyInto(fs, source, tmp);
            if (check && !sameFile(expected, status(relative))) {
                return false;
            }
            if (fs instanceof RawLocalFileSystem raw) {
                // POSIX rename replaces the target atomically
                Files.move(raw.pathToFile(tmp).toPath(), raw.pathToFile(target).toPath(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                // HDFS: rename with OVERWRITE is one atomic NameNode operation
                FileContext.getFileContext(URI.create(root), configuration()).rename(tmp, target, Options.Rename.OVERWRITE);
            }
            return true;
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }

    private static boolean sameFile(FileStatus was, FileStatus now) {
        if (was == null || now == null) {
            return was == null && now == null;
        }
        return was.getLen() == now.getLen() && was.getModificationTime() == now.getModificationTime();
    }

    private static void copyInto(FileSystem fs, java.nio.file.Path source, Path target) throws IOException {
        try (OutputStream out = fs.create(target, true)) {
            Files.copy(source, out);
        }
    }

    /** Removes {@code relative} and everything below it, if present. */
    void delete(String relative) {
        try {
            FileSystem fs = fileSystem();
            Path p = path(relative);
            if (fs.exists(p)) {
                fs.delete(p, true);
            }
        } catch (IOException e) {
            throw new HarnessException("Cannot remove " + path(relative) + ": " + e, e);
        }
    }
}
