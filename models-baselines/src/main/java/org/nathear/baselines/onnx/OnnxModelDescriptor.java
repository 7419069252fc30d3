package org.nathear.baselines.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.api.Ids;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.audio.MelFilterbank;
import org.nathear.api.audio.MelSpectrogramConfig;
import org.nathear.api.audio.Stft;

/**
 * The descriptor {@code model.json} of an ONNX model folder, read strictly: a missing required key,
 * a value of the wrong type and an unknown key are errors naming the file and the key. The format is
 * documented in {@code docs/adding-a-model.md}; its version is {@value #SCHEMA}.
 *
 * @param id              model id ({@link Ids#MODEL_ID})
 * @param version         the model's version
 * @param description     one line for humans ({@code ""} when absent)
 * @param sampleRateHz    the rate the graph expects
 * @param acceptedLayouts channel layouts the graph takes
 * @param input           the input tensor and how it is made from audio
 * @param output          the output tensor and how it is read
 * @param maxBatchSize    at most this many pieces (clips, chunks or windows of equal length) per graph call
 * @param chunking        how long clips are cut, or {@code null} to feed every clip whole
 * @param intraOpThreads  ONNX Runtime intra-op threads, 0 = its default (one per core)
 * @param weightsSha256   the expected SHA-256 of {@code model.onnx} (checked when opening), or {@code null}
 */
