package org.nathear.runner.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.nathear.api.ConfigurationException;
import org.nathear.api.io.TempFiles;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;

/** Says which tasks of a suite run, which are missing and which do not match the catalogue; writes {@code suite.json}. */
public final class SuiteReport {
    public static final String FILE = "suite.json";

    private SuiteReport() {
    }

    public static void write(Path runDir, String suite, Suites.Selection selection, List<Path> tasksDirs, PrintWriter err) {
        List<String> found = selection.tasks().stream().map(TaskEntry::id).toList();
        err.println("suite " + suite + ": " + found.size() + " of " + selection.expected().size() + " tasks found in "
                + tasksDirs + (selection.missing().isEmpty() ? "" : "; missing: " + String.join(", ", selection.missing()))
                + (selection.mismatched().isEmpty() ? "" : "; not matching the catalogue (their cells fail): "
                + String.join(", ", selection.mismatched())));
        err.flush();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("suite", suite);
        doc.put("tasksDirs", tasksDirs.stream().map(p -> p.toAbsolutePath().toString()).toList());
        doc.put("expected", selection.expected());
        doc.put("found", found);
        doc.put("missing", selection.missing());
        doc.put("mismatched", selection.mismatched());
        Path file = runDir.resolve(FILE);
        try {
            TempFiles.writeString(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(doc) + "\n");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write " + file + ": " + e, e);
        }
    }
}
