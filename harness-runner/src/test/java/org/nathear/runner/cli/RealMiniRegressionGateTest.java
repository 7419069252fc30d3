package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.baselines.HearNaiveModel;
import org.nathear.results.schema.RunResult;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.eval.RunConfiguration;
import org.nathear.runner.eval.RunEngine;
import org.nathear.runner.plugins.PluginRegistry;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.runner.probe.LinearProbe;

/**
 * The project's own regression gate, exercised both ways on the real-audio suite: HEAR-Naive as it
 * is passes {@code nathear check} against the committed baseline
 * ({@code results/baselines/real-mini-hear-naive.json}); a deliberately degraded HEAR-Naive (same
 * id, only 4 of its 4096 embedding dimensions kept) fails it with exit code 3. Slow (two runs of the
 * suite, a few minutes on two cores); skips without {@code ../shared}.
 */
@Tag("slow")
class RealMiniRegressionGateTest {
    static final List<String> TASKS = List.of("real-digits-v1-full", "real-drums-v1-full", "real-langid-v1-full",
            "real-pitch-v1-full", "real-sfx-v1-full");
    static final Path BASELINE = Path.of("..", "results", "baselines", "real-mini-hear-naive.json");

    @TempDir
    Path dir;

    /** HEAR-Naive with all but 4 of its 4096 scene-embedding dimensions zeroed: a model that got worse. */
    static final class DegradedHearNaive implements ModelPlugin {
        private final HearNaiveModel inner = new HearNaiveModel();

        @Override
        public ModelDescriptor descriptor() {
            return inner.descriptor();
        }

        @Override
        public String weightsSha256(ModelOptions options) {
            return "degraded-for-test:" + inner.weightsSha256(options);
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            OpenedModel model = inner.open(options);
            return new OpenedModel() {
                @Override
                public ModelDescriptor descriptor() {
                    return model.descriptor();
                }

                @Override
                public float[][] sceneEmbeddings(List<AudioClip> clips) {
                    float[][] e = model.sceneEmbeddings(clips);
                    for (float[] row : e) {
                        for (int d = 0; d < row.length; d++) {
                            if (d % 1024 != 0) {
                                row[d] = 0;
                            }
                        }
                    }
                    return e;
                }

                @Override
                public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                    return model.timestampEmbeddings(clips);
                }

                @Override
                public void close() {
                    model.close();
                }
            };
        }
    }

    private Path runSuite(ModelPlugin model, String name) {
        Path tasksDir = NathearCliTest.sharedTasks();
        PluginRegistry registry = PluginRegistry.discover(List.of(),
                new TaskDiscoveryContext(List.of(tasksDir), dir.resolve("data")), List.of("demo"));
        List<TaskEntry> tasks = TASKS.stream().map(registry::task).toList();
        Path file = dir.resolve(name).resolve("results.json");
        RunResult result = new RunEngine(new Progress(new PrintWriter(new StringWriter()), 0, true))
                .run(RunConfiguration.builder().runId(name).models(List.of(new ModelEntry(model, "test"))).tasks(tasks)
                .seed(42L).probe(new LinearProbe()).resultFile(file).batchSize(16).build());
        assertEquals(TASKS.size(), result.cells().size());
        return file;
    }

    private int check(Path results, StringWriter out) {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(out, true))
                .execute("check", "--baseline", BASELINE.toString(), "--allow-missing", results.toString()); // the event task is left out for time
    }

    @Test
    void theUnchangedModelPassesAndADegradedOneFailsWithExitCodeThree() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(NathearCliTest.sharedTasks()),
                "needs the real-audio suite at " + NathearCliTest.sharedTasks());
        StringWriter unchanged = new StringWriter();
        assertEquals(0, check(runSuite(new HearNaiveModel(), "unchanged"), unchanged), unchanged.toString());
        System.out.println(unchanged);

        StringWriter degraded = new StringWriter();
        assertEquals(CheckCommand.EXIT_REGRESSION, check(runSuite(new DegradedHearNaive(), "degraded"), degraded),
                degraded.toString());
        System.out.println(degraded);
        assertTrue(degraded.toString().contains("**REGRESSION**") && degraded.toString().contains("model changed"),
                degraded.toString());
    }
}
