package org.nathear.results.files;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.schema.RunResult;

/**
 * Fuzzes the result file reader: any text either reads into a run that can be written again, or
 * fails with a {@link ResultFileException} naming the file. Seeds: {@code ResultFilesFuzzTestInputs/}.
 */
class ResultFilesFuzzTest {
    private static final String SOURCE = "/fuzz/results.json";

    @FuzzTest(maxDuration = "2m")
    void fromJsonReadsOrNamesTheFile(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        RunResult run;
        try {
            run = ResultFiles.fromJson(text, SOURCE);
        } catch (ResultFileException e) {
            if (!e.getMessage().contains(SOURCE)) {
                throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
            }
            return;
        }
        ResultFiles.fromJson(ResultFiles.toJson(run), SOURCE); // what was read can be written and read again
    }
}
