package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;
import org.nathear.tasks.catalogue.CatalogueEntry;
import org.nathear.tasks.catalogue.HearCatalogue;

/**
 * Named task suites and the task catalogue check. {@code --suite hear} selects exactly the GRAM
 * paper's 11 HEAR tasks ({@link HearCatalogue}) among the tasks found, in the paper's order, and
 * says which are missing. Any selected task whose id the catalogue knows is checked against its
 * entry; a folder that differs (split mode, folds, label count, kind, primary metric) becomes a
 * failed cell whose message says what was expected.
 */
public final class Suites {
    /** Suite names {@code --suite} accepts. */
    public static final List<String> NAMES = List.of(HearCatalogue.SUITE);

    /**
     * @param tasks       what will run (catalogue mismatches already turned into failing entries)
     * @param expected    the suite's task ids
     * @param missing     suite tasks not found among the available tasks
     * @param mismatched  tasks whose folder differs from the catalogue
     */
    public record Selection(List<TaskEntry> tasks, List<String> expected, List<String> missing, List<String> mismatched) {
        public Selection {
            tasks = List.copyOf(tasks);
            expected = List.copyOf(expected);
            missing = List.copyOf(missing);
            mismatched = List.copyOf(mismatched);
        }
    }

    private Suites() {
    }

    /**
     * The tasks of a suite.
     *
     * @param available  every task found (id → entry)
     * @param requested  {@code --tasks} ids; when not empty they must belong to the suite and restrict it
     */
    public static Selection select(String suite, Map<String, TaskEntry> available, List<String> requested) {
        if (!NAMES.contains(suite)) {
            throw new ConfigurationException("Unknown suite '" + suite + "'; known suites: " + NAMES);
        }
        List<String> expected = HearCatalogue.paperSuite().stream().map(CatalogueEntry::id).toList();
        for (String id : requested) {
            if (!expected.contains(id)) {
                throw new ConfigurationException("Task '" + id + "' is not in suite '" + suite + "'; its tasks are " + expected);
            }
        }
        List<TaskEntry> chosen = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : expected) {
            if (!requested.isEmpty() && !requested.contains(id)) {
                continue;
            }
            TaskEntry entry = available.get(id);
            if (entry == null) {
                missing.add(id);
            } else {
                chosen.add(entry);
            }
        }
        List<String> mismatched = new ArrayList<>();
        List<TaskEntry> checked = checkCatalogue(chosen, mismatched);
        return new Selection(checked, expected, missing, mismatched);
    }

    /**
     * Checks every task the catalogue knows against its entry; a mismatching task is replaced by a
     * broken entry (its cell fails with the explanation) and its id added to {@code mismatched}.
     */
    public static List<TaskEntry> checkCatalogue(List<TaskEntry> tasks, List<String> mismatched) {
        List<TaskEntry> out = new ArrayList<>(tasks.size());
        for (TaskEntry task : tasks) {
            Optional<CatalogueEntry> entry = HearCatalogue.find(task.id());
            if (entry.isEmpty() || task.isBroken()) {
                out.add(task);
                continue;
            }
            try {
                entry.get().requireMatch(task.plugin().descriptor(), task.origin());
                out.add(task);
            } catch (HarnessException e) {
                mismatched.add(task.id());
                out.add(new TaskEntry(task.id(), task.plugin(), task.provider(), task.origin(), e.getMessage()));
            }
        }
        return out;
    }
}
