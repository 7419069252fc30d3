package org.nathear.tasks.hear;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nathear.api.HarnessException;
import org.nathear.api.TaskKind;

/**
 * Fuzzes the readers of a HEAR task folder's text files: {@code task_metadata.json},
 * {@code labelvocabulary.csv} and {@code <split>.json}. Each input either reads or fails with a
 * {@link HarnessException} naming the file; any other exception or error is a crash.
 *
 * <p>Seeds: {@code HearReadersFuzzTestInputs/<method>/}. For the split reader the first byte picks the
 * task kind (scene multiclass, multilabel, event, localization) and the rest is the file.
 */
class HearReadersFuzzTest {
    private static final List<String> VOCABULARY = List.of("a", "b", "c", "1", "True");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nathear-hear-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(DIR.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireNamed(HarnessException e, Path file) {
        if (!e.getMessage().contains(file.toString())) {
            throw new AssertionError("the message does not name " + file + ": " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void metadataReadsOrNamesTheFile(byte[] bytes) {
        Path file = write(HearFormat.METADATA_FILE, bytes);
        try {
            HearMetadata.read(file);
        } catch (HarnessException e) {
            requireNamed(e, file);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void vocabularyReadsOrNamesTheFile(byte[] bytes) {
        Path file = write(HearFormat.VOCABULARY_FILE, bytes);
        try {
            LabelVocabularyFile.read(file);
        } catch (HarnessException e) {
            requireNamed(e, file);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void splitLabelsReadOrNameTheFile(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        TaskKind[] kinds = {TaskKind.SCENE_MULTICLASS, TaskKind.SCENE_MULTILABEL, TaskKind.EVENT, TaskKind.LOCALIZATION};
        TaskKind kind = kinds[(bytes[0] & 0xFF) % kinds.length];
        Path file = write("train.json", java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
        try {
            SplitLabelsFile.read(file, "train", kind, VOCABULARY, (bytes[0] & 0x80) != 0 ? 20.0 : null);
        } catch (HarnessException e) {
            requireNamed(e, file);
        }
    }
}
