package org.nathear.tasks.tut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskFormatException;

/**
 * Reads TUT Sound Events 2018 — Ambisonic, Reverberant and Real-life Impulse Response Dataset
 * ("REAL", Adavanne et al. 2018, Zenodo 1237793) in its published layout. Each overlap/split pair
 * unpacks into two folders under one base folder:
 *
 * <pre>
 * BASE/wav_ov{1,2,3}_split{1,2,3}_30db/{train,test}_*.wav    4-channel first-order Ambisonics
 * BASE/desc_ov{1,2,3}_split{1,2,3}/{train,test}_*.csv        one row per event
 * </pre>
 *
 * The CSV of a recording has the header {@code sound_event_recording,start_time,end_time,ele,azi,dist}
 * and one row per event: the source recording's file name (REAL uses UrbanSound8K names
 * {@code <fsID>-<classID>-<occurrence>-<slice>.wav}, the class is the second field), start and end
 * in seconds, elevation and azimuth in degrees (azimuth counter-clockwise from the front, as
 * nathear's), distance in metres. Whether a recording is for training or testing is its name's
 * prefix.
 */
public final class TutRealDataset {
    /** The CSV header. */
    public static final String HEADER = "sound_event_recording,start_time,end_time,ele,azi,dist";

    /** One annotated event. */
    public record Event(String recording, String className, double startSeconds, double endSeconds, double elevationDegrees,
                        double azimuthDegrees, double distanceMeters) {
    }

    /** One recording: its role (train or test), its audio and its events in onset order. */
    public record Recording(String name, String role, Path wav, Path csv, List<Event> events) {
        public Recording {
            events = List.copyOf(events);
        }
    }

    private TutRealDataset() {
    }

    /** The audio folder of an overlap/split pair. */
    public static Path audioFolder(Path base, int overlap, int split) {
        return base.resolve(String.format(Locale.ROOT, "wav_ov%d_split%d_30db", overlap, split));
    }

    /** The annotation folder of an overlap/split pair. */
    public static Path descriptionFolder(Path base, int overlap, int split) {
        return base.resolve(String.format(Locale.ROOT, "desc_ov%d_split%d", overlap, split));
    }

    /** Every recording of one overlap/split pair, sorted by name. */
    public static List<Recording> read(Path base, int overlap, int split) {
        if (overlap < 1 || overlap > 3 || split < 1 || split > 3) {
            throw new ConfigurationException("TUT REAL has overlaps 1-3 and splits 1-3; got ov" + overlap + " split" + split);
        }
        Path wavDir = audioFolder(base, overlap, split);
        Path descDir = descriptionFolder(base, overlap, split);
        for (Path dir : List.of(wavDir, descDir)) {
            if (!Files.isDirectory(dir)) {
                throw new ConfigurationException("TUT Sound Events 2018 REAL folder " + dir + " is missing; expected "
                        + wavDir.getFileName() + "/ and " + descDir.getFileName() + "/ under " + base
                        + " (the unpacked Zenodo archives of overlap " + overlap + ", split " + split + ")");
            }
        }
        Map<String, Path> wavs = list(wavDir, ".wav");
        Map<String, Path> csvs = list(descDir, ".csv");
        if (wavs.isEmpty()) {
            throw new ConfigurationException(wavDir + " holds no .wav recordings");
        }
        List<Recording> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : wavs.entrySet()) {
            Path csv = csvs.get(e.getKey());
            if (csv == null) {
                throw new ConfigurationException("Recording " + e.getValue() + " has no annotation " + descDir.resolve(e.getKey() + ".csv"));
            }
            String role = e.getKey().startsWith("train") ? "train" : e.getKey().startsWith("test") ? "test" : null;
            if (role == null) {
                throw new ConfigurationException("Recording " + e.getValue() + ": its name must start with 'train' or 'test'");
            }
            out.add(new Recording(e.getKey(), role, e.getValue(), csv, events(csv, e.getKey())));
        }
        for (String name : csvs.keySet()) {
            if (!wavs.containsKey(name)) {
                throw new ConfigurationException("Annotation " + csvs.get(name) + " has no recording " + wavDir.resolve(name + ".wav"));
            }
        }
        return out;
    }

    /** The class of an event from its source recording's name: UrbanSound8K's class id when the name has one. */
    static String className(String soundEventRecording) {
        String base = soundEventRecording.replaceFirst("\\.[^.]*$", "");
        String[] parts = base.split("-");
        return parts.length == 4 ? parts[1] : base;
    }

    private static List<Event> events(Path csv, String recording) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TaskFormatException(csv + ": cannot be read: " + e, e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new TaskFormatException(csv + ": line 1 is '" + (lines.isEmpty() ? "" : lines.get(0)) + "'; expected the header '"
                    + HEADER + "'");
        }
        List<Event> events = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 6) {
                throw new TaskFormatException(csv + ": line " + (i + 1) + ": '" + line + "' has " + f.length
                        + " fields; expected 6 (" + HEADER + ")");
            }
            double start = number(f[1], "start_time", csv, i);
            double end = number(f[2], "end_time", csv, i);
            double ele = number(f[3], "ele", csv, i);
            double azi = number(f[4], "azi", csv, i);
            double dist = number(f[5], "dist", csv, i);
            if (!(start >= 0 && end > start)) {
                throw new TaskFormatException(csv + ": line " + (i + 1) + ": start " + start + " s and end " + end
                        + " s; expected 0 <= start < end");
            }
            if (!(ele >= -90 && ele <= 90)) {
                throw new TaskFormatException(csv + ": line " + (i + 1) + ": elevation " + ele + "; expected -90 to 90 degrees");
            }
            events.add(new Event(recording, className(f[0].strip()), start, end, ele, azi, dist));
        }
        events.sort(java.util.Comparator.comparingDouble(Event::startSeconds));
        return events;
    }

    private static double number(String text, String field, Path csv, int line) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException("not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TaskFormatException(csv + ": line " + (line + 1) + ": field '" + field + "' is '" + text
                    + "'; expected a number", e);
        }
    }

    private static Map<String, Path> list(Path dir, String extension) {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && name.toLowerCase(Locale.ROOT).endsWith(extension)) {
                    out.put(name.substring(0, name.length() - extension.length()), f);
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list " + dir + ": " + e, e);
        }
        return out;
    }
}
