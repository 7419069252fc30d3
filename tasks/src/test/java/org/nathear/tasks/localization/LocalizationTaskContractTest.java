package org.nathear.tasks.localization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nathear.api.contract.TaskPluginContract;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.tasks.hear.HearTaskFolder;
import org.nathear.tasks.spatial.MonoTaskFixture;
import org.nathear.tasks.spatial.scene.SpatialFormat;
import org.nathear.tasks.spatial.Spatializer;

/** A localization task made by the spatializer passes the task contract (binaural, through the HEAR reader). */
class LocalizationTaskContractTest implements TaskPluginContract {
    private static Path task;

    private static synchronized Path task() {
        if (task == null) {
            try {
                Path dir = Files.createTempDirectory("nathear-loc-contract");
                dir.toFile().deleteOnExit();
                Path input = MonoTaskFixture.write(dir.resolve("in"), "mini-v1-full", 0.2, 16000);
                task = Spatializer.run(input, dir.resolve("out"), new Spatializer.Settings(SpatialFormat.BINAURAL, 3, null, null,
                        null, null, true, 2, null), new Spatializer.Progress() {
                            @Override
                            public void clips(int done, int total) {
                            }

                            @Override
                            public void message(String line) {
                            }
                        }).localizationFolder();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return task;
    }

    @Override
    public TaskPlugin createTask() {
        return new HearTaskFolder(task());
    }
}
