package org.nathear.results.schema;

/**
 * @param extractionSeconds  wall time to get embeddings (including cache reads)
 * @param probeSeconds       wall time for grid search, training and testing the probes
 * @param clipsEmbedded      clips that went through the model in this run
 * @param clipsFromCache     clips whose embeddings came from the cache
 */
public record Timings(double extractionSeconds, double probeSeconds, int clipsEmbedded, int clipsFromCache) {
}
