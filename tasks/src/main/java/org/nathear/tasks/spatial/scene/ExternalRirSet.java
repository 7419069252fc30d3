package org.nathear.tasks.spatial.scene;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.acoustics.receivers.FoaConvention;

/**
 * A folder of externally supplied impulse responses (e.g. the GRAM authors' released BRIRs or
 * ARIRs, or measured ones) that replaces the simulator. Format ({@code docs/nat-hear.md}):
 *
 * <pre>
 * DIR/impulse_responses.json
 * {
 *   "format": "nathear-rirs/1",
 *   "receiver": "binaural" | "foa",
 *   "foa_convention": "ambix" | "fuma" | "acn-n3d",      (foa only; default ambix)
 *   "scenes": [
 *     {"id": "house01-000",
 *      "source": {"file": "house01/000_source.wav", "azimuth_deg": 30, "elevation_deg": -5, "distance_m": 2.1},
 *      "noise": [{"file": "house01/000_noise0.wav"}, …],     (optional per-entry directions)
 *      "rt60_s": 0.6}                                         (optional)
 *   ]
 * }
 * </pre>
 * Every WAV holds one impulse response with 2 (binaural: left, right) or 4 channels (FOA), all at
 * the same rate; directions are relative to the head (azimuth counter-clockwise from the front,
 * elevation up, degrees). {@link #open} checks the whole folder — JSON, files, channel counts, rates,
 * directions — before any audio is rendered.
 */
public final class ExternalRirSet {
    /** The index file's name. */
    public static final String INDEX_FILE = "impulse_responses.json";
    /** The format tag the index must carry. */
    public static final String FORMAT = "nathear-rirs/1";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** One file and the direction of its source relative to the head (direction null when not given). */
    public record Entry(Path file, Double azimuthDegrees, Double elevationDegrees, Double distanceMeters) {
    }

    /** One scene: a source response and zero or more noise responses. */
    public record Scene(String id, Entry source, List<Entry> noise, Double rt60Seconds) {
        public Scene {
            noise = List.copyOf(noise);
        }
    }

    private final Path folder;
    private final SpatialFormat receiver;
    private final FoaConvention convention;
    private final int sampleRateHz;
    private final List<Scene> scenes;

    private ExternalRirSet(Path folder, SpatialFormat receiver, FoaConvention convention, int sampleRateHz, List<Scene> scenes) {
        this.folder = folder;
        this.receiver = receiver;
        this.convention = convention;
        this.sampleRateHz = sampleRateHz;
        this.scenes = List.copyOf(scenes);
    }

    public Path folder() {
        return folder;
    }

    public SpatialFormat receiver() {
        return receiver;
    }

    public int sampleRateHz() {
        return sampleRateHz;
    }

    public List<Scene> scenes() {
        return scenes;
    }

