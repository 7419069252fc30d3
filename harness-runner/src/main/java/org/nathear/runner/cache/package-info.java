/**
 * The content-addressed on-disk embedding cache and the memory-mapped matrices of embeddings that the probes
 * read.
 */
package org.nathear.runner.cache;
