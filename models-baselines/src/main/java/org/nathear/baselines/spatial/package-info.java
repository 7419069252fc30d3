/**
 * Spatial-Naive: log-mel features with intensity vectors (FOA) or interaural cues (binaural), the spatial
 * baseline.
 */
package org.nathear.baselines.spatial;
