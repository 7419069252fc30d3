package org.nathear.tasks.tut;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.DirectionTarget;
import org.nathear.api.Ids;
import org.nathear.api.Label.DirectionLabel;
import org.nathear.api.Metric;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.hear.HearFormat;
import org.nathear.tasks.localization.LocalizationTasks;
import org.nathear.tasks.acoustics.receivers.FoaConvention;
import org.nathear.tasks.spatial.TaskFiles;

/**
 * TUT Sound Events 2018 REAL as a localization task, as in the GRAM paper: every annotated event
 * cut out of its recording (start to end), converted to nathear's ACN/SN3D channels, resampled to
 * 32 kHz, labelled with its direction; the DoA error is scored. Events that overlap another event of
 * the same recording (ov2, ov3) are left out, since a segment must have one direction.
 *
 * <p>Splits: test = the {@code test_*} recordings; the {@code train_*} recordings sorted by name,
 * every fourth (index 3, 7, …) to valid and the rest to train, so valid never shares a recording
 * with train. The paper regresses [azimuth, elevation], so the task declares that target
 * ({@code "direction_target": "az-el"}) and lists the azimuth and elevation errors after the DoA
 * metrics; {@code nathear run --doa-target unit-vector} fits the unit vector instead, and the
 * great-circle DoA error stays the primary score either way.
 */
public final class TutRealTask {
    /** The rate the segments are resampled to, as in the paper. */
    public static final int SAMPLE_RATE_HZ = 32000;

    private TutRealTask() {
    }

    /** What was written. */
    public record Result(Path taskFolder, int clips, int skippedOverlapping) {
    }

    /** The default task id, e.g. {@code tut2018-real-ov1-split1-v1-full}. */
    public static String defaultId(int overlap, int split) {
        return String.format(Locale.ROOT, "tut2018-real-ov%d-split%d-v1-full", overlap, split);
    }

