package org.nathear.tasks.hear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioFormatException;
import org.nathear.api.HarnessException;
import org.nathear.api.TaskFormatException;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;

/** Issue 13, bugs 7 and 8: hostile or broken clips are blamed on their file, in the task reader. */
class HearTaskInputChecksTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path root;

    private TinyTaskFolder tiny() {
        return TinyTaskFolder.multiclass(root, "tiny-v1-full");
    }

    /** The tiny task as an event task: valid and test get one short event each, train gets {@code trainJson}. */
    private TinyTaskFolder eventTask(String trainJson) {
        TinyTaskFolder t = tiny();
        t.setMetadata("embedding_type", NODES.textNode("event"));
        t.writeSplit("train", trainJson);
        t.writeSplit("valid", "{\"v1.wav\": [{\"label\": \"c\", \"start\": 5, \"end\": 6}], \"v2.wav\": []}");
        t.writeSplit("test", "{\"s1.wav\": [{\"label\": \"c\", \"start\": 5, \"end\": 6}], \"s2.wav\": []}");
        return t;
    }

    private static void assertMessageContains(HarnessException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain '" + part + "': " + e.getMessage());
        }
    }

    private static void replaceWithLink(Path clip, Path target) throws IOException {
        Files.delete(clip);
        Files.createSymbolicLink(clip, target);
    }

    @Test
    void rejectsAClipThatLinksToAFileOutsideTheTaskFolder() throws IOException {
        TinyTaskFolder t = tiny();
        Path outside = root.resolve("elsewhere.wav");
        Files.copy(t.folder.resolve("16000/test/s1.wav"), outside);
        Path clip = t.folder.resolve("16000/test/s1.wav");
        replaceWithLink(clip, outside);

        TaskFormatException e = assertThrows(TaskFormatException.class, () -> t.task().open());
        assertMessageContains(e, clip.toString(), "symbolic link to " + outside.toRealPath(), "outside the task folder");
    }

    @Test
    void namesASymlinkLoopInsteadOfCallingTheClipMissing() throws IOException {
        TinyTaskFolder t = tiny();
        Path clip = t.folder.resolve("16000/test/s1.wav");
        Path other = t.folder.resolve("16000/test/loop.wav");
        Files.delete(clip);
        Files.createSymbolicLink(clip, other);
        Files.createSymbolicLink(other, clip);

        TaskFormatException e = assertThrows(TaskFormatException.class, () -> t.task().open());
        assertMessageContains(e, clip.toString(), "symbolic link that cannot be resolved", "loop");
    }

    @Test
    void acceptsAClipLinkedToAnotherFileOfTheTask() throws IOException {
        TinyTaskFolder t = tiny();
        replaceWithLink(t.folder.resolve("16000/test/s1.wav"), t.folder.resolve("16000/test/s2.wav"));
        try (HearOpenedTask task = t.task().open()) {
            assertEquals(1600, task.audio("test", "s1.wav", 16000).frameCount());
        }
    }

    @Test
    void acceptsARateFolderThatIsALinkToAnotherDisk() throws IOException {
        TinyTaskFolder t = tiny();
        Path moved = root.resolve("bigdisk-16000");
        Files.move(t.folder.resolve("16000"), moved);
        Files.createSymbolicLink(t.folder.resolve("16000"), moved);
        try (HearOpenedTask task = t.task().open()) {
            assertEquals(1600, task.audio("train", "t1.wav", 16000).frameCount());
        }
    }

    @Test
    void rejectsAnEventStartingAfterTheEndOfAClipOfKnownLength() {
        TinyTaskFolder t = eventTask("{\"t1.wav\": [{\"label\": \"b\", \"start\": 10, \"end\": 1e12}], \"t2.wav\": []}");

        TaskFormatException e = assertThrows(TaskFormatException.class, () -> t.task().open());
        assertMessageContains(e, "train.json", "clip 't1.wav' event 0 ('b')", "10..1000000000000 ms",
                "outside the clip of 100 ms", "sample_duration");
    }

    @Test
    void rejectsAnEventOutsideTheAudioWhenClipsVaryInLength() {
        TinyTaskFolder t = eventTask("{\"t1.wav\": [{\"label\": \"b\", \"start\": 500, \"end\": 600}], \"t2.wav\": []}");
        t.setMetadata("sample_duration", NODES.nullNode());
        try (HearOpenedTask task = t.task().open()) {
            TaskFormatException e = assertThrows(TaskFormatException.class, () -> task.audio("train", "t1.wav", 16000));
            assertMessageContains(e, "t1.wav", "500..600 ms", "outside the clip of 100 ms");
        }
    }

    @Test
    void acceptsAnEventHeldPastTheEndByLessThanOneClipLength() {
        TinyTaskFolder t = eventTask("{\"t1.wav\": [{\"label\": \"b\", \"start\": 90, \"end\": 150}], \"t2.wav\": []}");
        try (HearOpenedTask task = t.task().open()) {
            assertEquals(1600, task.audio("train", "t1.wav", 16000).frameCount());
        }
    }

    @Test
    void rejectsAnEmptyClipNamingTheFile() {
        TinyTaskFolder t = tiny();
        Path clip = t.folder.resolve("16000/test/s1.wav");
        WavFiles.write(clip, new float[][] {{}}, 16000, WavEncoding.PCM_16);
        try (HearOpenedTask task = t.task().open()) {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> task.audio("test", "s1.wav", 16000));
            assertMessageContains(e, clip.toString(), "0 frame(s)", "at least 2");
        }
    }

    @Test
    void rejectsAOneFrameClipNamingTheFile() {
        TinyTaskFolder t = tiny();
        Path clip = t.folder.resolve("16000/test/s1.wav");
        WavFiles.write(clip, new float[][] {{0.5f}}, 16000, WavEncoding.PCM_16);
        try (HearOpenedTask task = t.task().open()) {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> task.audio("test", "s1.wav", 16000));
            assertMessageContains(e, clip.toString(), "1 frame(s)");
        }
    }

    @Test
    void blamesNanSamplesOnTheInputFileNotTheModel() {
        TinyTaskFolder t = tiny();
        Path clip = t.folder.resolve("16000/valid/v1.wav");
        WavFiles.write(clip, new float[][] {{0.1f, Float.NaN, 0.1f}}, 16000, WavEncoding.FLOAT_32);
        try (HearOpenedTask task = t.task().open()) {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> task.audio("valid", "v1.wav", 16000));
            assertMessageContains(e, clip.toString(), "is NaN");
        }
    }
}
