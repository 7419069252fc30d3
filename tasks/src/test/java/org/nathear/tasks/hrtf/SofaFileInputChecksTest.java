package org.nathear.tasks.hrtf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;

/** Found by {@link SofaFileFuzzTest}: non-finite values in a SOFA file are named with the file's path. */
class SofaFileInputChecksTest {
    @TempDir
    Path dir;

    private Path write(String name, double[][] positions, double[][][] ir, double[] delay) {
        Path file = dir.resolve(name);
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("Data.IR", ir);
            w.putDataset("Data.SamplingRate", new double[] {16000});
            w.putDataset("SourcePosition", positions);
            if (delay != null) {
                w.putDataset("Data.Delay", delay);
            }
        }
        return file;
    }

    private static double[][][] impulses() {
        double[][][] ir = new double[2][2][8];
        ir[0][0][1] = 1;
        ir[0][1][3] = 0.5;
        ir[1][0][2] = 1;
        ir[1][1][2] = 1;
        return ir;
    }

    /** Reads one file in this JVM and prints the outcome; run by the test below in a child JVM with a small heap. */
    public static void main(String[] args) {
        try {
            SofaFile.read(Path.of(args[0]));
            System.out.println("read");
        } catch (ConfigurationException e) {
            System.out.println("ConfigurationException naming file: " + e.getMessage().contains(args[0]));
        }
    }

    @Test
    void aHugeObjectHeaderSizeInA900ByteFileIsAClearErrorNotAnOutOfMemoryError() throws Exception {
        Path file = dir.resolve("huge-header.sofa");
        try (var in = SofaFileInputChecksTest.class.getResourceAsStream(
                "SofaFileFuzzTestInputs/readReadsOrNamesTheFile/regression-huge-object-header-1.sofa")) {
            Files.copy(in, file);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                SofaFileInputChecksTest.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        String log = Files.readString(dir.resolve("child.log"));
        assertEquals(0, child.exitValue(), log);
        assertTrue(log.contains("ConfigurationException naming file: true"), log);
    }

    @Test
    void aNanSourcePositionIsNamedWithTheFilesPath() {
        Path file = write("nan-position.sofa", new double[][] {{90, 0, 1}, {Double.NaN, Double.NaN, 1}}, impulses(), null);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SofaFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("SourcePosition value 3 is NaN"),
                e.getMessage());
    }

    @Test
    void anInfiniteImpulseResponseSampleIsNamedWithTheFilesPath() {
        double[][][] ir = impulses();
        ir[1][1][5] = Double.POSITIVE_INFINITY;
        Path file = write("inf-ir.sofa", new double[][] {{90, 0, 1}, {0, 0, 1}}, ir, null);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SofaFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("Data.IR value 29 is Infinity"),
                e.getMessage());
    }

    @Test
    void aDelayOfMoreThanOneSecondIsRefusedBeforeAllocating() {
        Path file = write("huge-delay.sofa", new double[][] {{90, 0, 1}, {0, 0, 1}}, impulses(), new double[] {0, 2e9});
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SofaFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("Data.Delay holds 2.0E9"),
                e.getMessage());
    }
}
