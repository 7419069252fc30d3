package org.nathear.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;

/**
 * The Spark job with its cache on a real HDFS: a NameNode and a DataNode in this JVM (Hadoop's
 * {@link MiniDFSCluster}, on loopback), {@code nathear-spark run --master local[2] --cache-dir
 * hdfs://localhost:PORT/…} against {@code nathear run} on one real-mini task; then a re-submission
 * that embeds nothing. Slow (about a minute on a quiet machine): CI runs it from {@code .ci/run}.
 */
@Tag("slow")
class SparkHdfsCacheTest {
    @TempDir
    Path dir;

    @Test
    void aCacheOnHdfsGivesTheCellsOfALocalRunAndAResubmissionEmbedsNothing() throws Exception {
        Path tasks = SparkLocalModeTest.tasksDir();
        Assumptions.assumeTrue(Files.isDirectory(tasks), "needs the real-mini tasks at " + tasks.toAbsolutePath());
        String task = SparkResumeAndHadoopCacheTest.TASK;
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
            String uri = "hdfs://localhost:" + cluster.getNameNodePort() + "/nathear/cache";

            // the store's own guarantees on HDFS: a publish replaces a file atomically; a stale one is refused
            HadoopCacheStore store = new HadoopCacheStore(uri, Map.of());
            Path a = dir.resolve("a.emb");
            Path b = dir.resolve("b.emb");
            SparkHadoopCacheStoreTest.writeCache(a, SparkHadoopCacheStoreTest.keys(0, 3));
            SparkHadoopCacheStoreTest.writeCache(b, SparkHadoopCacheStoreTest.keys(0, 6));
            store.publish(a, "probe/x.emb");
            FileStatus seen = store.status("probe/x.emb");
            store.publish(b, "probe/x.emb");
            assertFalse(store.publishIfUnchanged(a, "probe/x.emb", seen));
            Path back = dir.resolve("back.emb");
            assertTrue(store.download("probe/x.emb", back));
            assertEquals(new HashSet<>(SparkHadoopCacheStoreTest.keys(0, 6)), SparkHadoopCacheStoreTest.verifiedKeys(back));
            assertEquals(List.of("x.emb"), store.list("probe"), "no temporary file left beside it");
            store.delete("probe");

            StringWriter localLog = new StringWriter();
            assertEquals(0, SparkLocalModeTest.nathear(localLog, "run", "--quiet", "--tasks-dir", tasks.toString(), "--data-dir",
                    dir.resolve("data").toString(), "--models", "hear-naive", "--tasks", task, "--seed", "7", "--output",
                    dir.resolve("local").toString(), "--cache-dir", dir.resolve("local-cache").toString()), localLog.toString());

            StringWriter log = new StringWriter();
            List<String> args = new ArrayList<>(List.of("run", "--master", "local[2]", "--calls-per-task", "2", "--tasks-dir",
                    tasks.toString(), "--data-dir", dir.resolve("data").toString(), "--models", "hear-naive", "--tasks", task,
                    "--seed", "7", "--output", dir.resolve("spark").toString(), "--cache-dir", uri));
            assertEquals(0, SparkLocalModeTest.spark(log, args.toArray(String[]::new)), log.toString());
            List<CellResult> expected = SparkLocalModeTest.cellsWithoutTimings(SparkLocalModeTest.onlyRun(dir.resolve("local")));
            assertEquals(CellStatus.SUCCEEDED, expected.get(0).status());
            assertEquals(expected, SparkLocalModeTest.cellsWithoutTimings(SparkLocalModeTest.onlyRun(dir.resolve("spark"))));

            // on HDFS: the split files of a local cache, every entry with a valid checksum; no shards left
            FileSystem fs = cluster.getFileSystem();
            String folder = "hear-naive/" + task;
            for (String name : store.list(folder)) {
                assertTrue(store.download(folder + "/" + name, dir.resolve("check").resolve(folder).resolve(name)));
            }
            Map<String, List<String>> local = SparkResumeAndHadoopCacheTest.cacheEntries(dir.resolve("local-cache"));
            assertEquals(5, local.size(), local.keySet().toString());
            assertEquals(local, SparkResumeAndHadoopCacheTest.cacheEntries(dir.resolve("check")));
            assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/nathear/cache/" + ShardMerge.SHARDS + "/"
                    + SparkLocalModeTest.onlyRun(dir.resolve("spark")).getFileName())));

            // the same job again: every embedding from HDFS
            StringWriter againLog = new StringWriter();
            args.set(args.indexOf(dir.resolve("spark").toString()), dir.resolve("again").toString());
            args.add("--extract-only");
            assertEquals(0, SparkLocalModeTest.spark(againLog, args.toArray(String[]::new)), againLog.toString());
            JsonNode job = new ObjectMapper().readTree(SparkLocalModeTest.onlyRun(dir.resolve("again")).resolve("spark-job.json").toFile());
            assertEquals(0, job.get("clipsEmbedded").asInt(), job.toString());
            assertEquals(93, job.get("clipsFromCache").asInt(), job.toString());
        } finally {
            cluster.shutdown();
        }
    }
}
