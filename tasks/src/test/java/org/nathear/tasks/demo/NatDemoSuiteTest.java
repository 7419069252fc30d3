package org.nathear.tasks.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.Label.DirectionLabel;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.tasks.hear.HearOpenedTask;

class NatDemoSuiteTest {
    private static final String TEXTURES_BINAURAL = "demo-textures-nat-binaural-v1-full";
    private static final String TEXTURES_LOC_BINAURAL = "demo-textures-loc-binaural-v1-full";

    @TempDir
    Path root;

    /**
     * Every mono demo task has a binaural and a FOA version, and there are localization tasks in
     * both formats; layouts and kinds are what results use to group HEAR / Nat-HEAR / localization.
     */
    @Test
    void offersBinauralAndFoaVersionsOfEveryMonoTaskAndLocalizationInBothFormats() {
        List<String> ids = NatDemoSuite.taskIds();
        for (String mono : DemoSuite.taskIds()) {
            String stem = mono.substring(0, mono.length() - "-v1-full".length());
            for (String format : List.of("binaural", "foa")) {
                String id = stem + "-nat-" + format + "-v1-full";
                assertTrue(ids.contains(id), id + " in " + ids);
                TaskDescriptor d = NatDemoSuite.descriptor(id);
                TaskDescriptor m = DemoSuite.descriptor(mono);
                assertEquals(format.equals("foa") ? ChannelLayout.FOA : ChannelLayout.BINAURAL, d.layout());
                assertEquals(m.kind(), d.kind());
                assertEquals(m.splits(), d.splits());
                assertEquals(m.labelVocabulary(), d.labelVocabulary());
                assertEquals(m.metrics(), d.metrics());
            }
        }
        long binauralLoc = ids.stream().filter(i -> i.contains("-loc-binaural-")).count();
        long foaLoc = ids.stream().filter(i -> i.contains("-loc-foa-")).count();
        assertTrue(binauralLoc >= 1 && foaLoc >= 1, "localization tasks in both formats: " + ids);
        for (String id : ids) {
            if (id.contains("-loc-")) {
                assertEquals(TaskKind.LOCALIZATION, NatDemoSuite.descriptor(id).kind(), id);
            }
        }
    }

    /**
     * Rendered on first use, read back with exactly the declared descriptor, with direction labels;
     * rendering again into another data folder gives the same bytes in every file.
     */
    @Test
    void renderingIsDeterministicByteForByteAndReadsBackAsDeclared() throws IOException {
        Path first = root.resolve("a");
        Path second = root.resolve("b");
        TaskPlugin loc = task(first, TEXTURES_LOC_BINAURAL);
        assertFalse(Files.exists(first.resolve(DemoSuite.FOLDER_NAME).resolve(TEXTURES_LOC_BINAURAL)), "listing renders nothing");
        try (HearOpenedTask opened = (HearOpenedTask) loc.open()) {
            assertEquals(NatDemoSuite.descriptor(TEXTURES_LOC_BINAURAL), opened.descriptor());
            int directions = 0;
            for (String split : opened.descriptor().splits()) {
                for (ClipRef ref : opened.clips(split)) {
                    DirectionLabel d = (DirectionLabel) ref.label();
                    assertEquals(1, Math.sqrt(d.x() * d.x() + d.y() * d.y() + d.z() * d.z()), 1e-6);
                    directions++;
                }
            }
            assertEquals(280, directions, "every textures clip has a direction");
            assertEquals(2, opened.audio(opened.descriptor().splits().get(0),
                    opened.clips(opened.descriptor().splits().get(0)).get(0).id(), 16000).channelCount());
        }
        try (HearOpenedTask scenes = (HearOpenedTask) task(first, TEXTURES_BINAURAL).open()) {
            assertEquals(NatDemoSuite.descriptor(TEXTURES_BINAURAL), scenes.descriptor());
        }
        NatDemoSuite.ensureGenerated(second, TEXTURES_BINAURAL, DemoSuite.DEFAULT_SEED);
        for (String id : List.of(TEXTURES_BINAURAL, TEXTURES_LOC_BINAURAL)) {
            Map<String, byte[]> a = files(first.resolve(DemoSuite.FOLDER_NAME).resolve(id));
            Map<String, byte[]> b = files(second.resolve(DemoSuite.FOLDER_NAME).resolve(id));
            assertEquals(a.keySet(), b.keySet(), id);
            assertTrue(a.size() > 280, id + ": audio, labels, metadata and scene records: " + a.size() + " files");
            for (String f : a.keySet()) {
                assertArrayEquals(a.get(f), b.get(f), id + "/" + f);
            }
        }
        // a second open finds the stamped folders and renders nothing
        Path wav = first.resolve(DemoSuite.FOLDER_NAME).resolve(TEXTURES_BINAURAL).resolve("16000");
        long before = Files.getLastModifiedTime(wav).toMillis();
        NatDemoSuite.ensureGenerated(first, TEXTURES_LOC_BINAURAL, DemoSuite.DEFAULT_SEED);
        assertEquals(before, Files.getLastModifiedTime(wav).toMillis());
    }

    private static TaskPlugin task(Path dataDir, String id) {
        return new DemoTaskProvider().tasks(new TaskDiscoveryContext(List.of(), dataDir)).stream()
                .filter(t -> t.descriptor().id().equals(id)).findFirst().orElseThrow();
    }

    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
