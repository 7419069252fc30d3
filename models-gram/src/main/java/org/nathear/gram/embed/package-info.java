/**
 * Embedding extraction from a trained GRAM encoder: 2 s chunks, scene and timestamp embeddings.
 */
package org.nathear.gram.embed;
