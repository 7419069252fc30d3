package org.nathear.baselines.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nathear.api.HarnessException;

/**
 * Fuzzes the ONNX model folder descriptor ({@code model.json}): any content either reads or fails
 * with a {@link HarnessException} naming the file or folder. Seeds: {@code OnnxModelDescriptorFuzzTestInputs/}.
 */
class OnnxModelDescriptorFuzzTest {
    private static final Path FOLDER;

    static {
        try {
            FOLDER = Files.createTempDirectory("nathear-onnx-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void readReadsOrNamesTheFile(byte[] bytes) throws IOException {
        Files.write(FOLDER.resolve(OnnxModelDescriptor.DESCRIPTOR_FILE), bytes);
        try {
            OnnxModelDescriptor.read(FOLDER);
        } catch (HarnessException e) {
            if (!e.getMessage().contains(FOLDER.toString())) {
                throw new AssertionError("the message does not name the model folder: " + e.getMessage(), e);
            }
        }
    }
}
