package org.nathear.baselines.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/** ONNX operators (opset 13) that tribuo-util-onnx's {@code ONNXOperators} lacks. */
enum ExtraOps implements ONNXOperator {
    MATMUL("MatMul", 2),
    RELU("Relu", 1),
    ABS("Abs", 1),
    LOG("Log", 1),
    TANH("Tanh", 1),
    RESHAPE("Reshape", 2),
    TRANSPOSE("Transpose", 1, Map.of("perm", new ONNXAttribute("perm", OnnxMl.AttributeProto.AttributeType.INTS, true)));

    private final String opName;
    private final int inputs;
    private final Map<String, ONNXAttribute> attributes;

    ExtraOps(String opName, int inputs) {
        this(opName, inputs, Map.of());
    }

    ExtraOps(String opName, int inputs, Map<String, ONNXAttribute> attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.attributes = attributes;
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return attributes.isEmpty() ? Collections.emptySet() : attributes.keySet();
    }

    @Override
    public int getOpVersion() {
        return 13;
    }

    @Override
    public String getOpDomain() {
        return "ai.onnx";
    }
}
