package org.nathear.tasks.spatial;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;

/**
 * A small mono HEAR task for spatializer tests: {@code mini-v1-full}, classes a and b, train/valid/
 * test with two clips each of noise bursts (seeded, synthetic), at one or two rates.
 */
public final class MonoTaskFixture {
    private MonoTaskFixture() {
    }

    public static Path write(Path parent, String name, double seconds, int... ratesHz) {
        Path task = parent.resolve(name);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("task_name", name);
        meta.put("version", "v1");
        meta.put("mode", "full");
        meta.put("embedding_type", "scene");
        meta.put("prediction_type", "multiclass");
        meta.put("split_mode", "trainvaltest");
        meta.put("sample_duration", seconds);
        meta.put("evaluation", java.util.List.of("top1_acc"));
        TaskFiles.writeJson(task.resolve("task_metadata.json"), meta);
        TaskFiles.writeString(task.resolve("labelvocabulary.csv"), "idx,label\n0,a\n1,b\n");
        String[] splits = {"train", "valid", "test"};
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (String split : splits) {
            Map<String, Object> labels = new LinkedHashMap<>();
            for (int i = 0; i < 2; i++) {
                String clip = split + i + ".wav";
                labels.put(clip, java.util.List.of(i == 0 ? "a" : "b"));
                long seed = random.nextLong();
                for (int rate : ratesHz) {
                    int n = (int) Math.round(seconds * rate);
                    SplittableRandom r = new SplittableRandom(seed);
                    float[] x = new float[n];
                    for (int t = 0; t < n; t++) {
                        x[t] = (float) (0.3 * Math.sin(2 * Math.PI * (300 + 200 * i) * t / rate) + 0.05 * r.nextGaussian());
                    }
                    WavFiles.write(task.resolve(Integer.toString(rate)).resolve(split).resolve(clip), new float[][] {x}, rate,
                            WavEncoding.PCM_16);
                }
            }
            TaskFiles.writeJson(task.resolve(split + ".json"), labels);
        }
        return task;
    }
}
