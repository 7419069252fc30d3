package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.results.schema.CellResult;
import org.nathear.results.files.ResultFiles;

/**
 * {@code nathear export-embeddings} read by numpy and fitted by scikit-learn ({@code
 * tools/hear-eval/fit_exported.py}), beside nathear's own score on the same embeddings. Tagged
 * {@code python}: {@code .ci/run} runs it after installing python3-numpy and python3-sklearn.
 */
@Tag("python")
class ExportEmbeddingsPythonTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private static String python(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python did not finish: " + output);
        assertEquals(0, p.exitValue(), "python " + args[0] + " failed:\n" + output);
        return output;
    }

    @Test
    void scikitLearnOnExportedEmbeddingsScoresLikeNathear() throws Exception {
        Path tasks = dir.resolve("tasks");
        Path taskFolder = ToneTaskFolder.write(tasks);
        Path cache = dir.resolve("cache");
        assertEquals(0, run("run", "--tasks-dir", tasks.toString(), "--models", "hear-naive", "--output",
                dir.resolve("runs").toString(), "--cache-dir", cache.toString(), "--seed", "42", "--quiet"), err.toString());
        Path resultFile;
        try (Stream<Path> s = Files.walk(dir.resolve("runs"))) {
            resultFile = s.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow();
        }
        CellResult cell = ResultFiles.read(resultFile).cells().get(0);
        double nathear = cell.primaryScore();

        Path export = dir.resolve("emb");
        assertEquals(0, run("export-embeddings", "--tasks-dir", tasks.toString(), "--models", "hear-naive", "--out",
                export.toString(), "--cache-dir", cache.toString(), "--quiet"), err.toString());
        Path folder = export.resolve("hear-naive").resolve(ToneTaskFolder.ID);

        // the rows are the ones `run` probed: same file names and labels as the task's split files, in order
        String check = python("-c", String.join("\n",
                "import json, pickle, sys, numpy as np",
                "folder, task = sys.argv[1], sys.argv[2]",
                "for split in ['train', 'valid', 'test']:",
                "    rows, dim = json.load(open(f'{folder}/{split}.embedding-dimensions.json'))",
                "    x = np.memmap(f'{folder}/{split}.embeddings.npy', dtype='float32', mode='r', shape=(rows, dim))",
                "    labels = pickle.load(open(f'{folder}/{split}.target-labels.pkl', 'rb'))",
                "    names = json.load(open(f'{folder}/{split}.filenames.json'))",
                "    truth = json.load(open(f'{task}/{split}.json'))",
                "    assert sorted(names) == sorted(truth), (names, list(truth))",
                "    assert all(labels[i] == truth[n] for i, n in enumerate(names)), split",
                "    assert np.isfinite(x).all() and x.std() > 0",
                "    print(split, rows, dim)"), folder.toString(), taskFolder.toString());
        assertTrue(check.contains("train 24 ") && check.contains("test 12 "), check);

        JsonNode fit = new ObjectMapper().readTree(python("../tools/hear-eval/fit_exported.py", folder.toString(), "--json"));
        double sklearn = fit.get("test_top1_acc").asDouble();
        System.out.printf(java.util.Locale.ROOT, "tones-v1-full, hear-naive: nathear top1_acc %.4f, scikit-learn on the "
                + "exported embeddings %.4f (C=%s)%n", nathear, sklearn, fit.get("C").asText());
        assertEquals(12, fit.get("test").asInt());
        assertTrue(nathear > 0.8 && sklearn > 0.8, "nathear " + nathear + ", scikit-learn " + sklearn);
        assertEquals(nathear, sklearn, 1.5 / 12, "two linear probes on the same embeddings agree within one clip or so");
    }
}
