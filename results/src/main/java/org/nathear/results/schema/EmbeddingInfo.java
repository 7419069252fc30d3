package org.nathear.results.schema;

/**
 * @param kind       {@code scene} or {@code timestamp}
 * @param dimension  embedding length
 * @param cacheKey   content-addressed key of the cached embeddings
 */
public record EmbeddingInfo(String kind, int dimension, String cacheKey) {
}