    /**
     * Writes the localization task of one overlap/split pair into {@code outputParent/<id>/}.
     *
     * @param convention the channel convention of the recordings (converted to ACN/SN3D)
     */
    public static Result write(Path base, int overlap, int split, FoaConvention convention, Path outputParent, String taskId) {
        List<TutRealDataset.Recording> recordings = TutRealDataset.read(base, overlap, split);
        String id = taskId == null ? defaultId(overlap, split) : taskId;
        Ids.requireTaskId(id);
        Path target = outputParent.toAbsolutePath().normalize().resolve(id);
        if (Files.exists(target)) {
            throw new ConfigurationException("Output task folder " + target + " already exists; remove it or choose another name");
        }
        List<TutRealDataset.Recording> train = new ArrayList<>();
        List<TutRealDataset.Recording> valid = new ArrayList<>();
        List<TutRealDataset.Recording> test = new ArrayList<>();
        int trainIndex = 0;
        for (TutRealDataset.Recording r : recordings) {
            if (r.role().equals("test")) {
                test.add(r);
            } else if (trainIndex++ % 4 == 3) {
                valid.add(r);
            } else {
                train.add(r);
            }
        }
        if (train.isEmpty() || valid.isEmpty() || test.isEmpty()) {
            throw new ConfigurationException("TUT REAL ov" + overlap + " split" + split + " under " + base + " gives " + train.size()
                    + " train, " + valid.size() + " valid and " + test.size() + " test recordings; each split needs at least one "
                    + "(at least 4 train_* and 1 test_* recordings)");
        }
        Path partial = TaskFiles.partialFolder(target);
        TaskFiles.deleteTree(partial);
        int clips = 0;
        int skipped = 0;
        Map<String, List<TutRealDataset.Recording>> splits = new LinkedHashMap<>();
        splits.put("train", train);
        splits.put("valid", valid);
        splits.put("test", test);
        for (Map.Entry<String, List<TutRealDataset.Recording>> s : splits.entrySet()) {
            ObjectNode labels = TaskFiles.JSON.createObjectNode();
            for (TutRealDataset.Recording r : s.getValue()) {
                WavData wav = WavFiles.read(r.wav());
                if (wav.channelCount() != 4) {
                    throw new ConfigurationException(r.wav() + " has " + wav.channelCount() + " channels; TUT REAL recordings are "
                            + "4-channel first-order Ambisonics");
                }
                float[][] foa = convention.toAmbix(wav.samples());
                List<TutRealDataset.Event> events = r.events();
                for (int i = 0; i < events.size(); i++) {
                    TutRealDataset.Event e = events.get(i);
                    if (overlaps(events, i)) {
                        skipped++;
                        continue;
                    }
                    int from = (int) Math.floor(e.startSeconds() * wav.sampleRateHz());
                    int to = Math.min(wav.frameCount(), (int) Math.ceil(e.endSeconds() * wav.sampleRateHz()));
                    if (to - from < wav.sampleRateHz() / 100) {
                        skipped++;
                        continue;
                    }
                    float[][] segment = new float[4][];
                    for (int c = 0; c < 4; c++) {
                        segment[c] = Resampler.resample(java.util.Arrays.copyOfRange(foa[c], from, to), wav.sampleRateHz(),
                                SAMPLE_RATE_HZ);
                    }
                    String clip = String.format(Locale.ROOT, "%s_%03d.wav", r.name(), i);
                    WavFiles.write(partial.resolve(Integer.toString(SAMPLE_RATE_HZ)).resolve(s.getKey()).resolve(clip), segment,
                            SAMPLE_RATE_HZ, WavEncoding.PCM_16);
                    DirectionLabel d = DirectionLabel.fromDegrees(e.azimuthDegrees(), e.elevationDegrees());
                    ArrayNode xyz = labels.putArray(clip);
                    xyz.add(d.x()).add(d.y()).add(d.z());
                    clips++;
                }
            }
            if (labels.isEmpty()) {
                throw new ConfigurationException("TUT REAL ov" + overlap + " split" + split + ": split " + s.getKey()
                        + " has no event without overlap; choose overlap 1");
            }
            TaskFiles.writeJson(partial.resolve(HearFormat.splitFileName(s.getKey())), labels);
        }
        ObjectNode meta = TaskFiles.JSON.createObjectNode();
        meta.put("task_name", id);
        meta.put("version", "v1");
        meta.put("mode", "full");
        meta.put("embedding_type", "scene");
        meta.put("prediction_type", HearFormat.LOCALIZATION_PREDICTION_TYPE);
        meta.put("split_mode", "trainvaltest");
        meta.putArray("splits").add("train").add("valid").add("test");
        meta.putNull("sample_duration");
        ArrayNode evaluation = meta.putArray("evaluation");
        metrics().forEach(m -> evaluation.add(m.id()));
        meta.put(HearFormat.CHANNEL_LAYOUT_KEY, "foa");
        meta.put(HearFormat.DIRECTION_TARGET_KEY, DirectionTarget.AZIMUTH_ELEVATION.id());
        meta.put(HearFormat.DESCRIPTION_KEY, "TUT Sound Events 2018 REAL ov" + overlap + " split" + split
                + ": event segments, direction [x front, y left, z up], DoA error in degrees");
        ObjectNode source = meta.putObject("tut_real");
        source.put("base", base.toAbsolutePath().normalize().toString());
        source.put("overlap", overlap);
        source.put("split", split);
        source.put("foa_convention", convention.id());
        source.put("skipped_overlapping_events", skipped);
        TaskFiles.writeJson(partial.resolve(HearFormat.METADATA_FILE), meta);
        TaskFiles.writeString(partial.resolve(HearFormat.VOCABULARY_FILE), "idx,label\n");
        TaskFiles.moveFolder(partial, target);
        return new Result(target, clips, skipped);
    }

    /** The metrics of a TUT REAL task, primary first: the FOA localization metrics, then azimuth and elevation errors. */
    public static List<Metric> metrics() {
        List<Metric> m = new ArrayList<>(LocalizationTasks.metrics(ChannelLayout.FOA));
        m.add(Metric.AZIMUTH_ERROR_MEAN_DEG);
        m.add(Metric.ELEVATION_ERROR_MEAN_DEG);
        return m;
    }

    private static boolean overlaps(List<TutRealDataset.Event> events, int i) {
        TutRealDataset.Event e = events.get(i);
        for (int k = 0; k < events.size(); k++) {
            TutRealDataset.Event o = events.get(k);
            if (k != i && o.startSeconds() < e.endSeconds() && e.startSeconds() < o.endSeconds()) {
                return true;
            }
        }
        return false;
    }
}
