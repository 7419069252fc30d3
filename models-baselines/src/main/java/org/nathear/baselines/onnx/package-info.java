/**
 * ONNX model folders ({@code model.onnx} with a {@code model.json} descriptor) run through ONNX Runtime,
 * discovered by the {@code onnx:} model provider. The only package that may use ONNX Runtime.
 */
package org.nathear.baselines.onnx;
