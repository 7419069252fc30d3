package org.nathear.tasks.hear;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File names and small rules of the HEAR on-disk task format (hear-preprocess output), shared by
 * the reader ({@link HearTaskFolder}) and by code that writes task folders (the demo suite).
 *
 * <pre>
 * &lt;task_name&gt;-&lt;version&gt;-&lt;mode&gt;/
 *   task_metadata.json
 *   labelvocabulary.csv          idx,label
 *   &lt;split&gt;.json                 one per split: {"&lt;clip&gt;.wav": [labels...]}
 *   &lt;rate&gt;/&lt;split&gt;/&lt;clip&gt;.wav     one folder per sample rate in Hz, e.g. 16000/train/1a2b.wav
 * </pre>
 */
public final class HearFormat {
    /** The task's metadata (hear-preprocess's task config). */
    public static final String METADATA_FILE = "task_metadata.json";
    /** The label vocabulary, {@code idx,label}. */
    public static final String VOCABULARY_FILE = "labelvocabulary.csv";
    /**
     * nathear's extension to {@code task_metadata.json}: the channel layout of the clips,
     * {@code mono}, {@code binaural} or {@code foa}. Absent means mono (every HEAR 2021 task).
     */
    public static final String CHANNEL_LAYOUT_KEY = "channel_layout";
    /** nathear's extension: an optional one-line description shown in listings. */
    public static final String DESCRIPTION_KEY = "description";
    /**
     * nathear's extension: {@code "prediction_type": "localization"} (with {@code "embedding_type":
     * "scene"}) marks a localization task, whose label per clip is the source direction as a list of
     * three numbers {@code [x, y, z]} relative to the listener's head (x front, y left, z up; normalised
     * on reading), and whose {@code labelvocabulary.csv} may be absent or hold only its header.
     */
    public static final String LOCALIZATION_PREDICTION_TYPE = "localization";
    /**
     * nathear's extension for localization tasks: what the probe regresses, {@code "unit-vector"}
     * (the default when absent) or {@code "az-el"} ([azimuth, elevation], as the GRAM paper reports TUT
     * REAL); see {@link org.nathear.api.DirectionTarget}. {@code nathear run --doa-target} overrides it.
     */
    public static final String DIRECTION_TARGET_KEY = "direction_target";

    private static final Pattern RATE_FOLDER = Pattern.compile("[1-9][0-9]{0,6}");

    private HearFormat() {
    }

    /** The label file of a split, e.g. {@code train.json}. */
    public static String splitFileName(String split) {
        return split + ".json";
    }

    /** The name of fold {@code index} as hear-preprocess writes it: {@code fold00}, {@code fold01}, … */
    public static String foldName(int index) {
        return String.format(Locale.ROOT, "fold%02d", index);
    }

    /** True when the folder holds a {@code task_metadata.json} file. */
    public static boolean isTaskFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(METADATA_FILE));
    }

    /** True for a folder name that is a sample rate in Hz ({@code 16000}, {@code 48000}, …). */
    public static boolean isRateFolderName(String name) {
        return RATE_FOLDER.matcher(name).matches();
    }

    /**
     * Why a clip id or split name cannot be used as one file name inside the task folder, or
     * {@code null} when it can. Rejected: empty names, {@code .} and {@code ..}, path separators
     * ({@code /}, {@code \}), drive or stream separators ({@code :}), control characters, and
     * leading or trailing spaces.
     */
    public static String unsafeNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "it names a folder ('" + name + "'), not a file inside the task folder";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "it contains a path separator ('" + c + "'); expected a plain file name";
            }
            if (c == ':') {
                return "it contains ':' (a drive or stream separator); expected a plain file name";
            }
            if (Character.isISOControl(c)) {
                return "it contains a control character (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ")";
            }
        }
        if (!name.strip().equals(name)) {
            return "it starts or ends with white space";
        }
        return null;
    }
}
