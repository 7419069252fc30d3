package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.OpenedModel;

/**
 * The parameter count of an ONNX model, read from the wire format, equals the count protobuf's own
 * parser gives for the same bytes (the sum over initializers of the product of their dimensions).
 */
class OnnxInitializersTest {

    private static long protobufCount(byte[] model) throws Exception {
        return OnnxMl.ModelProto.parseFrom(model).getGraph().getInitializerList().stream()
                .mapToLong(t -> t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact)).sum();
    }

    private static long count(byte[] model) {
        return OnnxInitializers.count(ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN), "test graph");
    }

    @Test
    void countsEveryInitializerOfTheTestGraphsAsProtobufDoes() throws Exception {
        for (byte[] graph : new byte[][] {OnnxTestModels.waveSceneGraph(16, false), OnnxTestModels.logMelFramesGraph(),
            OnnxTestModels.foaFramesGraph()}) {
            long expected = protobufCount(graph);
            assertTrue(expected >= 4 * 8, "the test graphs hold at least a 4 × 8 matrix: " + expected);
            assertEquals(expected, count(graph));
        }
        // the wave graph's weights: a 4 × 16 matrix and a 16-value bias (plus small constant tensors)
        assertTrue(count(OnnxTestModels.waveSceneGraph(16, false)) >= 4 * 16 + 16);
    }

    @Test
    void countsScalarsAsOneValueAndPackedDimensions() throws Exception {
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("g")
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("scalar").setDataType(1).addFloatData(2f))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("w").setDataType(1).addAllDims(Arrays.asList(3L, 5L, 7L)))
                .build();
        byte[] unpacked = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(graph).build().toByteArray();
        assertEquals(1 + 105, count(unpacked));
        assertEquals(protobufCount(unpacked), count(unpacked));
        // the same tensor with its dims packed (field 1, wire type 2: length 3, varints 3 5 7)
        byte[] tensor = {0x0A, 3, 3, 5, 7};
        byte[] graphBytes = concat(new byte[] {0x2A, (byte) tensor.length}, tensor);
        byte[] model = concat(new byte[] {0x3A, (byte) graphBytes.length}, graphBytes);
        assertEquals(105, count(model));
    }

    @Test
    void aTruncatedGraphIsNamedAsInvalid() {
        byte[] graph = OnnxTestModels.waveSceneGraph(16, false);
        byte[] cut = Arrays.copyOf(graph, graph.length / 2);
        ModelException e = assertThrows(ModelException.class, () -> count(cut));
        assertTrue(e.getMessage().contains("test graph") && e.getMessage().contains("not a valid ONNX protobuf"), e.getMessage());
    }

    @Test
    void anOpenedOnnxModelReportsItsInitializerCount(@TempDir Path dir) throws Exception {
        Path folder = OnnxTestModels.waveScene(dir.resolve("wave"));
        try (OpenedModel model = OnnxModelPlugin.load(folder).open(ModelOptions.NONE)) {
            assertEquals(protobufCount(OnnxTestModels.waveSceneGraph(16, false)), model.parameterCount().orElseThrow());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
