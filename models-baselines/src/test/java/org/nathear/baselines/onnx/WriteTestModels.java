package org.nathear.baselines.onnx;

import java.nio.file.Path;

/**
 * Writes the test graphs of {@link OnnxTestModels} as ONNX model folders, for trying the CLI by
 * hand and for the evidence in {@code docs/adding-a-model.md}:
 * {@code java -cp ... org.nathear.baselines.onnx.WriteTestModels DIR}.
 */
public final class WriteTestModels {
    private WriteTestModels() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: WriteTestModels DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        for (Path folder : new Path[] {
            OnnxTestModels.waveScene(dir.resolve("wave-scene")),
            OnnxTestModels.logMelFrames(dir.resolve("logmel-frames")),
            OnnxTestModels.foaFrames(dir.resolve("foa-frames")),
            OnnxTestModels.nanScene(dir.resolve("broken-nan")),
            OnnxTestModels.wrongDimScene(dir.resolve("broken-wrong-dim"))}) {
            System.out.println(folder.toAbsolutePath());
        }
    }
}
