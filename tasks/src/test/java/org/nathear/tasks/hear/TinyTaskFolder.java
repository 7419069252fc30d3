package org.nathear.tasks.hear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nathear.api.audio.Signals;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;

/**
 * Builds small HEAR task folders for tests: by default a valid scene multiclass task
 * {@code tiny-v1-full} with classes a, b, c, trainvaltest splits of two clips each and 0.1 s of
 * mono audio at 16 kHz. Tests then break one thing at a time.
 */
final class TinyTaskFolder {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int RATE_HZ = 16000;
    static final double SECONDS = 0.1;

    final Path folder;

    private TinyTaskFolder(Path folder) {
        this.folder = folder;
    }

    /** A valid multiclass task in {@code root/name}. */
    static TinyTaskFolder multiclass(Path root, String name) {
        TinyTaskFolder t = new TinyTaskFolder(root.resolve(name));
        ObjectNode meta = JSON.createObjectNode();
        meta.put("task_name", "tiny");
        meta.put("version", "v1");
        meta.put("mode", "full");
        meta.put("embedding_type", "scene");
        meta.put("prediction_type", "multiclass");
        meta.put("split_mode", "trainvaltest");
        meta.putArray("splits").add("train").add("valid").add("test");
        meta.put("sample_duration", SECONDS);
        meta.putArray("evaluation").add("top1_acc").add("mAP");
        t.writeMetadata(meta);
        t.writeText(HearFormat.VOCABULARY_FILE, "idx,label\n0,a\n1,b\n2,c\n");
        t.writeSplit("train", "{\"t2.wav\": [\"b\"], \"t1.wav\": [\"a\"]}");
        t.writeSplit("valid", "{\"v1.wav\": [\"c\"], \"v2.wav\": [\"a\"]}");
        t.writeSplit("test", "{\"s1.wav\": [\"b\"], \"s2.wav\": [\"c\"]}");
        t.writeAllAudio(RATE_HZ, 1);
        return t;
    }

    /** Writes the audio of every default clip into rate folder {@code rateHz}. */
    void writeAllAudio(int rateHz, int channels) {
        writeAudio(rateHz, channels, "train", "t1.wav", "t2.wav");
        writeAudio(rateHz, channels, "valid", "v1.wav", "v2.wav");
        writeAudio(rateHz, channels, "test", "s1.wav", "s2.wav");
    }

    HearTaskFolder task() {
        return new HearTaskFolder(folder);
    }

    ObjectNode metadata() {
        try {
            return (ObjectNode) JSON.readTree(folder.resolve(HearFormat.METADATA_FILE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeMetadata(JsonNode meta) {
        try {
            writeText(HearFormat.METADATA_FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Edits one field of the metadata (removes it when value is {@code null}). */
    void setMetadata(String field, JsonNode value) {
        ObjectNode meta = metadata();
        if (value == null) {
            meta.remove(field);
        } else {
            meta.set(field, value);
        }
        writeMetadata(meta);
    }

    ArrayNode array(String... items) {
        ArrayNode a = JSON.createArrayNode();
        for (String item : items) {
            a.add(item);
        }
        return a;
    }

    void writeSplit(String split, String json) {
        writeText(HearFormat.splitFileName(split), json);
    }

    void writeText(String relative, String text) {
        try {
            Path file = folder.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeAudio(int rateHz, int channels, String split, String... clipIds) {
        writeAudio(rateHz, channels, split, List.of(clipIds));
    }

    void writeAudio(int rateHz, int channels, String split, List<String> clipIds) {
        for (String id : clipIds) {
            writeWav(rateHz + "/" + split + "/" + id, rateHz, channels);
        }
    }

    /** Writes 0.1 s of seeded noise at {@code rateHz} to a file of the task folder. */
    void writeWav(String relative, int rateHz, int channels) {
        float[][] noise = Signals.whiteNoise(relative.hashCode(), channels, (int) Math.round(SECONDS * rateHz), 0.3);
        WavFiles.write(folder.resolve(relative), noise, rateHz, WavEncoding.PCM_16);
    }

    void delete(String relative) {
        try {
            Path p = folder.resolve(relative);
            if (Files.isDirectory(p)) {
                try (java.util.stream.Stream<Path> walk = Files.walk(p)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            } else {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
