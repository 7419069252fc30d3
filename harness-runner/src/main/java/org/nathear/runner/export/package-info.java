/**
 * {@code nathear export-embeddings}: writes embeddings, labels, file names and timestamps in hear-eval-kit's
 * layout, for probes fitted in Python.
 */
package org.nathear.runner.export;
