package org.nathear.tasks.hear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.nathear.api.HarnessException;
import org.nathear.api.Ids;
import org.nathear.api.Label;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.TaskKind;
import org.nathear.api.spi.TaskPlugin;

/**
 * One task in the HEAR on-disk format (what hear-preprocess writes): a folder
 * {@code <task_name>-<version>-<mode>/} with {@code task_metadata.json}, {@code labelvocabulary.csv},
 * one {@code <split>.json} per split and audio in {@code <rate>/<split>/<clip>.wav}.
 *
 * <p>The task id is the folder's name; {@link #descriptor()} reads only the metadata and the
 * vocabulary (cheap, never audio) and is memoised. {@link #open()} validates the whole folder
 * (labels, splits, that every clip has audio in every rate folder) and fails with a
 * {@link TaskFormatException} naming the file and the field or clip at fault.
 *
 * <p>Format details and nathear's extensions ({@code channel_layout}, {@code description}) are
 * described in {@code docs/tasks.md}.
 */
public final class HearTaskFolder implements TaskPlugin {
    /** How many missing audio files an error lists by name. */
    static final int MISSING_SHOWN = 5;

    private final Path folder;
    private volatile TaskDescriptor descriptor;

    /** A task folder; nothing is read until {@link #descriptor()} or {@link #open()}. */
    public HearTaskFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The task folder (absolute). */
    public Path folder() {
        return folder;
    }

    /** True when {@code dir} holds a {@code task_metadata.json}. */
    public static boolean isTaskFolder(Path dir) {
        return HearFormat.isTaskFolder(dir);
    }

    @Override
    public TaskDescriptor descriptor() {
        TaskDescriptor d = descriptor;
        if (d == null) {
            d = readDescriptor();
            descriptor = d;
        }
        return d;
    }

    /** Validates the whole folder and returns the task; re-reads the folder on every call. */
    @Override
    public HearOpenedTask open() {
        TaskDescriptor d = readDescriptor();
        descriptor = d;
        Map<String, SortedMap<String, Label>> clipsBySplit = new LinkedHashMap<>();
        Map<String, String> splitOfClip = new HashMap<>();
        for (String split : d.splits()) {
            Path file = folder.resolve(HearFormat.splitFileName(split));
            if (!Files.isRegularFile(file)) {
                throw new TaskFormatException(file + ": split file is missing; " + HearFormat.METADATA_FILE
                        + " lists splits " + d.splits() + " and each needs a <split>.json of labels");
            }
            SortedMap<String, Label> clips = SplitLabelsFile.read(file, split, d.kind(), d.labelVocabulary(),
                    d.clipDurationSeconds());
            for (String clipId : clips.keySet()) {
                String other = splitOfClip.putIfAbsent(clipId, split);
                if (other != null) {
                    throw new TaskFormatException(file + ": clip '" + clipId + "' is also in "
                            + HearFormat.splitFileName(other) + "; a clip may belong to one split only");
                }
            }
            clipsBySplit.put(split, clips);
        }
        List<Integer> rates = rateFolders();
        for (int rate : rates) {
            for (Map.Entry<String, SortedMap<String, Label>> e : clipsBySplit.entrySet()) {
                requireAudio(rate, e.getKey(), e.getValue().keySet());
            }
        }
        return new HearOpenedTask(d, folder, clipsBySplit, rates);
    }

    /** The task folder. */
    @Override
    public String origin() {
        return folder.toString();
    }

    @Override
    public String toString() {
        return "HearTaskFolder[" + folder + "]";
    }

    private TaskDescriptor readDescriptor() {
        String id = folder.getFileName() == null ? "" : folder.getFileName().toString();
        if (!Ids.TASK_ID.matcher(id).matches()) {
            throw new TaskFormatException(folder + ": the folder name '" + id + "' is the task id and must match "
                    + Ids.TASK_ID.pattern() + " (e.g. esc50-v2.0.0-full); rename the folder");
        }
        HearMetadata meta = HearMetadata.read(folder.resolve(HearFormat.METADATA_FILE));
        // localization labels are directions: the vocabulary file is not needed (hear-eval-kit ignores it too)
        List<String> vocabulary = meta.kind() == TaskKind.LOCALIZATION ? List.of()
                : LabelVocabularyFile.read(folder.resolve(HearFormat.VOCABULARY_FILE));
        try {
            return new TaskDescriptor(id, meta.version(), meta.kind(), meta.layout(), meta.metrics(), meta.splitMode(),
                    meta.splits(), vocabulary, meta.sampleDurationSeconds(), description(meta), meta.directionTarget());
        } catch (HarnessException e) {
            throw new TaskFormatException(folder + ": " + e.getMessage(), e);
        }
    }

