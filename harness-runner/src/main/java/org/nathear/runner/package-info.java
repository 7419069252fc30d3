/**
 * The harness runner: the {@code nathear} command line, plugin discovery, the embedding cache, the probes and
 * the evaluation protocol. {@link org.nathear.runner.HarnessVersion} identifies the build in result files.
 */
package org.nathear.runner;