    /** Reads and validates a folder. */
    public static ExternalRirSet open(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path index = dir.resolve(INDEX_FILE);
        if (!Files.isRegularFile(index)) {
            throw new ConfigurationException("Impulse-response folder " + dir + " has no " + INDEX_FILE
                    + "; see docs/nat-hear.md for the format");
        }
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new ConfigurationException(index + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException(index + ": expected a JSON object with format, receiver and scenes");
        }
        String format = text(root, "format", index, "the format tag \"" + FORMAT + "\"");
        if (!FORMAT.equals(format)) {
            throw new ConfigurationException(index + ": field 'format' is '" + format + "'; expected '" + FORMAT + "'");
        }
        SpatialFormat receiver = SpatialFormat.parse(text(root, "receiver", index, "binaural or foa"));
        FoaConvention convention = root.has("foa_convention")
                ? FoaConvention.parse(text(root, "foa_convention", index, "ambix, fuma or acn-n3d")) : FoaConvention.AMBIX;
        JsonNode list = root.get("scenes");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ConfigurationException(index + ": field 'scenes' must be a non-empty list of scenes");
        }
        List<Scene> scenes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int rate = -1;
        Path rateFile = null;
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String where = index + ": scene " + i;
            if (!s.isObject()) {
                throw new ConfigurationException(where + " must be an object with id, source and noise");
            }
            String id = text(s, "id", index, "a scene id (scene " + i + ")");
            if (!ids.add(id)) {
                throw new ConfigurationException(where + ": id '" + id + "' appears twice");
            }
            where = index + ": scene '" + id + "'";
            Entry source = entry(s.get("source"), dir, where + " source", true);
            List<Entry> noise = new ArrayList<>();
            JsonNode noiseList = s.get("noise");
            if (noiseList != null && !noiseList.isNull()) {
                if (!noiseList.isArray()) {
                    throw new ConfigurationException(where + ": field 'noise' must be a list of {\"file\": …}");
                }
                for (int k = 0; k < noiseList.size(); k++) {
                    noise.add(entry(noiseList.get(k), dir, where + " noise " + k, false));
                }
            }
            Double rt60 = s.has("rt60_s") && s.get("rt60_s").isNumber() ? s.get("rt60_s").doubleValue() : null;
            List<Entry> all = new ArrayList<>(noise);
            all.add(0, source);
            for (Entry e : all) {
                WavHeader h = WavHeader.read(e.file());
                int expected = receiver.layout().channelCount();
                if (h.channels() != expected) {
                    throw new ConfigurationException(where + ": " + e.file() + " has " + h.channels() + " channel(s); the set's "
                            + "receiver is " + receiver.id() + ", which needs " + expected);
                }
                if (rate < 0) {
                    rate = h.sampleRateHz();
                    rateFile = e.file();
                } else if (h.sampleRateHz() != rate) {
                    throw new ConfigurationException(where + ": " + e.file() + " is at " + h.sampleRateHz() + " Hz but "
                            + rateFile + " is at " + rate + " Hz; every response of a set must have the same rate");
                }
            }
            scenes.add(new Scene(id, source, noise, rt60));
        }
        return new ExternalRirSet(dir, receiver, convention, rate, scenes);
    }

    /** The responses of a scene at {@code sampleRateHz}, in nathear's channel convention. */
    public SceneImpulseResponses load(Scene scene, int sampleRateHz) {
        float[][] source = read(scene.source().file(), sampleRateHz);
        List<float[][]> noise = new ArrayList<>();
        for (Entry e : scene.noise()) {
            noise.add(read(e.file(), sampleRateHz));
        }
        return new SceneImpulseResponses(source, noise);
    }

    private float[][] read(Path file, int rateHz) {
        WavData wav = WavFiles.read(file);
        float[][] s = wav.samples();
        if (s.length != receiver.layout().channelCount()) {
            throw new ConfigurationException(file + " has " + s.length + " channels; expected " + receiver.layout().channelCount());
        }
        if (receiver == SpatialFormat.FOA) {
            s = convention.toAmbix(s);
        }
        float[][] out = new float[s.length][];
        for (int c = 0; c < s.length; c++) {
            out[c] = Resampler.resample(s[c], wav.sampleRateHz(), rateHz);
        }
        return out;
    }

    /** The scene's record (directions from the index; no room). */
    SceneParameters parameters(Scene scene, String receiverDescription, String noiseKind, Double snrDb) {
        Entry s = scene.source();
        List<SceneParameters.SourceSpec> noise = new ArrayList<>();
        for (Entry e : scene.noise()) {
            if (e.azimuthDegrees() != null && e.elevationDegrees() != null) {
                noise.add(new SceneParameters.SourceSpec(null, e.azimuthDegrees(), e.elevationDegrees(), e.distanceMeters()));
            }
        }
        return new SceneParameters(receiver.id(), "external:" + scene.id(), receiverDescription, null, null,
                new SceneParameters.SourceSpec(null, s.azimuthDegrees(), s.elevationDegrees(), s.distanceMeters()),
                new SceneParameters.NoiseSpec(noiseKind, noise, snrDb));
    }

    private static Entry entry(JsonNode node, Path dir, String where, boolean needsDirection) {
        if (node == null || !node.isObject()) {
            throw new ConfigurationException(where + ": expected {\"file\": …, \"azimuth_deg\": …, \"elevation_deg\": …}");
        }
        JsonNode f = node.get("file");
        if (f == null || !f.isTextual() || f.textValue().isBlank()) {
            throw new ConfigurationException(where + ": field 'file' (a WAV path relative to " + dir + ") is missing");
        }
        Path file = dir.resolve(f.textValue()).normalize();
        if (!file.startsWith(dir)) {
            throw new ConfigurationException(where + ": file '" + f.textValue() + "' lies outside the folder " + dir);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(where + ": file " + file + " does not exist");
        }
        Double az = number(node, "azimuth_deg", where);
        Double el = number(node, "elevation_deg", where);
        Double dist = number(node, "distance_m", where);
        if (needsDirection && (az == null || el == null)) {
            throw new ConfigurationException(where + ": the source direction is missing; 'azimuth_deg' and 'elevation_deg' "
                    + "(relative to the head, degrees) are required for every source response");
        }
        if (el != null && !(el >= -90 && el <= 90)) {
            throw new ConfigurationException(where + ": elevation_deg is " + el + "; expected -90 to 90");
        }
        return new Entry(file, az, el, dist);
    }

    private static Double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new ConfigurationException(where + ": field '" + field + "' must be a number; got " + v);
        }
        return v.doubleValue();
    }

    private static String text(JsonNode node, String field, Path index, String expected) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw new ConfigurationException(index + ": field '" + field + "' is missing or not a string; expected " + expected);
        }
        return v.textValue();
    }
}
