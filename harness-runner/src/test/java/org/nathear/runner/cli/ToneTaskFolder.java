package org.nathear.runner.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;

/**
 * A small HEAR task folder for CLI tests: {@code tones-v1-full}, 0.5 s mono clips at 16 kHz of a
 * tone near 300 Hz ("low") or 2 kHz ("high") in noise, train/valid/test of 24/12/12 clips, seeded.
 */
final class ToneTaskFolder {
    static final String ID = "tones-v1-full";

    private ToneTaskFolder() {
    }

    static Path write(Path tasksDir) {
        Path folder = tasksDir.resolve(ID);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("task_metadata.json"), """
                    {"task_name": "tones", "version": "v1", "mode": "full", "embedding_type": "scene",
                     "prediction_type": "multiclass", "split_mode": "trainvaltest", "splits": ["train", "valid", "test"],
                     "sample_duration": 0.5, "evaluation": ["top1_acc", "mAP"]}
                    """, StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("labelvocabulary.csv"), "idx,label\n0,high\n1,low\n", StandardCharsets.UTF_8);
            int[] counts = {24, 12, 12};
            String[] splits = {"train", "valid", "test"};
            for (int s = 0; s < splits.length; s++) {
                StringBuilder json = new StringBuilder("{");
                for (int i = 0; i < counts[s]; i++) {
                    String id = String.format(Locale.ROOT, "%s-%02d.wav", splits[s], i);
                    boolean low = i % 2 == 0;
                    json.append(i > 0 ? ", " : "").append('"').append(id).append("\": [\"").append(low ? "low" : "high").append("\"]");
                    SplittableRandom random = new SplittableRandom(1000L * s + i);
                    double f = (low ? 300 : 2000) * (0.9 + 0.2 * random.nextDouble());
                    float[] x = new float[8000];
                    for (int n = 0; n < x.length; n++) {
                        x[n] = (float) (0.3 * Math.sin(2 * Math.PI * f * n / 16000) + 0.1 * (random.nextDouble() - 0.5));
                    }
                    WavFiles.write(folder.resolve("16000/" + splits[s] + "/" + id), new float[][] {x}, 16000, WavEncoding.PCM_16);
                }
                Files.writeString(folder.resolve(splits[s] + ".json"), json.append('}').toString(), StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
