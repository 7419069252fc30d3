/**
 * JMH micro-benchmarks: nathear's kernels timed in isolation (log-mel front end, FFT convolution,
 * bootstrap intervals, HEAR-Naive embeddings). Built by the README's build into
 * {@code benchmarks/target/benchmarks.jar} with its class path in {@code benchmarks/target/lib}; run by the
 * {@code tools/bench} scripts or directly with {@code org.openjdk.jmh.Main} (docs/performance.md).
 */
package org.nathear.benchmarks;