    private static String description(HearMetadata meta) {
        if (meta.description() != null && !meta.description().isBlank()) {
            return meta.description();
        }
        return "HEAR task " + meta.taskName() + " " + meta.version() + (meta.mode() == null ? "" : " (" + meta.mode() + ")")
                + ": " + meta.embeddingType() + " " + meta.predictionType()
                + ", " + meta.layout().name().toLowerCase(Locale.ROOT);
    }

    /** Sample-rate folders present, ascending. */
    private List<Integer> rateFolders() {
        List<Integer> rates = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (HearFormat.isRateFolderName(name) && Files.isDirectory(child)) {
                    rates.add(Integer.parseInt(name));
                }
            }
        } catch (IOException e) {
            throw new TaskFormatException(folder + ": cannot list the task folder: " + e, e);
        }
        if (rates.isEmpty()) {
            throw new TaskFormatException(folder + ": no sample-rate folder with audio; expected at least one folder "
                    + "named by its rate in Hz, e.g. 16000/<split>/<clip>.wav");
        }
        rates.sort(null);
        return rates;
    }

    /**
     * A clip file may be a symbolic link only to a file inside the task folder or inside its own split
     * folder (each taken with links resolved, so a rate or split folder that is itself a link to another
     * disk still works). A link elsewhere (e.g. to {@code /etc/passwd}) or one that cannot be resolved
     * (a loop, a missing target) is rejected, naming the link.
     */
    private void requireLinkInside(Path dir, Path clip, String split) {
        if (!Files.isSymbolicLink(clip)) {
            return;
        }
        Path target;
        try {
            target = clip.toRealPath();
        } catch (IOException e) {
            throw new TaskFormatException(clip + ": audio file is a symbolic link that cannot be resolved (" + e.getMessage()
                    + ": a link loop, or its target is missing); replace it with the WAV file (listed in "
                    + folder.resolve(HearFormat.splitFileName(split)) + ")", e);
        }
        try {
            if (target.startsWith(folder.toRealPath()) || target.startsWith(dir.toRealPath())) {
                return;
            }
        } catch (IOException e) {
            throw new TaskFormatException(folder + ": cannot resolve the task folder: " + e, e);
        }
        throw new TaskFormatException(clip + ": audio file is a symbolic link to " + target + ", outside the task folder "
                + folder + "; clips must be files inside the task folder (copy the file in, or link a whole rate or split"
                + " folder instead)");
    }

    private void requireAudio(int rate, String split, Set<String> clipIds) {
        Path dir = folder.resolve(Integer.toString(rate)).resolve(split);
        if (!Files.isDirectory(dir)) {
            throw new TaskFormatException(dir + ": folder is missing; rate folder " + rate + "/ needs one folder per "
                    + "split with the audio of its " + clipIds.size() + " clip(s)");
        }
        Set<String> present = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> present.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new TaskFormatException(dir + ": cannot list the audio folder: " + e, e);
        }
        List<String> missing = new ArrayList<>();
        for (String clipId : clipIds) {
            if (present.contains(clipId)) {
                requireLinkInside(dir, dir.resolve(clipId), split);
            }
            if (!present.contains(clipId) || !Files.isRegularFile(dir.resolve(clipId))) {
                missing.add(clipId);
            }
        }
        if (!missing.isEmpty()) {
            List<String> shown = missing.subList(0, Math.min(MISSING_SHOWN, missing.size()));
            throw new TaskFormatException(folder.resolve(HearFormat.splitFileName(split)) + ": " + missing.size()
                    + " of " + clipIds.size() + " clip(s) have no audio file in " + dir + ": " + String.join(", ", shown)
                    + (missing.size() > shown.size() ? ", … (" + (missing.size() - shown.size()) + " more)" : ""));
        }
    }
}