public record OnnxModelDescriptor(String id, String version, String description, int sampleRateHz,
                                  Set<ChannelLayout> acceptedLayouts, Input input, Output output, int maxBatchSize,
                                  Chunking chunking, int intraOpThreads, String weightsSha256) {

    /** The descriptor format this class reads. */
    public static final String SCHEMA = "nathear.onnx-model/1";
    /** The descriptor's file name inside a model folder. */
    public static final String DESCRIPTOR_FILE = "model.json";
    /** The graph's file name inside a model folder. */
    public static final String MODEL_FILE = "model.onnx";

    /** What the graph's input is. */
    public enum InputKind {
        /**
         * Float PCM in [-1, 1]: {@code [batch, sample]} (mono graphs) or {@code [batch, channel, sample]}.
         */
        WAVEFORM,
        /**
         * Log-mel spectrogram computed by nathear ({@link org.nathear.api.audio.LogMelSpectrogram}), one per channel:
         * {@code [batch, frame, mel]} (mono graphs) or {@code [batch, channel, frame, mel]}.
         */
        LOGMEL;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the graph's output is. */
    public enum OutputKind {
        /**
         * One vector per piece, {@code [batch, dim]}. Timestamp embeddings come from running the graph
         * on windows centred every {@code timestampHopMillis}.
         */
        SCENE,
        /**
         * A sequence per piece, {@code [batch, frame, dim]}, frame k centred at
         * {@code firstFrameMillis + k * hopMillis} from the start of the piece. The scene embedding
         * is the mean of the frames.
         */
        FRAMES;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param tensor  the graph input's name
     * @param kind    waveform or log-mel
     * @param logMel  the front end for {@link InputKind#LOGMEL}, else {@code null}
     */
    public record Input(String tensor, InputKind kind, MelSpectrogramConfig logMel) {
    }

    /**
     * @param tensor                 the graph output's name
     * @param kind                   scene vectors or frame sequences
     * @param embeddingSize          the output's last dimension
     * @param hopMillis              frames: spacing of frame centres; scene: spacing of the timestamp windows
     * @param firstFrameMillis       frames: centre of frame 0 from the start of the piece; scene: 0
     * @param timestampWindowMillis  scene: length of the window run for each timestamp embedding; frames: 0
     */
    public record Output(String tensor, OutputKind kind, int embeddingSize, double hopMillis, double firstFrameMillis,
                         double timestampWindowMillis) {
    }

    /**
     * Long clips are cut into consecutive chunks of {@code maxSeconds} (the last one shorter) that
     * go through the graph separately; pieces shorter than {@code minSeconds} are zero-padded at the
     * end (embeddings of the padding are dropped).
     */
    public record Chunking(double maxSeconds, double minSeconds) {
    }

    public OnnxModelDescriptor {
        acceptedLayouts = Set.copyOf(acceptedLayouts);
    }

    /** The descriptor nathear's runner sees. */
    public ModelDescriptor toModelDescriptor() {
        return new ModelDescriptor(id, version, sampleRateHz, acceptedLayouts, output.embeddingSize(),
                output.embeddingSize(), output.hopMillis(), description.isEmpty()
                        ? "ONNX model (" + input.kind() + " in, " + output.kind() + " out)" : description);
    }

    /** Chunk length in samples, or {@code Integer.MAX_VALUE} without chunking. */
    public int maxPieceSamples() {
        return chunking == null ? Integer.MAX_VALUE : (int) Math.round(chunking.maxSeconds() * sampleRateHz);
    }

    /** Minimum piece length in samples (shorter pieces are zero-padded), at least 1. */
    public int minPieceSamples() {
        return chunking == null ? 1 : Math.max(1, (int) Math.round(chunking.minSeconds() * sampleRateHz));
    }

    /** Reads and checks {@code model.json} of a folder. */
    public static OnnxModelDescriptor read(Path folder) {
        Path file = folder.resolve(DESCRIPTOR_FILE);
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(folder + " holds no " + DESCRIPTOR_FILE
                    + "; an ONNX model folder holds model.onnx and its descriptor model.json (see docs/adding-a-model.md)");
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e, e);
        }
        return parse(file, tree);
    }

    /** Parses a descriptor tree; {@code file} is named in every error. */
    static OnnxModelDescriptor parse(Path file, JsonNode tree) {
        StrictJson root = StrictJson.root(file, tree);
        String schema = root.text("schema");
        if (!SCHEMA.equals(schema)) {
            throw root.invalid("schema", "'" + schema + "'", "'" + SCHEMA + "'");
        }
        String id = root.text("id");
        try {
            Ids.requireModelId(id);
        } catch (HarnessException e) {
            throw root.invalid("id", "'" + id + "'", "a model id matching " + Ids.MODEL_ID.pattern());
        }
        String version = root.text("version");
        String description = root.optionalText("description", "");
        int rate = root.integer("sampleRateHz");
        if (rate <= 0) {
            throw root.invalid("sampleRateHz", rate, "a positive rate in Hz");
        }
        Set<ChannelLayout> layouts = EnumSet.noneOf(ChannelLayout.class);
        for (String name : root.textList("acceptedLayouts")) {
            try {
                layouts.add(ChannelLayout.parse(name));
            } catch (HarnessException e) {
                throw root.invalid("acceptedLayouts", "'" + name + "'", "layouts from " + java.util.Arrays.toString(ChannelLayout.values()));
            }
        }
        Input input = parseInput(root.object("input"), rate);
        Output output = parseOutput(root.object("output"));
        int maxBatch = root.integer("maxBatchSize");
        if (maxBatch < 1) {
            throw root.invalid("maxBatchSize", maxBatch, "at least 1");
        }
        Chunking chunking = null;
        if (root.has("chunking")) {
            chunking = parseChunking(root.object("chunking"), rate);
        } else {
            root.allow("chunking");
        }
        int threads = root.optionalInteger("intraOpThreads", 0);
        if (threads < 0) {
            throw root.invalid("intraOpThreads", threads, "0 (ONNX Runtime's default) or a positive thread count");
        }
        String sha = root.optionalText("weightsSha256", null);
        sha = sha == null ? null : sha.toLowerCase(Locale.ROOT);
        if (sha != null && !sha.matches("[0-9a-f]{64}")) {
            throw root.invalid("weightsSha256", "'" + sha + "'", "64 hexadecimal digits (sha256sum model.onnx)");
        }
        root.finish();
        if (chunking != null && output.kind() == OutputKind.SCENE
                && output.timestampWindowMillis() > chunking.maxSeconds() * 1000 + 1e-9) {
            throw new ConfigurationException(file + ": output.timestampWindowMillis (" + output.timestampWindowMillis()
                    + " ms) is longer than chunking.maxSeconds (" + chunking.maxSeconds() + " s); a window must fit in one chunk");
        }
        return new OnnxModelDescriptor(id, version, description, rate, layouts, input, output, maxBatch, chunking, threads, sha);
    }

    private static Input parseInput(StrictJson json, int rate) {
        String tensor = json.text("tensor");
        InputKind kind = json.choice("kind", InputKind.class);
        MelSpectrogramConfig logMel = null;
        if (kind == InputKind.LOGMEL) {
            StrictJson m = json.object("logmel");
            try {
                logMel = new MelSpectrogramConfig(rate, m.integer("nFft"), m.integer("winLength"), m.integer("hopLength"),
                        m.integer("nMels"), m.number("fMinHz"), m.number("fMaxHz"), m.number("power"), m.bool("center"),
                        m.choice("padMode", Stft.PadMode.class), m.choice("melScale", MelFilterbank.Scale.class),
                        m.choice("melNorm", MelFilterbank.Norm.class), m.number("logEpsilon"));
            } catch (ConfigurationException e) {
                if (e.getMessage().startsWith("Invalid")) { // from MelSpectrogramConfig: add the file and key
                    throw m.problem(e.getMessage());
                }
                throw e;
            }
            m.finish();
        } else if (json.has("logmel")) {
            throw json.unexpected("logmel", "log-mel settings belong to input kind 'logmel', this input is '" + kind + "'");
        } else {
            json.allow("logmel");
        }
        json.finish();
        return new Input(tensor, kind, logMel);
    }

    private static Output parseOutput(StrictJson json) {
        String tensor = json.text("tensor");
        OutputKind kind = json.choice("kind", OutputKind.class);
        int size = json.integer("embeddingSize");
        if (size < 1) {
            throw json.invalid("embeddingSize", size, "at least 1");
        }
        Output out;
        if (kind == OutputKind.FRAMES) {
            double hop = json.number("hopMillis");
            double first = json.number("firstFrameMillis");
            if (!(hop > 0)) {
                throw json.invalid("hopMillis", hop, "a positive spacing in ms");
            }
            if (first < 0) {
                throw json.invalid("firstFrameMillis", first, "the centre of frame 0 in ms, at least 0");
            }
            out = new Output(tensor, kind, size, hop, first, 0);
        } else {
            double hop = json.number("timestampHopMillis");
            double window = json.number("timestampWindowMillis");
            if (!(hop > 0)) {
                throw json.invalid("timestampHopMillis", hop, "a positive spacing in ms");
            }
            if (!(window > 0)) {
                throw json.invalid("timestampWindowMillis", window, "a positive window length in ms");
            }
            out = new Output(tensor, kind, size, hop, 0, window);
        }
        json.finish();
        return out;
    }

    private static Chunking parseChunking(StrictJson json, int rate) {
        double max = json.number("maxSeconds");
        if (!(max > 0)) {
            throw json.invalid("maxSeconds", max, "a positive chunk length in seconds");
        }
        double min = json.has("minSeconds") ? json.number("minSeconds") : 0;
        json.allow("minSeconds");
        if (min < 0 || min > max + 1e-12) {
            throw json.invalid("minSeconds", min, "0.." + max + " (at most maxSeconds)");
        }
        if (Math.round(max * rate) < 1) {
            throw json.invalid("maxSeconds", max, "at least one sample at " + rate + " Hz");
        }
        json.finish();
        return new Chunking(max, min);
    }

    /** Known top-level keys, for documentation and tests. */
    static Set<String> topLevelKeys() {
        return new TreeSet<>(Set.of("schema", "id", "version", "description", "sampleRateHz", "acceptedLayouts", "input",
                "output", "maxBatchSize", "chunking", "intraOpThreads", "weightsSha256"));
    }
}
