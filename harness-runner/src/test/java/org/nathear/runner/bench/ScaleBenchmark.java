package org.nathear.runner.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.eval.RunConfiguration;
import org.nathear.runner.eval.RunEngine;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;
import org.nathear.runner.probe.MlpProbe;
import org.nathear.runner.probe.MlpSettings;
import org.nathear.runner.probe.Probe;
import org.nathear.runner.probe.ProbeInput;

/**
 * Time and peak memory of one (stand-in task, stand-in model) cell at HEAR's largest sizes
 * ({@link StandIns}): extraction through the cache into memory-mapped matrices, one probe fit,
 * prediction, metrics, hear-eval-kit files; then the same cell again from the cache.
 *
 * <pre>
 * java -Xmx4g -cp … org.nathear.runner.bench.ScaleBenchmark TASK DIM PROBE WORKDIR
 *   TASK   sc5h | fsd50k | dcase
 *   DIM    embedding size, e.g. 1024
 *   PROBE  mlp-E (the MLP probe, one grid point, E epochs) | linear (one grid point of the linear probe) | linear-grid
 *   PASSES cold,cached (default: extract, then the same cell again from the cache) or cold
 * </pre>
 *
 * Peak heap is sampled every 100 ms (used heap after the JVM's own accounting); peak RSS is the
 * kernel's VmHWM and includes pages of memory-mapped files that were read (page cache the kernel can
 * drop), so RssAnon (sampled) is reported too.
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: ScaleBenchmark sc5h|fsd50k|dcase DIM mlp-EPOCHS|linear|linear-grid WORKDIR [cold|cold,cached]");
            System.exit(2);
        }
        String taskName = args[0];
        int dim = Integer.parseInt(args[1]);
        Probe probe = probe(args[2]);
        Path work = Path.of(args[3]);
        Files.createDirectories(work);
        Sampler sampler = new Sampler();
        sampler.start();
        TaskEntry task = new TaskEntry(StandIns.task(taskName), "bench", "generated");
        ModelEntry model = new ModelEntry(new StandIns.StandInModel(dim), "bench");
        PrintWriter log = new PrintWriter(System.err, true);
        System.out.printf(Locale.ROOT, "stand-in %s, %d-d embeddings, probe %s, max heap %d MB, %d CPUs%n", taskName, dim,
                args[2], Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        for (String pass : (args.length == 5 ? args[4] : "cold,cached").split(",")) {
            sampler.reset();
            long t0 = System.nanoTime();
            RunResult result = new RunEngine(new Progress(log, 10_000, false)).run(RunConfiguration.builder().runId(pass)
                    .models(List.of(model)).tasks(List.of(task))
                .seed(42).probe(probe)
                .resultFile(work.resolve(pass).resolve("results.json")).cacheDir(work.resolve("cache")).failFast(true).batchSize(16).build());
            double wall = (System.nanoTime() - t0) / 1e9;
            CellResult cell = result.cells().get(0);
            System.out.printf(Locale.ROOT, "%-6s | %s = %.4f | wall %.1f s | extraction %.1f s (%d embedded, %d from cache) | "
                            + "probe+metrics %.1f s | peak heap %d MB | peak RssAnon %d MB | VmHWM %d MB | cache %d MB%n",
                    pass, cell.primaryMetric(), cell.primaryScore(), wall, cell.timings().extractionSeconds(),
                    cell.timings().clipsEmbedded(), cell.timings().clipsFromCache(), cell.timings().probeSeconds(),
                    sampler.peakHeap >> 20, sampler.peakAnon >> 10, status("VmHWM") >> 10, size(work.resolve("cache")) >> 20);
            System.out.printf(Locale.ROOT, "       | train rows %d, test rows %d%n", cell.folds().get(0).trainExamples(),
                    cell.folds().get(0).testExamples());
        }
        sampler.interrupt();
    }

    private static Probe probe(String spec) {
        if (spec.startsWith("mlp-")) {
            int epochs = Integer.parseInt(spec.substring(4));
            return new MlpProbe("mlp-bench", new MlpSettings(1024, 0.1, 1024, epochs, epochs, 1, List.of(1e-3), List.of(1)));
        }
        if (spec.equals("linear")) {
            return onePoint(new LinearProbe(), Map.of("learningRate", "0.01", "epochs", "10"));
        }
        if (spec.equals("linear-grid")) {
            return new LinearProbe();
        }
        throw new IllegalArgumentException("probe: mlp-EPOCHS, linear or linear-grid; got " + spec);
    }

    /** A probe restricted to one grid point. */
    static Probe onePoint(Probe inner, Map<String, String> point) {
        return new Probe() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public List<Map<String, String>> grid(TaskKind kind) {
                return List.of(point);
            }

            @Override
            public Predictor fit(TaskKind kind, double[][] features, List<List<String>> labels, List<String> vocabulary,
                                 Map<String, String> hyperparameters, long seed) {
                return inner.fit(kind, features, labels, vocabulary, hyperparameters, seed);
            }

            @Override
            public Predictor fit(ProbeInput input, Map<String, String> hyperparameters, long seed) {
                return inner.fit(input, hyperparameters, seed);
            }
        };
    }

    static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")); // kB
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Samples used heap and anonymous resident memory. */
    private static final class Sampler extends Thread {
        volatile long peakHeap;
        volatile long peakAnon;

        Sampler() {
            setDaemon(true);
            setName("memory-sampler");
        }

        void reset() {
            System.gc();
            peakHeap = 0;
            peakAnon = 0;
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!isInterrupted()) {
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                peakAnon = Math.max(peakAnon, status("RssAnon"));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
