package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, bug 4: runs started in the same second with the same seed and output never share a folder. */
class RunFoldersTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunWithTheSameIdGetsASuffixedFolder() {
        Path first = RunFolders.createExclusive(dir, "20261203T141500Z-seed42");
        Path second = RunFolders.createExclusive(dir, "20261203T141500Z-seed42");
        assertEquals(dir.resolve("20261203T141500Z-seed42"), first);
        assertEquals(dir.resolve("20261203T141500Z-seed42-2"), second);
    }

    @Test
    void concurrentRunsWithTheSameIdEachGetTheirOwnFolder() throws Exception {
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return RunFolders.createExclusive(dir.resolve("out"), "same-second-seed7");
                }));
            }
            start.countDown();
            Set<Path> folders = new HashSet<>();
            for (Future<Path> f : futures) {
                Path folder = f.get();
                assertTrue(Files.isDirectory(folder), folder.toString());
                folders.add(folder);
            }
            assertEquals(runs, folders.size(), "folders: " + folders);
        } finally {
            pool.shutdownNow();
        }
    }
}
