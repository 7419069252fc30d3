package org.nathear.tasks.hrtf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nathear.api.HarnessException;

/**
 * Fuzzes the SOFA (HDF5) HRTF reader: any file either reads or fails with a {@link HarnessException}
 * naming it. Seeds (small SimpleFreeFieldHRIR files written with jHDF) are in
 * {@code SofaFileFuzzTestInputs/}.
 */
class SofaFileFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("nathear-sofa-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void readReadsOrNamesTheFile(byte[] bytes) throws IOException {
        Path file = Files.write(DIR.resolve("fuzz.sofa"), bytes);
        try {
            MeasuredHrtf h = SofaFile.read(file);
            if (h.sampleRateHz() <= 0) {
                throw new AssertionError("read a SOFA file with rate " + h.sampleRateHz());
            }
        } catch (HarnessException e) {
            if (!e.getMessage().contains(file.toString())) {
                throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
            }
        }
    }
}
