package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nathear.api.ConfigurationException;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.Provenance;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;

/**
 * What {@link RunEngine#resume} keeps from an interrupted run, and the checks that make finishing it
 * safe: the same run id and settings (seed, probe, models, tasks, options), the same harness build,
 * JVM, platform and libraries (else scores from two builds would mix), and cells only for the
 * run's own (task, model) pairs. Every cell already in the file is kept as it is; the others run with
 * the seeds the run seed derives for them, exactly as an uninterrupted run would.
 */
final class RunResume {
    private final RunResult interrupted;
    private final Set<String> done = new HashSet<>();

    private RunResume(RunResult interrupted) {
        this.interrupted = interrupted;
        for (CellResult cell : interrupted.cells()) {
            done.add(key(cell.taskId(), cell.modelId()));
        }
    }

    /**
     * Checks that {@code interrupted} can be finished by this process.
     *
     * @throws ConfigurationException saying what differs and what to do
     */
    static RunResume check(RunResult interrupted, String runId, RunSettings settings, Provenance current) {
        String what = "Cannot resume run " + interrupted.runId() + ": ";
        if (!Objects.equals(interrupted.runId(), runId)) {
            throw new ConfigurationException(what + "asked to write it as run " + runId + "; a resumed run keeps its id");
        }
        if (interrupted.finishedUtc() != null) {
            throw new ConfigurationException(what + "it finished at " + interrupted.finishedUtc() + "; nothing to resume");
        }
        List<String> differences = new ArrayList<>();
        RunSettings old = interrupted.settings();
        if (old == null) {
            throw new ConfigurationException(what + "its result file records no settings");
        }
        compare(differences, "seed", old.seed(), settings.seed());
        compare(differences, "probe", old.probe(), settings.probe());
        compare(differences, "models", old.modelIds(), settings.modelIds());
        compare(differences, "tasks", old.taskIds(), settings.taskIds());
        compare(differences, "batch size", old.batchSize(), settings.batchSize());
        Set<String> models = new TreeSet<>(old.modelOptions().keySet());
        models.addAll(settings.modelOptions().keySet());
        for (String m : models) {
            compare(differences, "options of model " + m, old.modelOptions().get(m), settings.modelOptions().get(m));
        }
        Set<String> byKind = new TreeSet<>(old.optionsByTaskKind().keySet());
        byKind.addAll(settings.optionsByTaskKind().keySet());
        for (String m : byKind) {
            compare(differences, "options by task kind of model " + m, old.optionsByTaskKind().get(m),
                    settings.optionsByTaskKind().get(m));
        }
        old.unrecognizedOptions().forEach((k, v) -> differences.add("setting " + k + " = " + v + " is not one this "
                + "nathear knows"));
        if (!differences.isEmpty()) {
            throw new ConfigurationException(what + "its settings differ from this invocation: " + String.join("; ", differences)
                    + ". A run is resumed with exactly the settings it started with (they are read from its results.json)");
        }
        Provenance p = interrupted.provenance();
        if (p == null) {
            throw new ConfigurationException(what + "its result file records no provenance");
        }
        compare(differences, "nathear version", p.harnessVersion(), current.harnessVersion());
        compare(differences, "commit", p.gitCommit(), current.gitCommit());
        compare(differences, "Java", p.javaRuntimeVersion() != null ? p.javaRuntimeVersion() : p.javaVersion(),
                p.javaRuntimeVersion() != null ? current.javaRuntimeVersion() : current.javaVersion());
        compare(differences, "Java vendor", p.javaVendor(), current.javaVendor());
        compare(differences, "OS", p.osName(), current.osName());
        compare(differences, "architecture", p.osArch(), current.osArch());
        Set<String> libs = new TreeSet<>(p.libraries().keySet());
        libs.addAll(current.libraries().keySet());
        for (String lib : libs) {
            compare(differences, lib, p.libraries().get(lib), current.libraries().get(lib));
        }
        if (!differences.isEmpty()) {
            throw new ConfigurationException(what + "it was started by a different build or platform: "
                    + String.join("; ", differences) + ". Finishing it here would mix scores from two builds; resume it "
                    + "with the nathear build and JVM that started it, or start a new run");
        }
        Set<String> expected = new HashSet<>();
        for (String task : settings.taskIds()) {
            for (String model : settings.modelIds()) {
                expected.add(key(task, model));
            }
        }
        Map<String, Integer> seen = new TreeMap<>();
        for (CellResult cell : interrupted.cells()) {
            String k = key(cell.taskId(), cell.modelId());
            seen.merge(k, 1, Integer::sum);
            if (!expected.contains(k)) {
                throw new ConfigurationException(what + "it holds a cell for model " + cell.modelId() + " on task "
                        + cell.taskId() + ", which its settings do not name; the file was edited or is not this run's");
            }
        }
        seen.forEach((k, n) -> {
            if (n > 1) {
                throw new ConfigurationException(what + "it holds " + n + " cells for " + k.replace('\u0000', '/')
                        + "; expected one per (task, model)");
            }
        });
        return new RunResume(interrupted);
    }

    RunResult interrupted() {
        return interrupted;
    }

    boolean isDone(String taskId, String modelId) {
        return done.contains(key(taskId, modelId));
    }

    int cellsDone() {
        return done.size();
    }

    private static String key(String task, String model) {
        return task + '\u0000' + model;
    }

    private static void compare(List<String> differences, String field, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            differences.add(field + " was " + was + ", now " + now);
        }
    }
}
