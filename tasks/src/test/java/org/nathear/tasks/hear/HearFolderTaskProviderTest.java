package org.nathear.tasks.hear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;
import org.nathear.api.PluginException;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.api.spi.TaskProvider;

class HearFolderTaskProviderTest {
    @TempDir
    Path root;

    private List<String> ids(List<Path> dirs) {
        return new HearFolderTaskProvider().tasks(new TaskDiscoveryContext(dirs, root.resolve("data")))
                .stream().map(t -> t.descriptor().id()).toList();
    }

    @Test
    void offersAFolderThatIsItselfATask() {
        TinyTaskFolder t = TinyTaskFolder.multiclass(root, "tiny-v1-full");
        assertEquals(List.of("tiny-v1-full"), ids(List.of(t.folder)));
    }

    @Test
    void offersEveryDirectSubfolderThatIsATaskSortedByName() throws IOException {
        Path tasks = root.resolve("tasks");
        TinyTaskFolder.multiclass(tasks, "zeta-v1-full");
        TinyTaskFolder.multiclass(tasks, "alpha-v1-full");
        Files.createDirectories(tasks.resolve("not-a-task"));
        TinyTaskFolder.multiclass(tasks.resolve("deeper"), "nested-v1-full");
        assertEquals(List.of("alpha-v1-full", "zeta-v1-full"), ids(List.of(tasks)));
    }

    @Test
    void discoveryReadsNoAudioAndDefersMetadataErrorsToTheBrokenTask() {
        Path tasks = root.resolve("tasks");
        TinyTaskFolder good = TinyTaskFolder.multiclass(tasks, "good-v1-full");
        TinyTaskFolder broken = TinyTaskFolder.multiclass(tasks, "broken-v1-full");
        broken.writeText(HearFormat.METADATA_FILE, "not json");
        good.delete("16000");
        List<TaskPlugin> found = new HearFolderTaskProvider().tasks(new TaskDiscoveryContext(List.of(tasks), root));
        assertEquals(2, found.size());
        assertThrows(org.nathear.api.TaskFormatException.class, () -> found.get(0).descriptor());
        assertEquals("good-v1-full", found.get(1).descriptor().id());
        assertEquals(good.folder.toString(), found.get(1).origin());
    }

    @Test
    void rejectsATasksFolderThatDoesNotExist() {
        Path missing = root.resolve("nowhere");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ids(List.of(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void rejectsATasksFolderWithoutTasksAndPointsToANestedTasksFolder() {
        Path release = root.resolve("hear-2021.0.6");
        TinyTaskFolder.multiclass(release.resolve("tasks"), "tiny-v1-full");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ids(List.of(release)));
        assertTrue(e.getMessage().contains("holds no HEAR task"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean " + release.resolve("tasks")), e.getMessage());
    }

    @Test
    void rejectsTwoFoldersWithTheSameTaskIdNamingBoth() {
        TinyTaskFolder a = TinyTaskFolder.multiclass(root.resolve("a"), "tiny-v1-full");
        TinyTaskFolder b = TinyTaskFolder.multiclass(root.resolve("b"), "tiny-v1-full");
        PluginException e = assertThrows(PluginException.class, () -> ids(List.of(root.resolve("a"), root.resolve("b"))));
        assertTrue(e.getMessage().contains(a.folder.toString()) && e.getMessage().contains(b.folder.toString()),
                e.getMessage());
    }

    @Test
    void listsTheSameFolderOnceWhenNamedTwice() {
        TinyTaskFolder t = TinyTaskFolder.multiclass(root, "tiny-v1-full");
        assertEquals(List.of("tiny-v1-full"), ids(List.of(t.folder, root)));
    }

    @Test
    void isRegisteredAsAServiceNamedHearFolders() {
        List<String> names = ServiceLoader.load(TaskProvider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains(HearFolderTaskProvider.NAME), "providers found: " + names);
    }
}
